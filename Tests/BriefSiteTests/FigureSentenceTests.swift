import Testing
@testable import BriefSite

/// The sentence the change report shows beside a figure: found from the paragraph's sentence
/// starts, whole when it is of a reader's length, cut on block boundaries when it is not.
struct FigureSentenceTests {
    /// The sentence around the first code span of `text`.
    func sentence(_ text: String) -> String {
        let bytes = Array(text.utf8)
        let column = (bytes.firstIndex(of: UInt8(ascii: "`")) ?? 0) + 1
        let found = BodyRenderer.sentenceRange(in: bytes, starts: BodyRenderer.sentenceStarts(in: bytes), atColumn: column)
        return BodyRenderer.sentence(in: bytes, found.range, cutBefore: found.cutBefore, cutAfter: found.cutAfter) { $0 }
    }

    @Test func theFiguresOwnSentenceOnly() {
        let text = "Imports fell. Exports rose to `@x.y[1]` in the year! Then they fell? Yes."
        #expect(sentence(text) == "Exports rose to `@x.y[1]` in the year!")
    }

    @Test func aSentenceLongerThanTheReachIsCutAndMarked() {
        let words = String(repeating: "word ", count: BodyRenderer.sentenceReach / 5 + 50)
        let text = words + "`@x.y[1]` " + words + "end."
        let shown = sentence(text)
        #expect(shown.hasPrefix("…") && shown.hasSuffix("…"))
        #expect(shown.contains("`@x.y[1]`"))
        #expect(shown.utf8.count < text.utf8.count)
    }

    @Test func linkTextsStopAtTheirReach() {
        #expect(BodyRenderer.linkTexts("see [the table](t.md) here") == "see the table here")
        let far = "[" + String(repeating: "a", count: BodyRenderer.linkReach + 10) + "](u)"
        #expect(BodyRenderer.linkTexts(far) == far)
    }
}
