import BriefData
import BriefDiagnostics
import Testing

private let path = "Content/data/t.yml"

private func at(_ line: Int, _ column: Int) -> Location {
    Location(path: path, line: line, column: column)
}

private func text(_ value: String, _ line: Int, _ column: Int) -> YAMLNode {
    .scalar(value, quoted: false, at: at(line, column))
}

/// `key: value` on `line`, the key at column `indent + 1` and the value two columns after the colon.
private func entry(_ key: String, _ line: Int, indent: Int = 0, _ value: (Int, Int) -> YAMLNode) -> YAMLEntry {
    YAMLEntry(key: key, keyLocation: at(line, indent + 1), value: value(line, indent + key.count + 3))
}

private func scalarEntry(_ key: String, _ value: String, _ line: Int, indent: Int = 0) -> YAMLEntry {
    entry(key, line, indent: indent) { text(value, $0, $1) }
}

private func mapping(_ entries: [YAMLEntry], _ line: Int = 1, _ column: Int = 1) -> YAMLNode {
    .mapping(entries, at: at(line, column))
}

private func decodeErrors(_ node: YAMLNode) -> [Diagnostic] {
    do throws(DiagnosticError) {
        _ = try DatasetMetadata.decode(node, path: path)
        return []
    } catch {
        return error.diagnostics
    }
}

@Suite struct MetadataDecodingTests {
    @Test func decodesEveryKey() throws {
        let node = mapping([
            scalarEntry("title", "Pakistan's trade with the US (SBP)", 1),
            scalarEntry("source", "State Bank of Pakistan", 2),
            scalarEntry("source_url", "https://example.org/sbp", 3),
            scalarEntry("publisher", "Associated Press of Pakistan", 4),
            scalarEntry("retrieved", "2026-11-20", 5),
            scalarEntry("units", "USD millions", 6),
            scalarEntry("license", "CC BY 4.0", 7),
            scalarEntry("notes", "Some notes", 8),
            scalarEntry("period", "Pakistan fiscal year (July–June)", 9),
            scalarEntry("confidence", "high", 10),
            scalarEntry("caveats", "Revised later", 11),
            entry("columns", 12) { _, _ in
                mapping([
                    entry("fiscal_year", 13, indent: 2) { line, column in
                        mapping([scalarEntry("type", "text", line, indent: 16),
                                 scalarEntry("label", "Fiscal year", line, indent: 28)], line, column)
                    },
                    entry("exports", 14, indent: 2) { line, column in
                        mapping([scalarEntry("type", "number", line, indent: 12),
                                 scalarEntry("unit", "USD millions", line, indent: 26)], line, column)
                    },
                    entry("empty", 15, indent: 2) { line, column in .null(at: at(line, column)) },
                ], 13, 3)
            },
        ])
        let metadata = try DatasetMetadata.decode(node, path: path)
        #expect(metadata.title == "Pakistan's trade with the US (SBP)")
        #expect(metadata.source == "State Bank of Pakistan")
        #expect(metadata.sourceURL == "https://example.org/sbp")
        #expect(metadata.publisher == "Associated Press of Pakistan")
        #expect(metadata.retrieved == "2026-11-20")
        #expect(metadata.units == "USD millions")
        #expect(metadata.license == "CC BY 4.0")
        #expect(metadata.notes == "Some notes")
        #expect(metadata.period == "Pakistan fiscal year (July–June)")
        #expect(metadata.confidence == "high")
        #expect(metadata.caveats == "Revised later")
        #expect(metadata.path == path)
        #expect(metadata.columns["fiscal_year"] == ColumnMetadata(type: .text, label: "Fiscal year", location: at(13, 3)))
        #expect(metadata.columns["exports"] == ColumnMetadata(type: .number, unit: "USD millions", location: at(14, 3)))
        #expect(metadata.columns["empty"] == ColumnMetadata(location: at(15, 3)))
    }

    @Test func onlyTitleAndSourceAreRequired() throws {
        let metadata = try DatasetMetadata.decode(
            mapping([scalarEntry("title", "T", 1), scalarEntry("source", "S", 2), entry("notes", 3) { .null(at: at($0, $1)) }]),
            path: path)
        #expect(metadata == DatasetMetadata(title: "T", source: "S", path: path))
    }

    @Test func unknownKeyWithDidYouMean() {
        let errors = decodeErrors(mapping([
            scalarEntry("title", "T", 1), scalarEntry("sorce", "S", 2), scalarEntry("palette", "red", 3),
        ]))
        #expect(summary(errors) == [
            "Content/data/t.yml:1:1: dataset metadata needs 'source'",
            "Content/data/t.yml:2:1: unknown key 'sorce' in dataset metadata",
            "Content/data/t.yml:3:1: unknown key 'palette' in dataset metadata",
        ])
        #expect(errors[1].hint == "did you mean 'source'?")
        #expect(errors[2].hint == "the keys are " + DatasetMetadata.keys.joined(separator: ", "))
    }

    @Test func missingRequiredKeysPointAtTheMapping() {
        let errors = decodeErrors(mapping([scalarEntry("notes", "n", 4)], 4, 1))
        #expect(summary(errors) == [
            "Content/data/t.yml:4:1: dataset metadata needs 'source'",
            "Content/data/t.yml:4:1: dataset metadata needs 'title'",
        ])
        #expect(summary(decodeErrors(.null(at: at(1, 1)))) == [
            "Content/data/t.yml:1:1: dataset metadata needs 'source'",
            "Content/data/t.yml:1:1: dataset metadata needs 'title'",
        ])
    }

    @Test func wrongKinds() {
        let errors = decodeErrors(mapping([
            entry("title", 1) { .sequence([text("a", $0, $1 + 1)], at: at($0, $1)) },
            scalarEntry("source", "  ", 2),
            entry("notes", 3) { .mapping([], at: at($0, $1)) },
            scalarEntry("columns", "year", 4),
        ]))
        #expect(summary(errors) == [
            "Content/data/t.yml:1:8: 'title' must be text, not a list",
            "Content/data/t.yml:2:1: 'source' is empty",
            "Content/data/t.yml:3:8: 'notes' must be text, not a mapping",
            "Content/data/t.yml:4:10: 'columns' must map column names to {type, unit, label}, not a single value",
        ])
        #expect(summary(decodeErrors(.sequence([], at: at(1, 1)))) == [
            "Content/data/t.yml:1:1: dataset metadata must be a mapping of keys such as title and source, not a list",
        ])
    }

    @Test func retrievedMustBeADate() {
        let errors = decodeErrors(mapping([
            scalarEntry("title", "T", 1), scalarEntry("source", "S", 2), scalarEntry("retrieved", "Nov 2026", 3),
        ]))
        #expect(summary(errors) == [
            "Content/data/t.yml:3:12: 'retrieved' must be a date written YYYY-MM-DD, not \"Nov 2026\"",
        ])
    }

    @Test func columnErrorsWithDidYouMean() {
        let errors = decodeErrors(mapping([
            scalarEntry("title", "T", 1), scalarEntry("source", "S", 2),
            entry("columns", 3) { _, _ in
                mapping([
                    entry("a", 4, indent: 2) { line, column in
                        mapping([scalarEntry("typ", "number", line, indent: 6)], line, column)
                    },
                    entry("b", 5, indent: 2) { line, column in
                        mapping([scalarEntry("type", "numbr", line, indent: 6)], line, column)
                    },
                    entry("c", 6, indent: 2) { line, column in
                        mapping([scalarEntry("type", "money", line, indent: 6)], line, column)
                    },
                    scalarEntry("d", "number", 7, indent: 2),
                ], 4, 3)
            },
        ]))
        #expect(summary(errors) == [
            "Content/data/t.yml:4:7: unknown key 'typ' in column 'a'",
            "Content/data/t.yml:5:13: unknown column type \"numbr\" for column 'b'",
            "Content/data/t.yml:6:13: unknown column type \"money\" for column 'c'",
            "Content/data/t.yml:7:6: column 'd' must be a mapping such as {type: number, unit: USD millions, label: Exports}, not a single value",
        ])
        #expect(errors.map(\.hint) == [
            "did you mean 'type'?", "did you mean 'number'?", "the types are number, year, date, text", nil,
        ])
    }

    @Test func duplicateKeys() {
        let errors = decodeErrors(mapping([
            scalarEntry("title", "T", 1), scalarEntry("source", "S", 2), scalarEntry("title", "U", 3),
        ]))
        #expect(summary(errors) == ["Content/data/t.yml:3:1: duplicate key 'title' in dataset metadata"])
    }
}
