import Foundation
import Testing

/// `brief check`: the strict CI gate, through the real binary.
@Suite struct CheckCommandTests {
    @Test func brokenAnchorFailsWithItsLocation() throws {
        let project = try ScratchProject()
        try project.write("Content/briefs/anchors.md", "---\ntitle: A\ndate: 2022-01-01\nsummary: S.\n---\nSee [x](exports-rise.md#no-such-anchor).\n")
        let text = try BriefCLI.run(["check"], in: project.root)
        #expect(text.status == 1)
        #expect(text.stdout.hasPrefix("Content/briefs/anchors.md:6:5: error: no heading or figure with id 'no-such-anchor' on briefs/exports-rise.md\n"), "\(text.stdout)")
        #expect(!FileManager.default.fileExists(atPath: project.root + "/Output/index.html"), "check writes nothing")

        let github = try BriefCLI.run(["check", "--format", "github"], in: project.root)
        #expect(github.status == 1)
        let line = try #require(github.stdout.split(separator: "\n").first.map(String.init))
        #expect(line == "::error file=Content/briefs/anchors.md,line=6,col=5::no heading or figure with id 'no-such-anchor' on briefs/exports-rise.md")
        #expect(line.wholeMatch(of: /::(error|warning|notice) file=[^,:]+,line=\d+,col=\d+::.+/) != nil)

        let json = try BriefCLI.run(["check", "--format", "json"], in: project.root)
        let object = try JSONSerialization.jsonObject(with: Data(json.stdout.utf8)) as? [String: Any]
        let first = try #require((object?["diagnostics"] as? [[String: Any]])?.first)
        #expect(first["line"] as? Int == 6 && first["column"] as? Int == 5 && first["severity"] as? String == "error")
    }

    @Test func sameBriefAnchorsAndGoodAnchorsPass() throws {
        let project = try ScratchProject()
        try project.write("Content/briefs/anchors.md", "---\ntitle: A\ndate: 2022-01-01\nsummary: S.\n---\n## Top part\n\nSee [x](exports-rise.md#the-numbers-2) and [y](#top-part).\n")
        let run = try BriefCLI.run(["check"], in: project.root)
        #expect(run.status == 0, "\(run.stdout)\(run.stderr)")
        try project.write("Content/briefs/anchors.md", "---\ntitle: A\ndate: 2022-01-01\nsummary: S.\n---\nSee [y](#nowhere).\n")
        #expect(try BriefCLI.run(["check"], in: project.root).status == 1)
    }

    @Test func warningsFailOnlyWithStrict() throws {
        let project = try ScratchProject()
        try project.write("Content/briefs/no-summary.md", "---\ntitle: A\ndate: 2022-01-01\n---\nText.\n")
        let lenient = try BriefCLI.run(["check"], in: project.root)
        #expect(lenient.status == 0, "\(lenient.stdout)")
        #expect(lenient.stdout.contains("Content/briefs/no-summary.md:2:1: warning: brief has no summary"))
        #expect(try BriefCLI.run(["check", "--strict"], in: project.root).status == 1)
    }

    @Test func realSiteIsReproducibleAcrossTimeZonesAndLocales() throws {
        let run = try BriefCLI.run(["check", "--strict", "--reproducible"], in: packageRoot)
        #expect(run.status == 0, "\(run.stdout)\(run.stderr)")
        #expect(run.stdout.contains("reproducible: two builds with different TZ and LANG are byte-identical"))
    }
}
