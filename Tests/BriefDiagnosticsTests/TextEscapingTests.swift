import BriefDiagnostics
import Foundation
import Testing

/// `TextEscaping.html` has a fast path (scan for a byte that needs escaping, else return the
/// input) and a slow path. Each special character is tested on its own, so a fast path that stops
/// looking for one of them cannot hide behind another in the same string.
@Suite struct TextEscapingTests {
    struct Case: Sendable, CustomTestStringConvertible {
        let input: String
        let output: String
        var testDescription: String { input.debugDescription }
    }

    static let htmlCases: [Case] = [
        Case(input: "<", output: "&lt;"),
        Case(input: ">", output: "&gt;"),
        Case(input: "\"", output: "&quot;"),
        Case(input: "'", output: "&#39;"),
        Case(input: "&", output: "&amp;"),
        Case(input: "Up <img src=x onerror=alert(1)//", output: "Up &lt;img src=x onerror=alert(1)//"),
        Case(input: "a<b", output: "a&lt;b"),
        Case(input: "a>b", output: "a&gt;b"),
        Case(input: "say \"hi", output: "say &quot;hi"),
        Case(input: "it's", output: "it&#39;s"),
        Case(input: "R&D", output: "R&amp;D"),
        Case(input: "&lt;", output: "&amp;lt;"),
        Case(input: "bell\u{07}", output: "bell"),
        Case(input: "nul\u{00}x", output: "nulx"),
        Case(input: "cr\r", output: "cr"),
        Case(input: "tab\tand\nnewline", output: "tab\tand\nnewline"),
        Case(input: "not a char \u{FFFE}\u{FFFF}", output: "not a char "),
        Case(input: "Pakistan–US • 6,798.982 😀", output: "Pakistan–US • 6,798.982 😀"),
        Case(input: "", output: ""),
    ]

    @Test(arguments: htmlCases)
    func htmlEscapesEachSpecialCharacterOnItsOwn(_ c: Case) {
        #expect(TextEscaping.html(c.input) == c.output)
    }

    static let jsonCases: [Case] = [
        Case(input: "plain", output: "\"plain\""),
        Case(input: "<", output: "\"\\u003c\""),
        Case(input: ">", output: "\"\\u003e\""),
        Case(input: "&", output: "\"\\u0026\""),
        Case(input: "\"", output: "\"\\\"\""),
        Case(input: "\\", output: "\"\\\\\""),
        Case(input: "</script>", output: "\"\\u003c/script\\u003e\""),
        Case(input: "a\nb\rc\td", output: "\"a\\nb\\rc\\td\""),
        Case(input: "\u{01}\u{7F}", output: "\"\\u0001\\u007f\""),
        Case(input: "line\u{2028}para\u{2029}", output: "\"line\\u2028para\\u2029\""),
        Case(input: "– é 😀", output: "\"– é 😀\""),
    ]

    @Test(arguments: jsonCases)
    func jsonEscapesEachSpecialCharacterOnItsOwn(_ c: Case) {
        #expect(TextEscaping.json(c.input) == c.output)
    }

    /// Random strings over an alphabet rich in the characters that matter: the output never holds
    /// a character that could open a tag or end an attribute, and unescaping gives back the input
    /// (less the characters XML cannot hold).
    @Test func htmlPropertyNoMarkupAndRoundTrips() {
        var random = SplitMix64(seed: 0xE5CA9E)
        var escapedSomething = 0
        for _ in 0..<5000 {
            let input = random.string(from: Self.alphabet, maxLength: 24)
            let output = TextEscaping.html(input)
            for forbidden in ["<", ">", "\"", "'"] {
                #expect(!output.contains(forbidden), "\(input.debugDescription) → \(output.debugDescription)")
            }
            #expect(unescapeHTML(output) == xmlCharacters(input), "\(input.debugDescription) → \(output.debugDescription)")
            if output != input { escapedSomething += 1 }
        }
        // The alphabet makes most strings need escaping; the property is not checked on plain text only.
        #expect(escapedSomething > 2500)
    }

    /// The same for JSON: the output is a JSON string that Foundation reads back as the input,
    /// and it never holds `<`, `>` or `&` (so it is safe inside a `<script>`).
    @Test func jsonPropertyParsesBackAndIsScriptSafe() throws {
        var random = SplitMix64(seed: 0x15015)
        for _ in 0..<3000 {
            let input = random.string(from: Self.alphabet + ["\\", "\u{2028}", "\u{7F}"], maxLength: 24)
            let output = TextEscaping.json(input)
            for forbidden in ["<", ">", "&", "\u{2028}", "\u{2029}", "\n"] {
                #expect(!output.contains(forbidden), "\(input.debugDescription) → \(output)")
            }
            let parsed = try JSONSerialization.jsonObject(with: Data(output.utf8), options: [.fragmentsAllowed]) as? String
            #expect(parsed == input, "\(input.debugDescription) → \(output)")
        }
    }

    static let alphabet = ["<", ">", "\"", "'", "&", "a", "b", " ", "é", "😀", "\t", "\n", "\r", "\u{01}", "\u{FFFE}",
                           "&amp;", "#", ";", "–"]

    /// The five entities `html` writes, undone (`&amp;` last, so `&amp;lt;` stays `&lt;`).
    func unescapeHTML(_ s: String) -> String {
        s.replacingOccurrences(of: "&lt;", with: "<")
            .replacingOccurrences(of: "&gt;", with: ">")
            .replacingOccurrences(of: "&quot;", with: "\"")
            .replacingOccurrences(of: "&#39;", with: "'")
            .replacingOccurrences(of: "&amp;", with: "&")
    }

    /// `s` without the characters XML 1.0 cannot hold (controls other than tab and newline, U+FFFE/F).
    func xmlCharacters(_ s: String) -> String {
        var out = String.UnicodeScalarView()
        for c in s.unicodeScalars where !((c.value < 0x20 && c != "\t" && c != "\n") || c.value == 0xFFFE || c.value == 0xFFFF) {
            out.append(c)
        }
        return String(out)
    }
}

/// A small deterministic generator (SplitMix64), so a failing input can be reproduced.
struct SplitMix64: RandomNumberGenerator {
    var state: UInt64
    init(seed: UInt64) { state = seed }
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }

    mutating func string(from alphabet: [String], maxLength: Int) -> String {
        let count = Int(next() % UInt64(maxLength + 1))
        var s = ""
        for _ in 0..<count { s += alphabet[Int(next() % UInt64(alphabet.count))] }
        return s
    }
}
