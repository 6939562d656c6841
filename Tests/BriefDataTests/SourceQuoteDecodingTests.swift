import BriefData
import BriefDiagnostics
import Testing

private let path = "Content/data/q.yml"

private func at(_ line: Int, _ column: Int) -> Location {
    Location(path: path, line: line, column: column)
}

/// `key: value` at `line`, the key at `column`, the value two columns after the colon.
private func field(_ key: String, _ value: String, _ line: Int, _ column: Int = 5) -> YAMLEntry {
    YAMLEntry(key: key, keyLocation: at(line, column), value: .scalar(value, quoted: false, at: at(line, column + key.count + 2)))
}

/// A metadata file whose `quotes:` (line 3) holds `items`.
private func metadata(quotes: YAMLNode) -> YAMLNode {
    .mapping([
        field("title", "T", 1, 1),
        field("source", "S", 2, 1),
        YAMLEntry(key: "quotes", keyLocation: at(3, 1), value: quotes),
    ], at: at(1, 1))
}

/// One quote starting on `line` with the given fields (each on its own line).
private func quote(_ line: Int, _ fields: [(String, String)]) -> YAMLNode {
    .mapping(fields.enumerated().map { field($1.0, $1.1, line + $0) }, at: at(line, 5))
}

private let good: [(String, String)] = [
    ("url", "https://www.sbp.org.pk/ecodata/Exports-Receipts.pdf"), ("publisher", "State Bank of Pakistan"),
    ("retrieved", "2026-11-20"), ("text", "United States 6,028.193"),
]

private func errors(_ node: YAMLNode) -> [Diagnostic] {
    do throws(DiagnosticError) {
        _ = try DatasetMetadata.decode(node, path: path)
        return []
    } catch {
        return error.diagnostics
    }
}

@Suite struct SourceQuoteDecodingTests {
    @Test func decodesQuotesInOrder() throws {
        var second = good
        second[3] = ("text", "Total 32,106.4")
        let node = metadata(quotes: .sequence([quote(4, good), quote(8, second)], at: at(4, 3)))
        let decoded = try DatasetMetadata.decode(node, path: path)
        #expect(decoded.quotes == [
            SourceQuote(url: "https://www.sbp.org.pk/ecodata/Exports-Receipts.pdf", publisher: "State Bank of Pakistan",
                        retrieved: "2026-11-20", text: "United States 6,028.193", location: at(4, 5)),
            SourceQuote(url: "https://www.sbp.org.pk/ecodata/Exports-Receipts.pdf", publisher: "State Bank of Pakistan",
                        retrieved: "2026-11-20", text: "Total 32,106.4", location: at(8, 5)),
        ])
    }

    @Test func noQuotesKeyMeansNoQuotes() throws {
        let node = YAMLNode.mapping([field("title", "T", 1, 1), field("source", "S", 2, 1)], at: at(1, 1))
        #expect(try DatasetMetadata.decode(node, path: path).quotes.isEmpty)
    }

    @Test func quotesMustBeAList() {
        let found = errors(metadata(quotes: .scalar("see the SBP page", quoted: false, at: at(3, 9))))
        #expect(found.map(\.message) == ["'quotes' must be a list of {url, publisher, retrieved, text}, not a single value"])
        #expect(found.first?.location == at(3, 9))
    }

    @Test func eachQuoteMustBeAMapping() {
        let found = errors(metadata(quotes: .sequence([.scalar("United States 6,028.193", quoted: false, at: at(4, 5))], at: at(4, 3))))
        #expect(found.first?.message.hasPrefix("quote 1 must be a mapping") == true)
        #expect(found.first?.location == at(4, 5))
    }

    @Test func missingKeyIsReportedAtTheQuote() {
        let found = errors(metadata(quotes: .sequence([quote(4, Array(good.dropLast()))], at: at(4, 3))))
        #expect(found.map(\.message) == ["quote 1 needs 'text'"])
        #expect(found.first?.location == at(4, 5))
    }

    @Test func unknownKeySuggestsTheRightOne() {
        var fields = good
        fields[1] = ("publsher", "State Bank of Pakistan")
        let found = errors(metadata(quotes: .sequence([quote(4, fields)], at: at(4, 3))))
        let unknown = found.first { $0.message == "unknown key 'publsher' in quote 1" }
        #expect(unknown?.location == at(5, 5))
        #expect(unknown?.hint?.contains("publisher") == true)
        #expect(found.contains { $0.message == "quote 1 needs 'publisher'" })
    }

    @Test func badURLAndDateArePointedAt() {
        var fields = good
        fields[0] = ("url", "javascript:alert(1)")
        fields[2] = ("retrieved", "20 November 2026")
        let found = errors(metadata(quotes: .sequence([quote(4, fields)], at: at(4, 3))))
        #expect(found.map(\.message) == [
            "'url' of quote 1 must be a web address starting https:// or http://, not \"javascript:alert(1)\"",
            "'retrieved' of quote 1 must be a date written YYYY-MM-DD, not \"20 November 2026\"",
        ])
        #expect(found.map(\.location) == [at(4, 10), at(6, 16)])
    }

    @Test func emptyTextIsAnError() {
        var fields = good
        fields[3] = ("text", "  ")
        let found = errors(metadata(quotes: .sequence([quote(4, fields)], at: at(4, 3))))
        #expect(found.map(\.message) == ["'text' of quote 1 is empty"])
        #expect(found.first?.location == at(7, 5))
    }

    @Test func duplicateKeyIsAnError() {
        let found = errors(metadata(quotes: .sequence([quote(4, good + [("text", "again")])], at: at(4, 3))))
        #expect(found.map(\.message) == ["duplicate key 'text' in quote 1"])
        #expect(found.first?.location == at(8, 5))
    }
}
