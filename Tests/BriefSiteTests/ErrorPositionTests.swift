import BriefDiagnostics
import BriefSite
import Testing

/// Errors in page front matter, site.yml and dataset metadata point at the file's own line and
/// column and carry that line's text: the YAML inside front matter is shifted by the front
/// matter's first line, and no file's errors lose their source line when the build stops early.
@Suite struct ErrorPositionTests {
    struct Case: CustomTestStringConvertible, Sendable {
        let name: String
        let path: String
        let text: String
        /// "line:column: message"
        let expected: String
        let sourceLine: String
        var testDescription: String { name }
    }

    static let cases: [Case] = [
        Case(name: "page: unknown key on line 4", path: "Content/pages/about.md",
             text: "---\ntitle: About\nsummary: What this is.\nsumary: typo\n---\nText.\n",
             expected: "4:1: unknown key 'sumary' in front matter", sourceLine: "sumary: typo"),
        Case(name: "page: title a list after a blank line", path: "Content/pages/about.md",
             text: "---\n\ntitle: [About, Us]\n---\nText.\n",
             expected: "3:8: 'title' must be text, not a list", sourceLine: "title: [About, Us]"),
        Case(name: "page: title missing", path: "Content/pages/about.md",
             text: "---\nsummary: x\n---\nText.\n",
             expected: "2:1: front matter needs 'title'", sourceLine: "summary: x"),
        Case(name: "site.yml: unknown key", path: "Content/site.yml",
             text: "title: Fixture Briefing\ndescription: d\nlangauge: en\n",
             expected: "3:1: unknown key 'langauge' in site.yml", sourceLine: "langauge: en"),
        Case(name: "site.yml: nav title a list", path: "Content/site.yml",
             text: "title: T\nnav:\n  - {title: About, path: pages/about/}\n  - {title: [Data], path: data/}\n",
             expected: "4:13: 'title' must be text, not a list", sourceLine: "  - {title: [Data], path: data/}"),
        Case(name: "dataset metadata: unknown column type", path: "Content/data/exports.yml",
             text: "title: Trade\nsource: SBP\ncolumns:\n  fiscal_year: {type: text}\n  exports_musd: {type: nubmer}\n",
             expected: "5:24: unknown column type \"nubmer\" for column 'exports_musd'", sourceLine: "  exports_musd: {type: nubmer}"),
        Case(name: "dataset metadata: unknown key", path: "Content/data/exports.yml",
             text: "title: Trade\nsource: SBP\n\nsoruce_url: https://example.org/\n",
             expected: "4:1: unknown key 'soruce_url' in dataset metadata", sourceLine: "soruce_url: https://example.org/"),
    ]

    @Test(arguments: cases)
    func errorPointsAtTheLineAndShowsIt(_ c: Case) throws {
        let result = buildFixture([c.path: c.text])
        #expect(!result.succeeded)
        let first = try #require(result.diagnostics.first)
        #expect(first.location.path == c.path)
        #expect("\(first.location.line):\(first.location.column): \(first.message)" == c.expected)
        #expect(first.sourceLine == c.sourceLine)
        #expect(first.formatted().contains("\n" + c.sourceLine + "\n"))
    }
}
