import BriefDiagnostics
import BriefSite
import Testing

/// One broken site per diagnostic, each asserting the exact path, line, column and message.
@Suite struct DiagnosticTests {
    struct Case: CustomTestStringConvertible, Sendable {
        let name: String
        let files: [String: String?]
        let path: String
        let line: Int
        let column: Int
        let message: String
        var testDescription: String { name }
    }

    static let cases: [Case] = [
        Case(name: "malformed YAML", files: ["Content/briefs/bad.md": "---\ntitle: A\ndate: 2022-01-01\ntags: [a, b\n---\nBody\n"],
             path: "Content/briefs/bad.md", line: 5, column: 1,
             message: "invalid YAML: did not find expected ',' or ']' (while parsing a flow sequence at line 4)"),
        Case(name: "missing title", files: ["Content/briefs/bad.md": "---\ndate: 2022-01-01\n---\nBody\n"],
             path: "Content/briefs/bad.md", line: 2, column: 1, message: "front matter needs 'title'"),
        Case(name: "date: soon", files: ["Content/briefs/bad.md": "---\ntitle: A\ndate: soon\n---\n"],
             path: "Content/briefs/bad.md", line: 3, column: 7, message: "'date' must be a date written YYYY-MM-DD, not 'soon'"),
        Case(name: "tags: 5", files: ["Content/briefs/bad.md": "---\ntitle: A\ndate: 2022-01-01\ntags: 5\n---\n"],
             path: "Content/briefs/bad.md", line: 4, column: 7, message: "'tags' must be a list, like [a, b]"),
        Case(name: "unknown front matter key", files: ["Content/briefs/bad.md": "---\ntitle: A\ndate: 2022-01-01\nsumary: x\n---\n"],
             path: "Content/briefs/bad.md", line: 4, column: 1, message: "unknown key 'sumary' in front matter"),
        Case(name: "no front matter", files: ["Content/briefs/bad.md": "# Just text\n"],
             path: "Content/briefs/bad.md", line: 1, column: 1,
             message: "missing front matter; start the file with a '---' line, then title and date, then '---'"),
        Case(name: "unclosed front matter", files: ["Content/briefs/bad.md": "---\ntitle: A\n"],
             path: "Content/briefs/bad.md", line: 1, column: 1, message: "front matter is not closed; add a '---' line after it"),
        Case(name: "bad slug", files: ["Content/briefs/Bad Name.md": brief("x")],
             path: "Content/briefs/Bad Name.md", line: 1, column: 1,
             message: "file name 'Bad Name.md' is not a valid slug: use only a-z, 0-9 and '-' (the name becomes the page's URL)"),
        Case(name: "link to a missing brief", files: ["Content/briefs/bad.md": brief("Text\n\nSee [x](nowhere.md).")],
             path: "Content/briefs/bad.md", line: 7, column: 5, message: "link to a missing brief 'nowhere.md'"),
        Case(name: "link to a draft", files: ["Content/briefs/bad.md": brief("See [x](draft-note.md).")],
             path: "Content/briefs/bad.md", line: 5, column: 5,
             message: "link to 'draft-note.md', a draft that is not published in this build"),
        Case(name: "chart with unknown dataset", files: ["Content/briefs/bad.md": brief("```chart\ntype: line\ndata: exprts\nx: fiscal_year\ny: exports_musd\ntitle: T\n```")],
             path: "Content/briefs/bad.md", line: 7, column: 7, message: "unknown dataset \"exprts\""),
        Case(name: "figure with unknown row", files: ["Content/briefs/bad.md": brief("Value `@exports.exports_musd[FY1999-00]`.")],
             path: "Content/briefs/bad.md", line: 5, column: 8, message: "no row 'FY1999-00' in dataset 'exports'"),
        Case(name: "figure from an empty cell", files: ["Content/briefs/bad.md": brief("Value `@exports.imports_musd[FY2021-22]`.")],
             path: "Content/briefs/bad.md", line: 5, column: 8,
             message: "dataset 'exports' has no value for imports_musd in row 'FY2021-22' (the cell is empty)"),
        Case(name: "image without alt text", files: ["Content/briefs/bad.md": brief("![](../assets/pixel.png)")],
             path: "Content/briefs/bad.md", line: 5, column: 1, message: "image has no alt text; describe it in ![…](../assets/pixel.png)"),
        Case(name: "unknown template value", files: ["Templates/page.mustache": "{{<layout}}{{$content}}\n<p>{{page.titel}}</p>{{/content}}{{/layout}}\n"],
             path: "Templates/page.mustache", line: 2, column: 4, message: "unknown value 'page.titel' in template"),
        Case(name: "template syntax error", files: ["Templates/page.mustache": "{{<layout}}\n{{$content}}{{#a}}{{/b}}{{/content}}{{/layout}}\n"],
             path: "Templates/page.mustache", line: 2, column: 22,
             message: "template syntax error: section closed with a different name than it was opened with"),
        Case(name: "missing partial", files: ["Templates/partials/footer.mustache": nil],
             path: "Templates/layout.mustache", line: 54, column: 1, message: "missing template 'partials/footer.mustache'"),
        Case(name: "site.yml without title", files: ["Content/site.yml": "description: x\n"],
             path: "Content/site.yml", line: 1, column: 1, message: "site.yml needs 'title'"),
        Case(name: "dataset without metadata", files: ["Content/data/extra.csv": "a,b\n1,2\n"],
             path: "Content/data/extra.csv", line: 1, column: 1,
             message: "dataset 'extra' has no metadata file Content/data/extra.yml (it needs at least title and source)"),
        Case(name: "invalid UTF-8", files: ["Content/briefs/bad.md": nil],
             path: "Content/briefs/bad.md", line: 1, column: 1, message: ""),
    ]

    @Test(arguments: cases.filter { !$0.message.isEmpty })
    func brokenSiteGivesItsDiagnostic(_ c: Case) throws {
        let result = buildFixture(c.files)
        #expect(!result.succeeded)
        #expect(result.outputs.isEmpty)
        let first = try #require(result.diagnostics.first { $0.severity == .error })
        #expect(first.location == SourceLocation(path: c.path, line: c.line, column: c.column))
        #expect(first.message == c.message)
        #expect(first.sourceLine != nil || c.path.hasSuffix(".md") == false || c.name == "bad slug")
    }

    @Test func invalidUTF8PointsAtTheByte() throws {
        var files = fixtureFiles()
        files["Content/briefs/bad.md"] = Array("---\ntitle: A\ndate: 2022-01-01\n---\nok \u{e9}".utf8) + [0xFF, 0x0A]
        let result = Site.build(.inMemory(bytes: files))
        let first = try #require(result.diagnostics.first)
        #expect(first.location == SourceLocation(path: "Content/briefs/bad.md", line: 5, column: 5))
        #expect(first.message == "invalid UTF-8 byte 0xFF; save the file as UTF-8")
    }

    @Test func diagnosticsPrintLikeACompiler() throws {
        let result = buildFixture(["Content/briefs/bad.md": "---\ntitle: A\ndate: soon\n---\n"])
        let printed = try #require(result.diagnostics.first).formatted()
        #expect(printed == """
        Content/briefs/bad.md:3:7: error: 'date' must be a date written YYYY-MM-DD, not 'soon'
        date: soon
              ^
        """)
    }

    @Test func allProblemsAreReportedAtOnce() {
        let result = buildFixture([
            "Content/briefs/a.md": "---\ntitle: A\ndate: soon\n---\n",
            "Content/briefs/b.md": "---\ndate: 2022-01-01\n---\n",
        ])
        #expect(result.diagnostics.filter { $0.severity == .error }.count == 2)
    }
}
