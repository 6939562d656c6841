import Foundation
import Testing

/// What `brief build` does with the folders around and inside Output/ that it did not make.
@Suite struct OutputFolderTests {
    /// A scratch copy of the fixture site, not yet built.
    func project() throws -> String {
        try Scratch.project(copying: packageRoot + "/Tests/Fixtures/site")
    }

    func write(_ path: String, _ text: String) throws {
        try FileManager.default.createDirectory(atPath: (path as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
        try Scratch.write(path, Array(text.utf8))
    }

    /// Folders named like Brief's staging folders but without its marker belong to someone else:
    /// a build removes only the leftovers that carry the marker (or are empty).
    @Test func stagingLikeFoldersWithoutTheMarkerSurviveABuild() throws {
        let project = try project()
        defer { Scratch.remove(project) }
        let fm = FileManager.default
        try write(project + "/.Output.tmp-99999/notes.txt", "my notes\n")
        try write(project + "/.Output.old-12345/keep/data.csv", "a,b\n1,2\n")
        try write(project + "/.Output.tmp-4242/.brief-output", "marker\n")
        try write(project + "/.Output.tmp-4242/index.html", "half-written\n")
        try write(project + "/.Output.old-4243/.brief-output", "marker\n")
        try fm.createDirectory(atPath: project + "/.Output.old-4244", withIntermediateDirectories: true)
        let foreignTmp = try TreeSnapshot(project + "/.Output.tmp-99999")
        let foreignOld = try TreeSnapshot(project + "/.Output.old-12345")
        #expect(foreignTmp.entries.count == 1 && foreignOld.entries.count == 2)

        let run = try CLI.run(["build"], in: project, budget: .seconds(60))
        #expect(run.status == 0, "\(run.stderr)")

        #expect(try TreeSnapshot(project + "/.Output.tmp-99999") == foreignTmp)
        #expect(try TreeSnapshot(project + "/.Output.old-12345") == foreignOld)
        let left = try fm.contentsOfDirectory(atPath: project).filter { $0.hasPrefix(".Output.") }.sorted()
        #expect(left == [".Output.old-12345", ".Output.tmp-99999"])
        #expect(fm.fileExists(atPath: project + "/Output/index.html"))
    }

    /// An Output/ holding only `.gitkeep` (as a fresh clone has) is Brief's to fill; the
    /// `.gitkeep` stays, so the clone stays clean.
    @Test func anOutputFolderHoldingOnlyGitkeepIsFilledAndKeepsIt() throws {
        let project = try project()
        defer { Scratch.remove(project) }
        try write(project + "/Output/.gitkeep", "")
        let run = try CLI.run(["build"], in: project, budget: .seconds(60))
        #expect(run.status == 0, "\(run.stderr)")
        let fm = FileManager.default
        #expect(fm.fileExists(atPath: project + "/Output/.gitkeep"))
        #expect(fm.fileExists(atPath: project + "/Output/.brief-output"))
        #expect(fm.fileExists(atPath: project + "/Output/index.html"))
        // And again, now that it carries the marker.
        let again = try CLI.run(["build"], in: project, budget: .seconds(60))
        #expect(again.status == 0, "\(again.stderr)")
        #expect(fm.fileExists(atPath: project + "/Output/.gitkeep"))
    }

    @Test func anOutputFolderHoldingOnlyDSStoreIsFilled() throws {
        let project = try project()
        defer { Scratch.remove(project) }
        try write(project + "/Output/.DS_Store", "finder\n")
        let run = try CLI.run(["build"], in: project, budget: .seconds(60))
        #expect(run.status == 0, "\(run.stderr)")
        #expect(FileManager.default.fileExists(atPath: project + "/Output/index.html"))
    }

    /// `.DS_Store` does not make a folder Brief's: beside any other file it is still someone
    /// else's folder, refused and left exactly as it was.
    @Test(arguments: [[".DS_Store", "report.docx"], [".gitkeep", "report.docx"], [".gitkeep", ".DS_Store", "a/b.txt"], [".env"]])
    func aFolderWithDSStoreOrGitkeepAndAFileIsRefused(_ names: [String]) throws {
        let project = try project()
        defer { Scratch.remove(project) }
        for name in names { try write(project + "/Output/" + name, "x\n") }
        let before = try TreeSnapshot(project + "/Output")
        let run = try CLI.run(["build"], in: project, budget: .seconds(60))
        #expect(run.status == 1)
        #expect(run.stderr.hasPrefix(
            "error: refusing to replace 'Output': it is not empty and was not written by brief (no .brief-output file); empty it or choose another --output"),
            "\(run.stderr)")
        #expect(try TreeSnapshot(project + "/Output") == before)
        #expect(try FileManager.default.contentsOfDirectory(atPath: project).filter { $0.hasPrefix(".Output.") }.isEmpty)
    }
}
