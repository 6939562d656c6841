@testable import BriefMarkdown
import Testing

/// The nodes and edits footnotes, citations, cross-references and prose tables are built on.
@Suite struct ProseNodesTests {
    @Test func textAndParagraphsOnlyWhenAsked() {
        let doc = MarkdownDocument("Hello *there*.\n")
        #expect(doc.elements().isEmpty)
        let kinds = doc.elements(includingText: true).map(\.kind)
        #expect(kinds == [.paragraph, .text(literal: "Hello "), .text(literal: "there"), .text(literal: ".")])
    }

    @Test func backslashEscapesAreKnownThoughCmarkMergesThem() throws {
        let doc = MarkdownDocument("A \\@key and @key and \\[^1] [^2]\n")
        let text = try #require(doc.elements(includingText: true).first { if case .text = $0.kind { return true }; return false })
        guard case .text(let literal) = text.kind else { return }
        #expect(literal == "A @key and @key and [^1] [^2]")
        let chars = Array(literal)
        let ats = chars.indices.filter { chars[$0] == "@" }
        let opens = chars.indices.filter { chars[$0] == "[" }
        #expect(text.escapes.contains(ats[0]) && !text.escapes.contains(ats[1]))
        #expect(text.escapes.contains(opens[0]) && !text.escapes.contains(opens[1]))
    }

    @Test func replacingTextWithPiecesEscapesTextAndKeepsHTML() throws {
        let doc = MarkdownDocument("Before <b> after\n")
        let text = try #require(doc.elements(includingText: true).first { $0.kind == .text(literal: "Before ") })
        doc.replaceInline(text, with: [.text("<x> & "), .html("<sup>1</sup>", text: "1")])
        #expect(doc.renderHTML() == "<p>&lt;x&gt; &amp; <sup>1</sup><!-- raw HTML omitted --> after</p>\n")
    }

    @Test func paragraphRendersWithoutItsP() throws {
        let doc = MarkdownDocument("One *two*\n\nThree\n")
        let first = try #require(doc.elements(includingText: true).first { $0.kind == .paragraph })
        #expect(doc.renderInlineHTML(of: first) == "One <em>two</em>")
        #expect(MarkdownDocument("a | *b*").renderInlineHTML() == "a | <em>b</em>")
        #expect(MarkdownDocument("a\n\nb").renderInlineHTML() == "<p>a</p>\n<p>b</p>")
    }

    @Test func linkReferenceDefinitionsLeaveNoBlock() {
        // `[^1]: http://x` is a link reference definition to cmark: no node, lines uncovered.
        let doc = MarkdownDocument("Text[^1].\n\n[^1]: http://x\n\n[^2]: words here\n")
        #expect(doc.topLevelBlocks().map(\.lines) == [1...1, 5...5])
        #expect(doc.sourceLine(3) == "[^1]: http://x")
        #expect(doc.sourceLine(99) == nil)
        // The reference became a link to the definition's URL.
        let link = doc.elements().first
        #expect(link?.kind == .link(url: "http://x", isImage: false, text: "^1"))
    }

    /// cmark 0.30.2 reports a paragraph that follows an absorbed definition (and its first text)
    /// at the definition's line: Brief relies on this to find `[^3]: word` + lazy text.
    @Test func paragraphAfterAbsorbedDefinitionStartsOnTheDefinitionLine() {
        let doc = MarkdownDocument("[^3]: word\nMore text.\n")
        let paragraph = doc.elements(includingText: true).first { $0.kind == .paragraph }
        #expect(paragraph?.line == 1)
        #expect(paragraph?.endLine == 2)
        #expect(doc.topLevelBlocks().map(\.lines) == [1...2])
        #expect(doc.topLevelBlocks().map(\.isParagraph) == [true])
    }

    @Test func fencedIndentedAndTopLevel() {
        let doc = MarkdownDocument("```\nfenced\n```\n\n    indented\n\n> ```\n> quoted\n> ```\n")
        let blocks = doc.elements().filter { if case .codeBlock = $0.kind { return true }; return false }
        #expect(blocks.map(\.isFenced) == [true, false, true])
        #expect(blocks.map(\.isTopLevel) == [true, true, false])
    }

    @Test func textInsideLinksIsMarked() {
        let doc = MarkdownDocument("[see @key](http://x) and @key\n")
        let texts = doc.elements(includingText: true).filter { if case .text = $0.kind { return true }; return false }
        #expect(texts.map(\.isInsideLink) == [true, false])
    }

    /// The heading bug of issue 22: edits inside a heading must show once its id is set.
    @Test func headingIDKeepsEditsMadeInsideIt() throws {
        let doc = MarkdownDocument("## Value `@d.c[k]` here\n")
        let elements = doc.elements()
        let code = try #require(elements.first { $0.kind == .codeSpan(literal: "@d.c[k]") })
        let heading = try #require(elements.first { if case .heading = $0.kind { return true }; return false })
        doc.replaceInline(code, withHTML: "<a class=\"datum\">6.8</a>", text: "6.8")
        #expect(doc.text(of: heading) == " Value 6.8 here")
        doc.setHeadingID(heading, "value-6-8-here")
        #expect(doc.renderHTML() == "<h2 id=\"value-6-8-here\">Value <a class=\"datum\">6.8</a> here</h2>\n")
    }

    @Test func deepEmphasisIsWalkedWithoutRecursion() {
        // 20,000 nested emphasis openers: every text node still comes back, none inside a link.
        let deep = String(repeating: "*a **a ", count: 10_000) + "b" + String(repeating: " a** a*", count: 10_000)
        let texts = MarkdownDocument(deep).elements(includingText: true).filter { if case .text = $0.kind { return true }; return false }
        #expect(texts.count > 20_000)
        #expect(!texts.contains { $0.isInsideLink })
    }
}
