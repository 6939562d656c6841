@testable import BriefMarkdown
import Foundation
import Testing

/// `MarkdownDocument` against the real libcmark: where elements are, what their text is, what
/// safe rendering leaves of hostile input, and the node swaps Brief makes before rendering.
@Suite struct MarkdownDocumentTests {
    /// Each element as "kind line:column detail", the way the tests compare them.
    func outline(_ document: MarkdownDocument) -> [String] {
        document.elements().map { e in
            switch e.kind {
            case .codeBlock(let info, let literal): "block \(e.line):\(e.column) \(info) \(literal.debugDescription)"
            case .codeSpan(let literal): "span \(e.line):\(e.column) \(literal)"
            case .link(let url, let isImage, let text): "\(isImage ? "image" : "link") \(e.line):\(e.column) \(url) \(text.debugDescription)"
            case .heading(let level, let text):
                "h\(level) \(e.line):\(e.column) \(text.trimmingCharacters(in: .whitespaces).debugDescription)"
            case .paragraph: "paragraph \(e.line):\(e.column)"
            case .text(let literal): "text \(e.line):\(e.column) \(literal.debugDescription)"
            }
        }
    }

    // MARK: Positions

    @Test func positionsInNestedLists() {
        let doc = MarkdownDocument("""
            - one
              - two `code`
                1. three [link](a.md)
            """)
        #expect(outline(doc) == [
            "span 2:10 code",
            "link 3:14 a.md \"link\"",
        ])
    }

    @Test func positionsInBlockQuotesAndIndentedFences() {
        let doc = MarkdownDocument("""
            > quote ![alt *em* `c`](x.png)
            > ```chart
            > type: line
            > ```

               ```table
               data: x
               ```
            """)
        #expect(outline(doc) == [
            "image 1:9 x.png \"alt em c\"",
            "span 1:21 c",
            "block 2:3 chart \"type: line\\n\"",
            "block 6:4 table \"data: x\\n\"",
        ])
    }

    @Test func positionsAreTheFilesWhenFrontMatterIsBlankedOut() {
        // BodyRenderer blanks the front matter's lines; cmark must then count from the file's line 1.
        let doc = MarkdownDocument("\n\n\n\n# Title\n\nText `@x.y[z]`\n")
        #expect(outline(doc) == ["h1 5:1 \"Title\"", "span 7:7 @x.y[z]"])
    }

    @Test func deepNestingIsWalkedWithoutRecursion() {
        // 20,000 nested quotes and list items: a recursive walk would exhaust the stack.
        let depth = 20_000
        let quotes = MarkdownDocument(String(repeating: ">", count: depth) + " deep `x` [l](u.md)\n")
        #expect(outline(quotes).count == 2)
        #expect(quotes.plainText().contains("deep x l"))
        #expect(quotes.renderHTML().contains("<code>x</code>"))
        let lists = MarkdownDocument((0..<2000).map { String(repeating: "  ", count: $0) + "- item \($0)" }.joined(separator: "\n"))
        #expect(lists.plainText().contains("item 1999"))
        #expect(lists.renderHTML().components(separatedBy: "<ul>").count - 1 == 2000)
    }

    // MARK: Text

    @Test func headingTextIsPlainTextOfAllItsInlines() {
        let doc = MarkdownDocument("## Head *em* `c` [l](b.md)\n\nSetext\n---\n")
        let headings = doc.elements().compactMap { e -> String? in
            if case .heading(let level, let text) = e.kind { return "\(level) \(text.trimmingCharacters(in: .whitespaces))" }
            return nil
        }
        #expect(headings == ["2 Head em c l", "2 Setext"])
    }

    @Test func plainTextForSearchHasNoMarkupAndSeparatesBlocks() {
        let doc = MarkdownDocument("""
            # Trade

            Exports *rose* to **$6.8bn** in `FY2021-22`,
            see [the brief](x.md) and ![a chart](c.png).

            <b>raw</b>

            - one
            - two
            """)
        let text = doc.plainText()
        #expect(!text.contains("*") && !text.contains("[") && !text.contains("<") && !text.contains("`"))
        #expect(text.contains("Trade"))
        #expect(text.contains("Exports rose to $6.8bn in FY2021-22, see the brief and a chart."))
        #expect(text.contains("one two"))
        // Raw HTML tags are not text; the words between them are.
        #expect(text.contains(" raw "))
    }

    @Test func altTextAndLinkTextAreTheirPlainText() {
        let doc = MarkdownDocument("![Exports *by* `year`, **2022**](c.png) [see *this*](x.md)\n")
        #expect(outline(doc) == [
            "image 1:1 c.png \"Exports by year, 2022\"",
            "span 1:17 year",
            "link 1:41 x.md \"see this\"",
        ])
        #expect(doc.renderHTML().contains("alt=\"Exports by year, 2022\""))
    }

    // MARK: Safe rendering

    @Test func rawHTMLBecomesACommentAndDangerousURLsAreEmptied() {
        let html = MarkdownDocument("""
            <script>alert(1)</script>

            Text <img src=x onerror=alert(1)> and <b>bold</b>.

            [a](javascript:alert(1)) [b](JAVASCRIPT:x) [c](vbscript:x) [d](file:///etc/passwd)
            [e](data:text/html,x) ![f](data:image/png;base64,AA) [g](https://ok.example/a?b=1&c=2) <javascript:alert(1)>
            """).renderHTML()
        #expect(!html.contains("<script") && !html.contains("<img src=x") && !html.contains("<b>"))
        #expect(html.components(separatedBy: "<!-- raw HTML omitted -->").count - 1 == 4)
        for label in ["a", "b", "c", "d", "e"] {
            #expect(html.contains("<a href=\"\">\(label)</a>"), "\(label): \(html)")
        }
        #expect(!html.lowercased().contains("javascript:alert(1)\""))
        #expect(html.contains("<a href=\"\">javascript:alert(1)</a>"))
        #expect(html.contains("<img src=\"data:image/png;base64,AA\" alt=\"f\" />"))
        #expect(html.contains("<a href=\"https://ok.example/a?b=1&amp;c=2\">g</a>"))
    }

    @Test func aURLSetByBriefIsCheckedByTheSameRule() {
        let doc = MarkdownDocument("[a](x.md) [b](y.md)\n")
        let links = doc.elements()
        #expect(links.count == 2)
        doc.setURL(links[0], "../x/index.html")
        doc.setURL(links[1], "javascript:alert(1)")
        let html = doc.renderHTML()
        #expect(html.contains("<a href=\"../x/index.html\">a</a>"))
        #expect(html.contains("<a href=\"\">b</a>"))
    }

    @Test func smartPunctuation() {
        #expect(MarkdownDocument("A -- B --- C \"q\" it's\n").renderHTML() == "<p>A – B — C “q” it’s</p>\n")
    }

    // MARK: Swaps

    @Test func blockSwapPutsGeneratedHTMLWhereTheFenceWas() {
        let doc = MarkdownDocument("Before.\n\n```chart\ntype: line\n```\n\n> ```table\n> data: x\n> ```\n\nAfter.\n")
        let blocks = doc.elements()
        #expect(blocks.count == 2)
        doc.replaceBlock(blocks[0], withHTML: "<figure id=\"chart-1\"><svg></svg></figure>")
        doc.replaceBlock(blocks[1], withHTML: "<table><tr><td>1</td></tr></table>")
        #expect(doc.renderHTML() == """
            <p>Before.</p>
            <figure id="chart-1"><svg></svg></figure>
            <blockquote>
            <table><tr><td>1</td></tr></table>
            </blockquote>
            <p>After.</p>

            """)
        // The swapped nodes are no longer elements; the document still walks cleanly.
        #expect(doc.elements().isEmpty)
    }

    @Test func inlineSwapReplacesACodeSpanInItsParagraph() {
        let doc = MarkdownDocument("Exports reached `@sbp.exports[FY2021-22]` million.\n")
        let spans = doc.elements()
        #expect(spans.count == 1)
        doc.replaceInline(spans[0], withHTML: "<data value=\"6798.982\">6,798.982</data>")
        #expect(doc.renderHTML() == "<p>Exports reached <data value=\"6798.982\">6,798.982</data> million.</p>\n")
    }

    @Test func aSwapCmarkRefusesLeavesTheDocumentAsItWas() {
        let text = "Text `span` here.\n\n```chart\ntype: line\n```\n"
        let doc = MarkdownDocument(text)
        let original = doc.renderHTML()
        let elements = doc.elements()
        #expect(elements.count == 2)
        // A block cannot sit inside a paragraph, nor an inline directly in the document.
        doc.replaceBlock(elements[0], withHTML: "<div>block</div>")
        doc.replaceInline(elements[1], withHTML: "<span>inline</span>")
        #expect(doc.renderHTML() == original)
        #expect(outline(doc) == outline(MarkdownDocument(text)))
        // A node already swapped out cannot be swapped again: the first swap stays.
        doc.replaceBlock(elements[1], withHTML: "<div>first</div>")
        doc.replaceBlock(elements[1], withHTML: "<div>second</div>")
        let html = doc.renderHTML()
        #expect(html.contains("<div>first</div>") && !html.contains("second"))
    }

    @Test func headingIDIsAddedAndTheHeadingKeepsItsInlinesAndRewrites() {
        let doc = MarkdownDocument("## Trade *rose* `@x` [see](a.md)\n\nBody.\n")
        let elements = doc.elements()
        #expect(elements.count == 3)
        // Rewrites made before the id is set are part of the heading's HTML.
        doc.setURL(elements[2], "../a/index.html")
        doc.replaceInline(elements[1], withHTML: "<data value=\"1\">1</data>")
        doc.setHeadingID(elements[0], "trade-rose")
        #expect(doc.renderHTML() == """
            <h2 id="trade-rose">Trade <em>rose</em> <data value="1">1</data> <a href="../a/index.html">see</a></h2>
            <p>Body.</p>

            """)
    }

    @Test func headingTextIsEscapedInsideTheIDdHeading() {
        let doc = MarkdownDocument("# A < B & \"C\" <i>x</i>\n")
        doc.setHeadingID(doc.elements()[0], "a-b-c")
        #expect(doc.renderHTML() == "<h1 id=\"a-b-c\">A &lt; B &amp; “C” <!-- raw HTML omitted -->x<!-- raw HTML omitted --></h1>\n")
    }

    @Test func unexpectedCmarkOutputLeavesTheHeadingWithoutAnID() throws {
        let doc = MarkdownDocument("## Two\n\n```chart\nx\n```\n")
        let elements = doc.elements()
        let heading = try #require(elements.first)
        // An element that claims level 3 for an <h2>: cmark's output does not start with "<h3>".
        let wrongLevel = MarkdownElement(kind: .heading(level: 3, text: "Two"), line: heading.line, column: heading.column,
                                         node: heading.node)
        doc.setHeadingID(wrongLevel, "two")
        // Not a heading at all.
        doc.setHeadingID(elements[1], "block")
        #expect(doc.renderHTML() == "<h2>Two</h2>\n<pre><code class=\"language-chart\">x\n</code></pre>\n")
    }

    @Test func emptyAndWhitespaceDocuments() {
        for text in ["", "\n\n", "   \n\t\n"] {
            let doc = MarkdownDocument(text)
            #expect(doc.elements().isEmpty)
            #expect(doc.renderHTML() == "")
            #expect(doc.plainText().trimmingCharacters(in: .whitespacesAndNewlines).isEmpty)
        }
    }
}
