@testable import BriefSite
import Foundation
import Testing

/// The writing fixture (Tests/Fixtures/writing-site/Content: footnotes, a pipe table, citations,
/// a numbered figure and table) with the real Templates/, in memory; `changes` as in `fixtureFiles`.
func writingFiles(_ changes: [String: String?] = [:]) -> [String: [UInt8]] {
    var files = loadTree(packageRoot + "/Tests/Fixtures/writing-site/Content", as: "Content")
    files.merge(loadTree(packageRoot + "/Templates", as: "Templates")) { a, _ in a }
    for (path, text) in changes { files[path] = text.map { Array($0.utf8) } }
    return files
}

func buildWriting(_ changes: [String: String?] = [:]) -> BuildResult {
    Site.build(.inMemory(bytes: writingFiles(changes)), options: BuildOptions())
}

func page(_ result: BuildResult, _ path: String) throws -> String {
    text(try #require(result.outputs.first { $0.path == path }, "no \(path)"))
}

/// The first error's "line:col: message".
func firstError(_ result: BuildResult) -> String? {
    result.diagnostics.first { $0.severity == .error }.map { "\($0.location.line):\($0.location.column): \($0.message)" }
}

/// Footnotes, pipe tables, citations, numbered figures and cite-this-brief (issue 13).
@Suite struct WritingGoldenTests {
    static let goldenFiles = [
        "briefs/notes-and-sources/index.html", "briefs/notes-and-sources/cite.bib", "briefs/notes-and-sources/cite.ris",
        "bibliography/index.html", "book/index.html",
    ]

    @Test(arguments: goldenFiles)
    func matchesGolden(_ path: String) throws {
        let result = buildWriting()
        #expect(result.diagnostics.isEmpty, "\(result.diagnostics)")
        let actual = try page(result, path)
        let golden = packageRoot + "/Tests/BriefSiteTests/Golden/writing/" + path.replacingOccurrences(of: "/", with: "--")
        let fm = FileManager.default
        if ProcessInfo.processInfo.environment["UPDATE_GOLDEN"] == "1" {
            try fm.createDirectory(atPath: (golden as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
            try actual.write(toFile: golden, atomically: true, encoding: .utf8)
            return
        }
        let expected = try #require(fm.contents(atPath: golden).map { String(decoding: $0, as: UTF8.self) }, "no golden \(golden)")
        if expected != actual {
            let ext = (golden as NSString).pathExtension
            try? actual.write(toFile: (golden as NSString).deletingPathExtension + ".actual." + ext, atomically: true, encoding: .utf8)
            Issue.record("\(path) differs from its golden file (UPDATE_GOLDEN=1 to accept)")
        }
    }
}

@Suite struct FootnoteTests {
    func body(_ markdown: String, bib: String? = nil) -> (BuildResult, String) {
        var changes: [String: String?] = ["Content/briefs/t.md": brief(extra: "summary: S.\n", markdown)]
        if let bib { changes["Content/references.bib"] = bib }
        let result = buildWriting(changes)
        return (result, result.outputs.first { $0.path == "briefs/t/index.html" }.map(text) ?? "")
    }

    @Test func numberedByFirstReferenceWithLinksBothWays() throws {
        let (result, html) = body("""
        First[^b] then[^a] and again[^b].

        [^a]: Note A.

        [^b]: Note B.
        """)
        #expect(result.diagnostics.isEmpty, "\(result.diagnostics)")
        // [^b] is referenced first: it is note 1, twice; [^a] is note 2.
        #expect(html.contains(##"First<a class="footnote-ref" href="#fn-1" id="fnref-1" role="doc-noteref" aria-label="Note 1"><sup>1</sup></a>"##))
        #expect(html.contains(##"then<a class="footnote-ref" href="#fn-2" id="fnref-2""##))
        #expect(html.contains(##"again<a class="footnote-ref" href="#fn-1" id="fnref-1-2""##))
        let notes = try #require(html.range(of: ##"<section class="footnotes""##).map { String(html[$0.lowerBound...]) })
        let one = try #require(notes.range(of: "<li id=\"fn-1\"><p>Note B."))
        let two = try #require(notes.range(of: "<li id=\"fn-2\"><p>Note A."))
        #expect(one.lowerBound < two.lowerBound)
        #expect(notes.contains(##"href="#fnref-1""##) && notes.contains(##"href="#fnref-1-2""##) && notes.contains(##"href="#fnref-2""##))
        // The definitions leave the body.
        #expect(!html.contains("[^a]") && !html.contains("<p>Note A.</p>\n<p>"))
    }

    @Test func continuationParagraphsAndURLNotes() throws {
        let (result, html) = body("""
        Text[^long] and[^url].

        [^long]: First paragraph
            continued.

            Second paragraph with `@exports.exports_musd[FY2021-22]`.

        [^url]: https://example.org/x
        """)
        #expect(result.diagnostics.isEmpty, "\(result.diagnostics)")
        #expect(html.contains("<li id=\"fn-1\"><p>First paragraph\ncontinued.</p><p>Second paragraph with <a class=\"datum\""))
        #expect(html.contains(##"<li id="fn-2"><p><a href="https://example.org/x">https://example.org/x</a> <a class="footnote-back""##))
        #expect(!html.contains("<pre>"))
    }

    @Test func definitionWithLazyContinuation() throws {
        let (result, html) = body("Text[^3].\n\n[^3]: word\nMore text.\n")
        #expect(result.diagnostics.isEmpty, "\(result.diagnostics)")
        #expect(html.contains("<li id=\"fn-1\"><p>word\nMore text. <a class=\"footnote-back\""))
        #expect(!html.contains("<p>More text.</p>"))
    }

    @Test func escapedReferenceIsText() throws {
        let (result, html) = body("Not a note: \\[^1] and \\@smith2020.")
        #expect(result.diagnostics.isEmpty, "\(result.diagnostics)")
        #expect(html.contains("Not a note: [^1] and @smith2020."))
    }

    @Test func errorsAreLocated() {
        #expect(firstError(body("A[^x].").0) == "6:2: footnote '[^x]' is not defined")
        #expect(firstError(body("A.\n\n[^x]: Unused.").0) == "8:1: footnote '[^x]' is defined but never referenced")
        #expect(firstError(body("A[^x].\n\n[^x]: One.\n\n[^x]: Two.").0) == "10:1: footnote '[^x]' is defined twice (first at line 8)")
        #expect(firstError(body("A[^x].\n\n[^x]: http://a.example\n[^x]: http://b.example").0) == "9:1: footnote '[^x]' is defined twice (first at line 8)")
    }

    @Test func inTheBookEveryIDIsPrefixed() throws {
        let result = buildWriting()
        let book = try page(result, "book/index.html")
        #expect(book.contains(##"id="b-notes-and-sources-fn-1""##))
        #expect(book.contains(##"href="#b-notes-and-sources-fnref-1""##))
        #expect(book.contains(##"id="b-notes-and-sources-ref-sbp2022""##))
        #expect(!book.contains(##"href="#fn-"##) && !book.contains(##"id="fn-"##))
    }
}

@Suite struct CitationTests {
    static let bib = """
    @book{smith2020, author = {Smith, Jane}, title = {Trade}, publisher = {P}, year = 2020}
    @book{smith2020b, author = {Smith, Jane}, title = {Aid}, publisher = {P}, year = 2020}
    @article{four, author = {A, Ann and B, Bo and C, Cy and D, Di}, title = {Four}, journal = {J}, year = {2019}}
    @misc{org, author = {{World Bank}}, title = {Data}, year = {2021}, url = {javascript:alert(1)}}
    """

    func html(_ markdown: String) -> (BuildResult, String) {
        let result = buildWriting([
            "Content/briefs/t.md": brief(extra: "summary: S.\n", markdown), "Content/references.bib": Self.bib,
            "Content/briefs/notes-and-sources.md": nil,
        ])
        return (result, result.outputs.first { $0.path == "briefs/t/index.html" }.map(text) ?? "")
    }

    @Test func authorDateForms() {
        let (result, h) = html("[@smith2020, p. 4] [@four; @org] @smith2020b says [-@org] [see @four, ch. 2]")
        #expect(result.diagnostics.isEmpty, "\(result.diagnostics)")
        #expect(h.contains(##"(<a class="citation" href="#ref-smith2020" id="cite-1">Smith 2020b</a>, p. 4)"##))
        #expect(h.contains(">A et al. 2019</a>; <a class=\"citation\" href=\"#ref-org\" id=\"cite-3\">World Bank 2021</a>)"))
        #expect(h.contains(">Smith (2020a)</a> says"))
        #expect(h.contains(">2021</a>)"))
        #expect(h.contains("(see <a class=\"citation\" href=\"#ref-four\" id=\"cite-6\">A et al. 2019</a>, ch. 2)"))
    }

    @Test func referenceListIsSortedEscapedAndLinkedBack() {
        let (_, h) = html("[@org] [@smith2020] [@four]")
        let list = h.range(of: "<ul class=\"reference-list\">").map { String(h[$0.lowerBound...]) } ?? ""
        let a = list.range(of: "id=\"ref-four\"")?.lowerBound
        let s = list.range(of: "id=\"ref-smith2020\"")?.lowerBound
        let w = list.range(of: "id=\"ref-org\"")?.lowerBound
        #expect(a != nil && s != nil && w != nil)
        if let a, let s, let w { #expect(a < s && s < w) }
        #expect(list.contains("A, Ann, Bo B, Cy C, and Di D. 2019. “Four.” <cite>J</cite>."))
        // A javascript: URL from the .bib is never a link.
        #expect(!list.lowercased().contains("javascript:"))
        #expect(list.contains(##"<a href="#cite-1" role="doc-backlink""##))
    }

    @Test func unknownKeyIsLocated() {
        #expect(firstError(html("Text [@smth2020].").0) == "6:6: unknown citation key 'smth2020'")
        #expect(html("Text [@smth2020].").0.diagnostics.first?.hint == "did you mean 'smith2020'?")
    }

    @Test func aHundredUnknownKeysAreListedThenCounted() {
        let result = html(String(repeating: "@nope ", count: 150))
        let errors = result.0.diagnostics.filter { $0.severity == .error }
        #expect(errors.count == 101)
        #expect(errors.contains { $0.message == "50 more unknown citation keys, figure ids or footnotes in this file (the first 100 are listed)" })
        #expect(errors.filter { $0.message == "unknown citation key 'nope'" }.count == 100)
    }

    @Test func bibliographyPageListsEveryWorkWithItsBriefs() throws {
        let result = buildWriting()
        let bib = try page(result, "bibliography/index.html")
        #expect(bib.contains(##"<li id="ref-kugelman2021">"##))
        #expect(bib.contains(##"Cited in <a href="../briefs/notes-and-sources/index.html#references">Notes, tables and sources</a>"##))
    }

    @Test func bibParserHandlesLaTeXAndMacros() {
        let (bib, problems) = Bibliography.parse("""
        @string{pub = "Press"}
        Free text between entries is a comment.
        @book{k, author = {M{\\"u}ller, J{\\'e}r{\\^o}me and {\\O}stby, Kari}, title = "{T}rade \\& {A}id -- a survey",
          publisher = pub # { Ltd}, year = 2020, month = jun}
        @comment{ignored {nested}}
        """, path: "r.bib")
        #expect(problems.isEmpty, "\(problems)")
        let entry = bib.entries["k"]
        #expect(entry?.text("title") == "Trade & Aid – a survey")
        #expect(entry?.text("publisher") == "Press Ltd")
        #expect(entry?.text("month") == "June")
        #expect(BibName.list(entry?.raw["author"] ?? "").map(\.inverted) == ["Müller, Jérôme", "Østby, Kari"])
    }
}

@Suite struct FiguresAndTablesTests {
    @Test func pipeTableAlignmentEscapesAndCaption() throws {
        let result = buildWriting(["Content/briefs/t.md": brief(extra: "summary: S.\n", """
        | A | B \\| C | D |
        |:--|:-:|--:|
        | *x* | `a\\|b` | 1 |
        | only one |
        Table: Small {#tbl-small}

        Not | a table
        """)])
        #expect(result.diagnostics.isEmpty, "\(result.diagnostics)")
        let h = try page(result, "briefs/t/index.html")
        #expect(h.contains(##"<figure class="data-table prose-table" id="tbl-small">"##))
        #expect(h.contains(##"<caption><span class="figure-number">Table 1.</span> Small</caption>"##))
        #expect(h.contains(##"<th scope="col" class="align-left">A</th><th scope="col" class="align-center">B | C</th><th scope="col" class="num">D</th>"##))
        #expect(h.contains("<td class=\"align-left\"><em>x</em></td><td class=\"align-center\"><code>a|b</code></td><td class=\"num\">1</td>"))
        #expect(h.contains("<tr><td class=\"align-left\">only one</td><td class=\"align-center\"></td><td class=\"num\"></td></tr>"))
        #expect(h.contains("<p>Not | a table</p>"))
    }

    @Test func crossReferencesNumberFiguresAndTables() throws {
        let result = buildWriting()
        let h = try page(result, "briefs/notes-and-sources/index.html")
        #expect(h.contains(##"<a class="xref" href="#fig-exports">Figure 1</a> shows"##))
        #expect(h.contains(##"<a class="xref" href="#tbl-balance">Table 1</a>"##))
        #expect(h.contains(##"<figure class="chart chart-line" id="fig-exports">"##))
        #expect(h.contains(##"<span class="chart-title"><span class="figure-number">Figure 1.</span> Exports reached $6.8 billion</span>"##))
    }

    @Test func duplicateAndUnknownIDsAreLocated() {
        let chart = "```chart\nid: fig-a\ntype: bar\ndata: exports\nx: fiscal_year\ny: exports_musd\ntitle: T\n```\n"
        let dup = buildWriting(["Content/briefs/t.md": brief(extra: "summary: S.\n", "@fig-a\n\n" + chart + "\n" + chart)])
        #expect(firstError(dup) == "18:5: duplicate figure id 'fig-a' (first at line 9)")
        let unknown = buildWriting(["Content/briefs/t.md": brief(extra: "summary: S.\n", "See @fig-b.\n\n" + chart)])
        #expect(firstError(unknown) == "6:5: unknown figure id 'fig-b'")
    }
}

/// Issue 19 item 6 / issue 22: headings get every rewrite prose gets, in the page and the TOC.
@Suite struct HeadingRewriteTests {
    static let markdown = """
    ## See [brief b](balance.md) and `@exports.exports_musd[FY2021-22]` and [top](#See-More) `@@x`

    ## See more

    Text.
    """

    @Test func headingLinksFiguresEscapesAndAnchors() throws {
        let result = buildFixture(["Content/briefs/h.md": brief(extra: "summary: S.\n", Self.markdown)])
        #expect(result.succeeded, "\(result.diagnostics)")
        let h = try page(result, "briefs/h/index.html")
        let heading = try #require(h.components(separatedBy: "\n").first { $0.hasPrefix("<h2 id=\"see-brief-b") })
        #expect(heading.contains(##"<a href="../../briefs/balance/index.html">brief b</a>"##))
        #expect(heading.contains(">6,798.982</a>"))
        #expect(heading.contains(##"<a href="#see-more">top</a>"##))
        #expect(heading.contains("<code>@x</code>"))
        #expect(!heading.contains("balance.md") && !heading.contains("@exports"))
        #expect(heading.hasPrefix(##"<h2 id="see-brief-b-and-6-798-982-and-top-x">"##))
    }

    @Test func tableOfContentsShowsTheRewrittenText() throws {
        let result = buildFixture(["Content/briefs/h.md": brief(extra: "summary: S.\n", Self.markdown)])
        let h = try page(result, "briefs/h/index.html")
        let toc = try #require(h.range(of: "<nav class=\"toc\"").map { String(h[$0.lowerBound...].prefix(600)) })
        #expect(toc.contains(##"<a href="#see-brief-b-and-6-798-982-and-top-x">See brief b and 6,798.982 and top @x</a>"##))
        #expect(!toc.contains("@exports"))
    }

    @Test func brokenLinkInAHeadingIsAnError() {
        let result = buildFixture(["Content/briefs/h.md": brief(extra: "summary: S.\n", "## See [x](missing.md)\n")])
        #expect(firstError(result) == "6:8: link to a missing brief 'missing.md'")
        let anchor = buildFixture(["Content/briefs/h.md": brief(extra: "summary: S.\n", "## See [x](#nowhere)\n")])
        #expect(firstError(anchor) == "6:8: no heading or figure with id 'nowhere' on briefs/h.md")
    }
}

@Suite struct CiteThisBriefTests {
    @Test func downloadsMetaTagsAndJSONLD() throws {
        let result = buildWriting()
        let h = try page(result, "briefs/notes-and-sources/index.html")
        #expect(h.contains(##"<meta name="citation_title" content="Notes, tables and sources">"##))
        #expect(h.contains(##"<meta name="citation_author" content="Second Author">"##))
        #expect(h.contains(##"<meta name="citation_publication_date" content="2023/06/09">"##))
        #expect(h.contains(##"<meta name="citation_publisher" content="Fixture Briefing">"##))
        #expect(h.contains(##""@type": "Article""##) && h.contains(##""datePublished": "2023-06-09""##))
        #expect(h.contains(##"<a href="cite.bib" download>BibTeX</a>"##) && h.contains(##"<a href="cite.ris" download>RIS</a>"##))
        #expect(try page(result, "briefs/notes-and-sources/cite.bib").hasPrefix("@misc{brief-notes-and-sources,\n"))
        #expect(try page(result, "briefs/notes-and-sources/cite.ris").hasSuffix("ER  - \n"))
    }

    @Test func hostileTitleCannotBreakOutOfAnyFormat() throws {
        let title = ##"A } \" </script><script>alert(1)</script> {"##
        let result = buildWriting(["Content/briefs/t.md": "---\ntitle: '\(title)'\ndate: 2022-01-01\nsummary: \"x\\ny\"\n---\nBody.\n"])
        #expect(result.succeeded, "\(result.diagnostics)")
        let h = try page(result, "briefs/t/index.html")
        let json = h.components(separatedBy: ##"<script type="application/ld+json">"##).last?.components(separatedBy: "</script>").first ?? ""
        #expect(!json.isEmpty && !json.contains("<") && json.contains(##"\u003c/script\u003e"##))
        let bib = try page(result, "briefs/t/cite.bib")
        #expect(bib.contains(##"title = {{A \} \textbackslash{}" </script><script>alert(1)</script> \{}},"##))
        let ris = try page(result, "briefs/t/cite.ris")
        #expect(ris.contains("AB  - x y\n"))
    }
}

/// The Markdown safety vectors inside footnotes, table cells and bibliography fields.
@Suite struct WritingSafetyTests {
    static let vectors = ##"<script>alert(1)</script> <img src=x onerror=alert(1)> [a](javascript:alert(1)) [b](JaVaScRiPt:alert(1)) <javascript:alert(1)> [c](vbscript:msgbox(1)) [d](data:text/html,x)"##

    @Test func nothingUnsafeReachesThePage() throws {
        let bib = """
        @misc{evil, author = {<script>alert(1)</script> and Doe, "><img src=x onerror=alert(1)>},
          title = {<iframe src=javascript:alert(1)>}, year = {2020}, url = {javascript:alert(1)},
          howpublished = {<svg onload=alert(1)>}, note = {" onmouseover="x}}
        @misc{evil2, title = {x}, doi = {"><script>alert(2)</script>}}
        """
        let body = """
        Note[^n] and [@evil] and [@evil2].

        | h | \(Self.vectors.replacingOccurrences(of: "|", with: "\\|")) |
        |---|---|
        | \(Self.vectors.replacingOccurrences(of: "|", with: "\\|")) | x |

        [^n]: \(Self.vectors)
        """
        let result = buildWriting(["Content/briefs/t.md": brief(extra: "summary: S.\n", body), "Content/references.bib": bib,
                                   "Content/briefs/notes-and-sources.md": nil])
        #expect(result.succeeded, "\(result.diagnostics)")
        for path in ["briefs/t/index.html", "bibliography/index.html", "book/index.html"] {
            let html = SafetyTests.removingJSONLD(try page(result, path), path: path).lowercased()
            let scripts = html.components(separatedBy: "<script").count - 1
            #expect(scripts == 3, "\(path): \(scripts) script elements (only the site's three)")
            #expect(!html.contains("<img src=x") && !html.contains("<iframe") && !html.contains("<svg onload"))
            #expect(SafetyTests().firstEventHandler(in: html) == nil, "\(path): \(SafetyTests().firstEventHandler(in: html) ?? "")")
            for value in attributeValues("href", in: html) + attributeValues("src", in: html) {
                for scheme in ["javascript:", "vbscript:", "data:text"] { #expect(!value.hasPrefix(scheme), "\(path) links to \(value)") }
            }
        }
        let h = try page(result, "briefs/t/index.html")
        #expect(h.contains("&lt;script&gt;alert(1)&lt;/script&gt;"))
        #expect(h.contains(##"<a href="https://doi.org/&quot;&gt;&lt;script&gt;alert(2)&lt;/script&gt;">"##))
    }
}

/// Random mixes of the new syntax's characters: every build ends in a site or in errors located
/// inside the brief, never a crash (the FuzzPage corpus holds the same syntax for libFuzzer).
@Suite struct WritingRandomInputTests {
    static let pieces = [
        "[^", "]", "[^1]", "[^1]: ", "[@", "@", "@kugelman2021", "@sbp2022", "@fig-exports", "@tbl-", ";", ",", " p. 4",
        "|", "\\|", "\\", "\n", "\n\n", "    ", ":", "-", ":--", "--:", "Table: ", "{#tbl-x}", "`", "`@exports.exports_musd[FY2021-22]`",
        "*", "#", "> ", "1. ", "http://x", "<b>", "&#64;", "é", "—", " ", "word",
    ]

    @Test func randomProseNeverCrashesAndErrorsAreLocated() {
        var rng = SplitMix(seed: 13)
        var built = 0, failed = 0
        for _ in 0..<150 {
            var body = ""
            for _ in 0..<Int(rng.next() % 60) { body += Self.pieces[Int(rng.next() % UInt64(Self.pieces.count))] }
            let source = brief(extra: "summary: S.\n", body)
            let lineCount = source.split(separator: "\n", omittingEmptySubsequences: false).count
            let result = buildWriting(["Content/briefs/r.md": source])
            if result.succeeded { built += 1 } else { failed += 1 }
            for d in result.diagnostics where d.location.path.hasSuffix("briefs/r.md") {
                #expect(d.location.line >= 1 && d.location.line <= lineCount, "\(d) in:\n\(body)")
                #expect(d.location.column >= 1, "\(d)")
            }
        }
        #expect(built + failed == 150)
        #expect(built > 0 && failed > 0, "built \(built), failed \(failed)")
    }
}

/// Issue 13 item 6: `@dataset.column[key]` resolves in summaries, chart titles and key-figure labels.
@Suite struct FiguresEverywhereTests {
    @Test func summariesChartTitlesAndKeyFigureLabels() throws {
        let site = """
        title: Fixture Briefing
        base_url: https://example.org/briefing/
        key_figures:
          - label: Exports, `@exports.fiscal_year[FY2021-22]` (`@exports.exports_musd[FY2021-22]|usd_millions_words`)
            data: exports
            column: exports_musd
            format: usd_millions
        """
        let result = buildWriting(["Content/site.yml": site])
        #expect(result.diagnostics.isEmpty, "\(result.diagnostics)")
        let home = try page(result, "index.html")
        #expect(home.contains("Exports, FY2021-22 ($6.8 billion)"))
        #expect(home.contains("Exports reached $6.8 billion in FY2021-22."))
        #expect(!home.contains("`@"))
        let feed = try page(result, "feed.xml")
        #expect(feed.contains("Exports reached $6.8 billion in FY2021-22.") && !feed.contains("`@exports"))
        let brief = try page(result, "briefs/notes-and-sources/index.html")
        #expect(brief.contains("<title id=\"fig-exports-wide-title\">Exports reached $6.8 billion</title>"))
        #expect(brief.contains(#"<meta name="description" content="Exports reached $6.8 billion in FY2021-22.">"#))
    }

    @Test func mistakesInLabelsAndSummariesAreLocated() {
        let site = "title: T\nkey_figures:\n  - label: X `@exports.nope[FY2021-22]`\n    data: exports\n    column: exports_musd\n"
        #expect(firstError(buildWriting(["Content/site.yml": site])) == "3:5: unknown column 'nope' in dataset 'exports'")
        let summary = buildWriting(["Content/briefs/t.md": brief(extra: "summary: Up `@exports.exports_musd[FY1999]`.\n", "Body.")])
        #expect(firstError(summary) == "4:13: no row 'FY1999' in dataset 'exports'")
    }
}
