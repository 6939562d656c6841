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

    @Test func randomJSONNeverCrashes() {
        for seed in 0..<3000 as Range<UInt64> {
            let text = "[{" + randomText(Self.jsonTokens, seed: seed, length: 30)
            _ = jsonErrors(text)
            _ = jsonErrors(randomText(Self.jsonTokens, seed: seed &+ 99_999, length: 30))
        }
    }

    @Test func errorsStayWithinTheText() {
        for seed in 0..<500 as Range<UInt64> {
            let text = randomText(Self.csvTokens, seed: seed, length: 40)
            let lineCount = text.split(omittingEmptySubsequences: false) { $0 == "\n" || $0 == "\r" || $0 == "\r\n" }.count
            for diagnostic in csvErrors(text) where diagnostic.location.path == "data/t.csv" {
                #expect(diagnostic.location.line <= lineCount, "seed \(seed): \(text.debugDescription)")
            }
        }
    }
}
