import Foundation
import Testing

/// `brief diff` against a real git repository of two commits (real `git` in a temporary
/// folder), and against an earlier output folder.
@Suite struct DiffTests {
    /// The fixture site committed, then a second commit that edits one figure's data row and one
    /// brief's prose, and adds a brief.
    static func twoCommits() throws -> ScratchProject {
        let project = try ScratchProject()
        func git(_ args: String...) throws {
            let run = try Self.git(Array(args), in: project.root)
            #expect(run.status == 0, "git \(args): \(run.stderr)")
        }
        try git("init", "-q", "-b", "main")
        try git("add", "-A")
        try git("commit", "-qm", "first")
        try project.replace("Content/data/exports.csv", "FY2021-22,6798.982,", "FY2021-22,6900.5,")
        try project.replace("Content/briefs/balance.md", "Pakistan runs a surplus.", "Pakistan runs a surplus with the US.")
        try project.write("Content/briefs/new-one.md", "---\ntitle: A new brief\ndate: 2022-09-01\nsummary: New.\n---\nText.\n")
        try git("add", "-A")
        try git("commit", "-qm", "second")
        return project
    }

    static func git(_ args: [String], in folder: String) throws -> BriefCLI.Run {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["git", "-c", "user.name=Test", "-c", "user.email=test@example.org"] + args
        process.currentDirectoryURL = URL(fileURLWithPath: folder)
        let out = Pipe(), err = Pipe()
        process.standardOutput = out
        process.standardError = err
        try process.run()
        let o = out.fileHandleForReading.readDataToEndOfFile(), e = err.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return BriefCLI.Run(status: process.terminationStatus, stdout: String(decoding: o, as: UTF8.self), stderr: String(decoding: e, as: UTF8.self))
    }

    static let expectedReport = """
        ## Brief: changes against BASE

        **Briefs added:** [A new brief](https://example.org/briefing/briefs/new-one/)

        **Briefs edited:** [The balance](https://example.org/briefing/briefs/balance/)

        ### Figures changed

        | Brief | Figure | Was | Now | Sentence |
        |---|---|---|---|---|
        | [Exports to the US rose](https://example.org/briefing/briefs/exports-rise/) | `exports.exports_musd[FY2021-22]` | 6,798.982 | 6,900.5 | Exports reached 6,900.5 million dollars ($6.9B). |
        | [Exports to the US rose](https://example.org/briefing/briefs/exports-rise/) | `exports.exports_musd[FY2021-22]\\|usd_millions` | $6.8B | $6.9B | Exports reached 6,900.5 million dollars ($6.9B). |

        ### Charts changed

        - [Exports outgrew imports](https://example.org/briefing/briefs/exports-rise/#chart-1) in Exports to the US rose: data changed

        ### Datasets changed

        - [Pakistan's trade with the US (SBP)](https://example.org/briefing/data/exports/): 0 rows added, 0 removed, 1 changed


        """

    @Test func theReportAgainstTheFirstCommitListsExactlyTheSecondCommitsEdits() throws {
        let project = try Self.twoCommits()
        let run = try BriefCLI.run(["diff", "--base", "HEAD~1", "--format", "markdown"], in: project.root)
        #expect(run.status == 0, "\(run.stderr)")
        #expect(run.stdout == Self.expectedReport.replacingOccurrences(of: "BASE", with: "HEAD~1"), "\(run.stdout)")
        // The page: the same edits, the changed chart drawn before and after, and the old and new figure.
        let page = try project.read("Output/changes/index.html")
        #expect(page.contains("<h1>Changes against HEAD~1</h1>"))
        #expect(page.contains("<del>6,798.982</del> → <ins>6,900.5</ins>"))
        #expect(page.contains("<figcaption>Before</figcaption><svg"))
        #expect(page.contains("<figcaption>After</figcaption><svg"))
        #expect(page.contains("highest 6,798.982") && page.contains("highest 6,900.5"))
        // The temporary worktree is gone.
        let worktrees = try Self.git(["worktree", "list"], in: project.root)
        #expect(worktrees.stdout.split(separator: "\n").count == 1, "\(worktrees.stdout)")
    }

    @Test func theReportAgainstAnEarlierOutputFolderIsTheSame() throws {
        let project = try Self.twoCommits()
        #expect(try Self.git(["checkout", "-q", "HEAD~1"], in: project.root).status == 0)
        #expect(try BriefCLI.run(["build", "--output", "Base"], in: project.root).status == 0)
        #expect(try Self.git(["checkout", "-q", "main"], in: project.root).status == 0)
        let run = try BriefCLI.run(["diff", "--base", "Base", "--format", "markdown"], in: project.root)
        #expect(run.status == 0, "\(run.stderr)")
        #expect(run.stdout == Self.expectedReport.replacingOccurrences(of: "BASE", with: "Base"), "\(run.stdout)")
        let page = try project.read("Output/changes/index.html")
        #expect(page.contains("<figcaption>Before</figcaption><svg"))
    }

    @Test func anUnknownBaseIsAClearError() throws {
        let project = try Self.twoCommits()
        let run = try BriefCLI.run(["diff", "--base", "no-such-branch"], in: project.root)
        #expect(run.status == 1)
        #expect(run.stderr.contains("error: 'no-such-branch' is not a commit"), "\(run.stderr)")
        #expect(!FileManager.default.fileExists(atPath: project.root + "/Output"))
    }

    @Test func noChangesSaysSo() throws {
        let project = try Self.twoCommits()
        let run = try BriefCLI.run(["diff", "--base", "HEAD", "--format", "markdown"], in: project.root)
        #expect(run.status == 0, "\(run.stderr)")
        #expect(run.stdout == "## Brief: changes against HEAD\n\nNo changes in briefs, charts, figures or data.\n")
    }
}
