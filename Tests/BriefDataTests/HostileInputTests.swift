import BriefData
import BriefDiagnostics
import Testing

/// A small deterministic generator (SplitMix64), so every run tries the same inputs.
private struct SplitMix64 {
    var state: UInt64
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
    mutating func pick<T>(_ items: [T]) -> T { items[Int(next() % UInt64(items.count))] }
}

private func randomText(_ tokens: [String], seed: UInt64, length: Int) -> String {
    var random = SplitMix64(state: seed)
    var text = ""
    for _ in 0..<(Int(random.next() % UInt64(length)) + 1) { text += random.pick(tokens) }
    return text
}

private func comparable(_ value: Value) -> String {
    value.number.map { "\($0)" } ?? value.text
}

@Suite struct HostileInputTests {
    private static let csvTokens = [
        "a", "b", "year", ",", ",", "\"", "\"\"", "\n", "\n", "\r\n", "\r", " ", "1", "2.5", "-", ".", "e",
        "2020", "2020-01-31", "é", "😀", "\u{FEFF}", "\t", "x\"y",
    ]
    private static let jsonTokens = [
        "[", "]", "{", "}", ",", ":", "\"a\"", "\"b\"", "\"", "\\", "\\u", "d83d", "1", "-0.5e3", "01", "true",
        "false", "null", "NaN", "Infinity", " ", "\n", "\"2020-01-01\"", "é",
    ]

    @Test func randomCSVNeverCrashesAndRoundTrips() throws {
        var parsed = 0
        for seed in 0..<3000 as Range<UInt64> {
            let text = randomText(Self.csvTokens, seed: seed, length: 40)
            guard let data = try? csv(text) else { continue }
            parsed += 1
            guard let again = try? csv(data.csvText()) else {
                Issue.record("seed \(seed): csvText of \(text.debugDescription) does not parse")
                continue
            }
            #expect(again.columns == data.columns, "seed \(seed): \(text.debugDescription)")
            // JSON keeps numbers' values but writes them as JSON numbers (`+5` → `5`), and an empty
            // table has no keys to name its columns.
            guard data.rowCount > 0 else { continue }
            let viaJSON = try json(data.jsonText())
            #expect(viaJSON.columnNames == data.columnNames, "seed \(seed): \(text.debugDescription)")
            #expect(viaJSON.columns.map(\.type) == data.columns.map(\.type), "seed \(seed): \(text.debugDescription)")
            #expect(viaJSON.columns.map { $0.values.map(comparable) } == data.columns.map { $0.values.map(comparable) },
                    "seed \(seed): \(text.debugDescription)")
        }
        #expect(parsed > 100)
    }

    /// Random token soup after `[{` and on its own: every input either parses into a dataset whose
    /// JSON re-reads the same, or fails with at least one diagnostic located inside the text. Never
    /// a silent result: no dataset and no error.
    @Test func randomJSONYieldsADatasetOrALocatedError() throws {
        var parsed = 0, failed = 0, validParsed = 0
        for seed in 0..<3000 as Range<UInt64> {
            // A valid table of flat objects: it must parse. Then the same with one random token
            // spliced in, and pure token soup: either outcome, but never silence.
            let valid = validJSONTable(seed: seed)
            if let data = try? json(valid.text) {
                validParsed += 1
                #expect(data.rowCount == valid.rows, "seed \(seed): \(valid.text.debugDescription)")
            } else {
                Issue.record("seed \(seed): a valid table did not parse: \(valid.text.debugDescription) \(summary(jsonErrors(valid.text)))")
            }
            var random = SplitMix64(state: seed &* 31)
            var spliced = Array(valid.text.unicodeScalars)
            spliced.insert(contentsOf: random.pick(Self.jsonTokens).unicodeScalars, at: Int(random.next() % UInt64(spliced.count + 1)))
            let corrupted = String(String.UnicodeScalarView(spliced))
            for text in [corrupted, "[{" + randomText(Self.jsonTokens, seed: seed, length: 30),
                         randomText(Self.jsonTokens, seed: seed &+ 99_999, length: 30)] {
                let lines = text.split(separator: "\n", omittingEmptySubsequences: false)
                do throws(DiagnosticError) {
                    let data = try json(text)
                    parsed += 1
                    guard data.rowCount > 0, let again = try? json(data.jsonText()) else {
                        #expect(data.rowCount == 0, "seed \(seed): jsonText of \(text.debugDescription) does not parse")
                        continue
                    }
                    #expect(again.columnNames == data.columnNames, "seed \(seed): \(text.debugDescription)")
                    #expect(again.rowCount == data.rowCount, "seed \(seed): \(text.debugDescription)")
                } catch {
                    failed += 1
                    #expect(!error.diagnostics.isEmpty, "seed \(seed): failed without a diagnostic: \(text.debugDescription)")
                    for d in error.diagnostics {
                        #expect(d.location.path == "data/t.json" || d.location.path == "data/t.yml", "seed \(seed): \(d)")
                        #expect(d.location.line <= lines.count, "seed \(seed): \(d) is past the last line of \(text.debugDescription)")
                        if d.location.path == "data/t.json", d.location.line <= lines.count {
                            let length = lines[d.location.line - 1].utf8.count
                            #expect(d.location.column <= length + 1, "seed \(seed): \(d) is past the end of its line in \(text.debugDescription)")
                        }
                        #expect(!d.message.isEmpty)
                    }
                }
            }
        }
        #expect(validParsed == 3000)
        // Both outcomes happen among the spliced and random inputs.
        #expect(parsed >= 100, "only \(parsed) inputs parsed")
        #expect(failed >= 3000, "only \(failed) inputs failed")
    }

    /// A JSON array of 1–4 flat objects over the keys a, b, c (each key once per object).
    private func validJSONTable(seed: UInt64) -> (text: String, rows: Int) {
        var random = SplitMix64(state: seed ^ 0xA5A5_5A5A)
        let values = ["1", "-0.5e3", "2.25", "\"x\"", "null", "true", "\"2020-01-01\"", "\"é 😀\"", "\"a\\\"b\"", "\"\\u00e9\""]
        let rows = Int(random.next() % 4) + 1
        var objects: [String] = []
        for _ in 0..<rows {
            let keys = ["a", "b", "c"].filter { _ in random.next() % 3 != 0 }
            let members = (keys.isEmpty ? ["a"] : keys).map { "\"\($0)\": " + random.pick(values) }
            objects.append("{" + members.joined(separator: ", ") + "}")
        }
        let separator = random.next() % 2 == 0 ? ",\n" : ", "
        return ("[" + objects.joined(separator: separator) + "]\n", rows)
    }

    @Test func errorsStayWithinTheText() {
        var located = 0
        for seed in 0..<500 as Range<UInt64> {
            let text = randomText(Self.csvTokens, seed: seed, length: 40)
            let lineCount = text.split(omittingEmptySubsequences: false) { $0 == "\n" || $0 == "\r" || $0 == "\r\n" }.count
            for diagnostic in csvErrors(text) where diagnostic.location.path == "data/t.csv" {
                #expect(diagnostic.location.line <= lineCount, "seed \(seed): \(text.debugDescription)")
                located += 1
            }
        }
        #expect(located >= 100, "only \(located) errors were checked")
    }
}
