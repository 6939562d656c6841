import BriefMarkdown
import Testing

/// cmark's CMARK_OPT_SMART, switched by site.yml's `smart_punctuation`.
@Suite struct SmartPunctuationTests {
    let text = "\"Quoted\" and 'single' -- 1990--91 --- done... `code \"stays\" -- straight`\n"

    @Test func onByDefault() {
        let html = MarkdownDocument(text).renderHTML()
        #expect(html == "<p>\u{201C}Quoted\u{201D} and \u{2018}single\u{2019} \u{2013} 1990\u{2013}91 \u{2014} done\u{2026} <code>code &quot;stays&quot; -- straight</code></p>\n")
    }

    @Test func offLeavesPunctuationAsTyped() {
        let html = MarkdownDocument(text, smartPunctuation: false).renderHTML()
        #expect(html == "<p>&quot;Quoted&quot; and 'single' -- 1990--91 --- done... <code>code &quot;stays&quot; -- straight</code></p>\n")
    }

    @Test func headingsFollowTheSetting() throws {
        let document = MarkdownDocument("## \"A\" -- b\n", smartPunctuation: false)
        let heading = try #require(document.elements().first { if case .heading = $0.kind { true } else { false } })
        document.setHeadingID(heading, "a-b")
        #expect(document.renderHTML() == "<h2 id=\"a-b\">&quot;A&quot; -- b</h2>\n")
    }
}
