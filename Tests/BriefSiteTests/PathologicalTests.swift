import Foundation
import Testing

/// Hostile Markdown, YAML and JSON through the whole pipeline (read, parse, walk, template,
/// write) in a subprocess, so a stack overflow or a hang fails one test instead of the runner.
/// The 5 s budget is a hang guard, not a benchmark: cmark's own pathological suite uses 5 s.
@Suite(.serialized) struct PathologicalTests {
    struct Case: CustomTestStringConvertible, Sendable {
        let name: String
        /// Files to add to the fixture site, by path.
        let files: @Sendable () -> [String: String]
        var testDescription: String { name }

        /// A brief whose body is `body`.
        init(_ name: String, body: @escaping @Sendable () -> String) {
            self.name = name
            self.files = { ["Content/briefs/path.md": "---\ntitle: P\ndate: 2022-01-01\n---\n" + body() + "\n"] }
        }

        init(_ name: String, files: @escaping @Sendable () -> [String: String]) {
            self.name = name
            self.files = files
        }
    }

    static func r(_ s: String, _ n: Int) -> String { String(repeating: s, count: n) }

    /// cmark's test/pathological_tests.py, then Brief's own.
    static let cases: [Case] = [
        Case("nested strong emph") { r("*a **a ", 65000) + "b" + r(" a** a*", 65000) },
        Case("many emph closers with no openers") { r("a_ ", 65000) },
        Case("many emph openers with no closers") { r("_a ", 65000) },
        Case("many 3-emph openers with no closers") { r("a***", 65000) },
        Case("many link closers with no openers") { r("a]", 65000) },
        Case("many link openers with no closers") { r("[a", 65000) },
        Case("mismatched openers and closers") { r("*a_ ", 50000) },
        Case("commonmark/cmark#389") { r("*a ", 20000) + r("_a*_ ", 20000) },
        Case("openers and closers multiple of 3") { "a**b" + r("c* ", 50000) },
        Case("link openers and emph closers") { r("[ a_", 50000) },
        Case("pattern [ (]( repeated") { r("[ (](", 80000) },
        Case("hard link/emph case") { "**x [a*b**c*](https://example.org/d)" },
        Case("nested brackets") { r("[", 50000) + "a" + r("]", 50000) },
        Case("nested block quotes") { r("> ", 50000) + "a" },
        Case("deeply nested lists") { (0..<1000).map { r("  ", $0) + "* a\n" }.joined() },
        Case("U+0000 in input") { "abc\u{0}de\u{0}" },
        Case("backticks") { (1..<2500).map { "e" + r("`", $0) }.joined() },
        Case("unclosed links A") { r("[a](<b", 30000) },
        Case("unclosed links B") { r("[a](b", 30000) },
        Case("unclosed <!--") { "</" + r("<!--", 300000) },
        Case("many references") { (1..<80000).map { "[\($0)]: u\n" }.joined() + r("[0] ", 5000) },
        Case("stars 30000 x stars 30000") { r("*", 30000) + "x" + r("*", 30000) },
        Case("underscores 30000 x underscores 30000") { r("_", 30000) + "x" + r("_", 30000) },
        Case("100,000 nested block quotes") { r(">", 100000) + " x" },
        Case("lists nested in block quotes") { (1..<500).map { r("> ", $0) + "- a\n" }.joined() },
        Case("50,000 headings with one text") { r("# h\n", 50000) },
        Case("20,000 figure references") { r("`@exports.exports_musd[FY2021-22]` ", 20000) },
        Case("30,000 links to a brief") { r("[b](balance.md) ", 30000) },
        // Footnotes, citations, tables and cross-references: no per-element scans of the document.
        Case("10,000 footnotes") { (0..<10000).map { "t[^\($0)] " }.joined() + "\n\n" + (0..<10000).map { "[^\($0)]: n\n\n" }.joined() },
        Case("10,000 footnote URLs") { (0..<10000).map { "t[^\($0)] " }.joined() + "\n\n" + (0..<10000).map { "[^\($0)]: http://x\n" }.joined() },
        Case("20,000 citations in one text") { r("[@a; @b] @c ", 20000) },
        Case("5,000 pipe tables") { r("| a | b |\n|---|--:|\n| 1 | 2 |\n\n", 5000) },
        Case("20,000 cross-references") { r("@fig-x ", 20000) },
        // Many charts in one brief: bounded work per chart (a debug build draws ~2 ms each).
        Case("500 chart blocks") {
            r("```chart\ntype: line\ndata: exports\nx: fiscal_year\ny: exports_musd\ntitle: T\n```\n\n", 500)
        },
        Case("deep front matter: block mappings", files: {
            let nested = (0..<10000).map { r("  ", $0) + "a:\n" }.joined()
            return ["Content/briefs/path.md": "---\ntitle: P\ndate: 2022-01-01\nsummary:\n" + nested + "---\nx\n"]
        }),
        Case("deep front matter: flow sequences", files: {
            ["Content/briefs/path.md": "---\ntitle: P\ndate: 2022-01-01\ntags: " + r("[", 100000) + r("]", 100000) + "\n---\nx\n"]
        }),
        Case("deep front matter: block sequences", files: {
            ["Content/briefs/path.md": "---\ntitle: P\ndate: 2022-01-01\ntags:\n" + r("- ", 50000) + "x\n---\nx\n"]
        }),
        Case("chart spec nested 100,000 deep") {
            "```chart\ntype: line\ndata: exports\nx: fiscal_year\ny: exports_musd\ntitle: T\nannotations: "
                + r("{a: ", 100000) + "1" + r("}", 100000) + "\n```\n"
        },
        Case("chart spec with deep block nesting") {
            "```chart\ntype: line\ndata: exports\nx: fiscal_year\ny: exports_musd\ntitle: T\nannotations:\n"
                + (0..<5000).map { r(" ", $0 + 1) + "- \n" }.joined() + "```\n"
        },
        Case("JSON objects nested 1,000,000 deep", files: {
            ["Content/data/deep.json": "[{\"a\": " + r("{\"a\": ", 1_000_000) + "1" + r("}", 1_000_001) + "]\n",
             "Content/data/deep.yml": "title: Deep\nsource: Fuzz\n"]
        }),
        Case("JSON arrays nested 1,000,000 deep", files: {
            ["Content/data/deep.json": r("[", 1_000_000) + r("]", 1_000_000) + "\n",
             "Content/data/deep.yml": "title: Deep\nsource: Fuzz\n"]
        }),
        // cmark before 0.30.3 is quadratic on this (CVE-2023-22486) and Debian 12 ships 0.30.2:
        // Brief refuses files with more than 50,000 '[' before cmark sees them.
        Case("pattern ![[]() repeated 160,000 times") { r("![[]()", 160000) },
        Case("pattern ![[]() repeated 24,000 times, under the bracket limit") { r("![[]()", 24000) },
        Case("CSV with 100,000 columns", files: {
            ["Content/data/wide.csv": (0..<100_000).map { "c\($0)" }.joined(separator: ",") + "\n"
                + (0..<100_000).map { "\($0)" }.joined(separator: ",") + "\n",
             "Content/data/wide.yml": "title: Wide\nsource: Fuzz\n"]
        }),
    ]

    @Test(arguments: cases)
    func finishesWithinBudget(_ c: Case) throws {
        let run = try Self.build(c)
        #expect(!run.timedOut, "still running after 5 s; killed")
        #expect(run.signal == nil || run.timedOut, "killed by signal \(run.signal ?? 0)\n\(run.stderr.prefix(2000))")
        #expect(run.peakMemory < 1 << 30, "peak memory \(run.peakMemory >> 20) MB")
        if !run.timedOut && run.signal == nil {
            #expect(run.status == 0 || run.status == 1, "exit status \(String(describing: run.status))")
            if run.status == 1 {
                // A refusal must be a located diagnostic, not a crash report.
                let first = String(run.stderr.split(separator: "\n").first ?? "")
                #expect(first.range(of: #"^Content/[^:]+:\d+:\d+: error: "#, options: .regularExpression) != nil,
                        "first line: \(first)")
            }
        }
    }

    /// The fixture site with the case's files added, built by the CLI with a 5 s budget.
    static func build(_ c: Case) throws -> CLI.Run {
        let project = try Scratch.project(copying: packageRoot + "/Tests/Fixtures/site")
        defer { Scratch.remove(project) }
        for (path, text) in c.files() {
            try FileManager.default.createDirectory(
                atPath: (project + "/" + path as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
            try Scratch.write(project + "/" + path, Array(text.utf8))
        }
        return try CLI.run(["build"], in: project, budget: .seconds(5))
    }
}
