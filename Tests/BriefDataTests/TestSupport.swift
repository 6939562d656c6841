import BriefData
import BriefDiagnostics

let testMetadata = DatasetMetadata(title: "Test", source: "Tests", path: "data/t.yml")

func metadata(_ columns: [String: ColumnMetadata]) -> DatasetMetadata {
    var result = testMetadata
    result.columns = columns
    return result
}

func csv(_ text: String, metadata: DatasetMetadata = testMetadata) throws(DiagnosticError) -> Dataset {
    try Dataset.parseCSV(text, name: "t", path: "data/t.csv", metadata: metadata)
}

func json(_ text: String, metadata: DatasetMetadata = testMetadata) throws(DiagnosticError) -> Dataset {
    try Dataset.parseJSON(text, name: "t", path: "data/t.json", metadata: metadata)
}

/// The diagnostics of a parse that must fail; empty when it succeeded.
func failures(_ parse: () throws(DiagnosticError) -> Dataset) -> [Diagnostic] {
    do throws(DiagnosticError) {
        _ = try parse()
        return []
    } catch {
        return error.diagnostics
    }
}

func csvErrors(_ text: String, metadata: DatasetMetadata = testMetadata) -> [Diagnostic] {
    failures { () throws(DiagnosticError) in try csv(text, metadata: metadata) }
}

func jsonErrors(_ text: String, metadata: DatasetMetadata = testMetadata) -> [Diagnostic] {
    failures { () throws(DiagnosticError) in try json(text, metadata: metadata) }
}

/// `path:line:col: message`, the part of a diagnostic the tests pin down exactly.
func summary(_ diagnostics: [Diagnostic]) -> [String] {
    diagnostics.map { "\($0.location): \($0.message)" }
}

func texts(_ column: Column?) -> [String] {
    column?.values.map(\.text) ?? []
}

/// Swift Testing has its own `SourceLocation`; this is Brief's.
typealias Location = BriefDiagnostics.SourceLocation
