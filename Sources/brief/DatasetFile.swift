import BriefData
import BriefDiagnostics
import Foundation

/// Reads a data file a user hands to `brief new dataset`, whatever its format: the one call to
/// extend when Brief learns a new format (a spreadsheet reader adds its case here).
enum DatasetFile {
    /// The file extensions `read` understands, lowercase.
    static let extensions = ["csv", "json"]

    /// The dataset in the file at `path`, its columns typed by inference (no metadata yet).
    static func read(_ path: String, name: String) throws(DiagnosticError) -> Dataset {
        let at = SourceLocation(path: path, line: 1, column: 1)
        let ext = (path as NSString).pathExtension.lowercased()
        guard extensions.contains(ext) else {
            throw DiagnosticError([.error(at: at, "brief reads datasets from .csv and .json files, not .\(ext)",
                                          hint: ext == "xlsx" || ext == "xls" ? "save the sheet as CSV (UTF-8) and run this again" : nil)])
        }
        guard let data = FileManager.default.contents(atPath: path) else {
            throw DiagnosticError([.error(at: at, "cannot read \(path)")])
        }
        let text = try SourceText.decode([UInt8](data), path: path)
        let empty = DatasetMetadata(title: "", source: "", path: path)
        do {
            return try Dataset.parse(text, name: name, path: path, metadata: empty)
        } catch {
            throw DiagnosticError(error.diagnostics.map { d in
                var d = d
                if d.sourceLine == nil { d.sourceLine = SourceText.line(d.location.line, of: text) }
                return d
            })
        }
    }
}
