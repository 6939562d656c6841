import BriefDiagnostics
import Testing

@Suite struct DiagnosticPrintingTests {
    let at = SourceLocation(path: "Content/briefs/x.md", line: 14, column: 3)

    @Test func printsLikeACompilerWithTheLineAndACaretUnderTheColumn() {
        let d = Diagnostic(.error, at: at, "unknown column \"exprts\" in chart y", hint: "did you mean 'exports'?",
                           sourceLine: "y: exprts")
        #expect(d.formatted() == """
            Content/briefs/x.md:14:3: error: unknown column "exprts" in chart y (did you mean 'exports'?)
            y: exprts
              ^
            """)
        #expect(d.description == d.formatted())
    }

    @Test func caretInTheFirstColumn() {
        let d = Diagnostic.error(at: SourceLocation(path: "a.csv", line: 2, column: 1), "bad")
        var shown = d
        shown.sourceLine = "x,y"
        #expect(shown.formatted() == "a.csv:2:1: error: bad\nx,y\n^")
    }

    @Test func tabsBeforeTheColumnStayTabsSoTheCaretLinesUp() {
        let d = Diagnostic(.warning, at: SourceLocation(path: "p.md", line: 1, column: 4), "w", sourceLine: "\t\tab: c")
        #expect(d.formatted() == "p.md:1:4: warning: w\n\t\tab: c\n\t\t ^")
    }

    @Test func columnsCountCharactersNotBytes() {
        // "é" is two bytes and "😀" four; the caret sits under the fourth character, "x".
        let d = Diagnostic(.error, at: SourceLocation(path: "p.md", line: 1, column: 4), "m", sourceLine: "é😀 x")
        #expect(d.formatted() == "p.md:1:4: error: m\né😀 x\n   ^")
    }

    @Test func withoutASourceLineOnlyTheFirstLinePrints() {
        let d = Diagnostic.warning(at: at, "brief has no summary")
        #expect(d.formatted() == "Content/briefs/x.md:14:3: warning: brief has no summary")
        #expect(!d.formatted().contains("\n"))
    }

    @Test func aVeryLongLineIsCutAt300Characters() {
        let line = String(repeating: "a", count: 1000)
        let d = Diagnostic(.error, at: SourceLocation(path: "p", line: 1, column: 2000), "m", sourceLine: line)
        let printed = d.formatted().split(separator: "\n", omittingEmptySubsequences: false)
        #expect(printed.count == 3)
        #expect(printed[1].count == 300)
        #expect(printed[2] == String(repeating: " ", count: 300) + "^")
    }

    @Test func locationsAreAtLeastOneAndPrintAsPathLineColumn() {
        let zero = SourceLocation(path: "f", line: 0, column: -3)
        #expect(zero.line == 1 && zero.column == 1)
        #expect("\(zero)" == "f:1:1")
    }

    @Test func sortedForOutputPutsErrorsFirstThenByFileLineColumnMessage() {
        let list: [Diagnostic] = [
            .warning(at: SourceLocation(path: "a", line: 1, column: 1), "w"),
            .error(at: SourceLocation(path: "b", line: 2, column: 1), "e2"),
            .error(at: SourceLocation(path: "b", line: 1, column: 9), "z"),
            .error(at: SourceLocation(path: "b", line: 1, column: 9), "a"),
            .error(at: SourceLocation(path: "a", line: 30, column: 1), "e0"),
            Diagnostic(.note, at: SourceLocation(path: "a", line: 1, column: 1), "n"),
        ]
        #expect(list.sortedForOutput().map(\.message) == ["e0", "a", "z", "e2", "w", "n"])
        #expect(list.hasErrors)
        #expect(![Diagnostic.warning(at: at, "w")].hasErrors)
        #expect(![Diagnostic]().hasErrors)
    }
}

@Suite struct SuggestionTests {
    let columns = ["exports_to_us_musd", "imports_from_us_musd", "fiscal_year", "year"]

    @Test func aTypoGetsDidYouMean() {
        #expect(Suggestion.hint(for: "exprts_to_us_musd", in: columns) == "did you mean 'exports_to_us_musd'?")
        #expect(Suggestion.closest(to: "fiscal_yaer", in: columns) == "fiscal_year")
        #expect(Suggestion.closest(to: "yera", in: columns) == "year")
    }

    @Test func caseIsIgnoredWhenComparing() {
        #expect(Suggestion.closest(to: "Fiscal_Yea", in: columns) == "fiscal_year")
    }

    @Test func anExactMatchOrAFarNameGetsNone() {
        #expect(Suggestion.closest(to: "year", in: columns) == nil)
        #expect(Suggestion.closest(to: "population", in: columns) == nil)
        #expect(Suggestion.hint(for: "zz", in: columns) == nil)
        #expect(Suggestion.closest(to: "x", in: []) == nil)
    }

    @Test func shortNamesAllowFewerEdits() {
        // A two-letter name allows one edit (2 / 3 + 1): "xy" is two away, "ax" one.
        #expect(Suggestion.closest(to: "ab", in: ["xy"]) == nil)
        #expect(Suggestion.closest(to: "ab", in: ["ax"]) == "ax")
        // Nine letters allow three edits (9 / 3 + 1 = 4, capped at 3), not four.
        #expect(Suggestion.closest(to: "abcdefghi", in: ["abcdefxyz"]) == "abcdefxyz")
        #expect(Suggestion.closest(to: "abcdefghi", in: ["abcdewxyz"]) == nil)
    }

    @Test func tiesGoToTheFirstInSortedOrder() {
        #expect(Suggestion.closest(to: "cat", in: ["cut", "bat", "car"]) == "bat")
    }
}

@Suite struct SourceTextTests {
    func decode(_ bytes: [UInt8], path: String = "Content/briefs/x.md") -> Result<String, DiagnosticError> {
        do throws(DiagnosticError) {
            return .success(try SourceText.decode(bytes, path: path))
        } catch {
            return .failure(error)
        }
    }

    func firstError(_ bytes: [UInt8], path: String = "Content/briefs/x.md") -> String? {
        guard case .failure(let error) = decode(bytes, path: path), let d = error.diagnostics.first else { return nil }
        return "\(d.location): \(d.message)"
    }

    @Test func aUTF8ByteOrderMarkIsDropped() throws {
        #expect(try decode([0xEF, 0xBB, 0xBF] + Array("title: x\n".utf8)).get() == "title: x\n")
        // Only at the start: a BOM later is text (U+FEFF) and kept.
        #expect(try decode(Array("a\u{FEFF}b".utf8)).get() == "a\u{FEFF}b")
    }

    @Test func lineEndsBecomeLF() throws {
        #expect(try decode(Array("a\r\nb\r\n".utf8)).get() == "a\nb\n")
        #expect(try decode(Array("a\rb\rc".utf8)).get() == "a\nb\nc")
        #expect(try decode(Array("a\r\r\nb".utf8)).get() == "a\n\nb")
        #expect(try decode([0xEF, 0xBB, 0xBF] + Array("x\r\ny".utf8)).get() == "x\ny")
    }

    @Test func invalidUTF8IsLocatedAtItsLineAndColumn() {
        #expect(firstError(Array("ok\nab".utf8) + [0xFF]) == "Content/briefs/x.md:2:3: invalid UTF-8 byte 0xFF; save the file as UTF-8")
        // Latin-1 "é" after two lines with CRLF and one with CR only: line 4.
        #expect(firstError(Array("a\r\nb\r\nc\rcaf".utf8) + [0xE9]) == "Content/briefs/x.md:4:4: invalid UTF-8 byte 0xE9; save the file as UTF-8")
        // Multi-byte characters count as one column each.
        #expect(firstError(Array("é😀".utf8) + [0xC0, 0x80]) == "Content/briefs/x.md:1:3: invalid UTF-8 byte 0xC0; save the file as UTF-8")
    }

    @Test func overlongSurrogateAndTruncatedSequencesAreRefused() {
        for bad: [UInt8] in [[0xC0, 0xAF], [0xE0, 0x80, 0xAF], [0xED, 0xA0, 0x80], [0xF4, 0x90, 0x80, 0x80], [0xE2, 0x82], [0xF0, 0x9F, 0x98]] {
            #expect(firstError(bad)?.hasPrefix("Content/briefs/x.md:1:1: invalid UTF-8 byte") == true, "\(bad)")
        }
    }

    @Test func nulAndUTF16AreRefused() {
        #expect(firstError(Array("ab\ncd".utf8) + [0] + Array("e".utf8)) == "Content/briefs/x.md:2:3: file contains a NUL byte; it is not a text file")
        #expect(firstError([0xFF, 0xFE, 0x61, 0x00]) == "Content/briefs/x.md:1:1: file is UTF-16; save it as UTF-8")
        #expect(firstError([0xFE, 0xFF, 0x00, 0x61]) == "Content/briefs/x.md:1:1: file is UTF-16; save it as UTF-8")
    }

    @Test func markdownOverTheSizeLimitIsRefusedOtherFilesAreNot() {
        let big = [UInt8](repeating: 0x61, count: SourceText.maxMarkdownBytes + 1)
        #expect(firstError(big)?.hasPrefix("Content/briefs/x.md:1:1: file is 4.0 MB; a Markdown file may be at most 4 MB") == true)
        #expect((try? decode(big, path: "Content/data/x.csv").get())?.utf8.count == big.count)
    }

    @Test func lineOfText() {
        let text = "one\ntwo\n\nfour"
        #expect(SourceText.line(1, of: text) == "one")
        #expect(SourceText.line(2, of: text) == "two")
        #expect(SourceText.line(3, of: text) == "")
        #expect(SourceText.line(4, of: text) == "four")
        #expect(SourceText.line(5, of: text) == nil)
        #expect(SourceText.line(0, of: text) == nil)
        #expect(SourceText.line(2, of: "a\n") == "")
    }
}
