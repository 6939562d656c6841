import Foundation
import Testing

/// `PreviousBuild` decides what an earlier build can be trusted for: a build with no edit reads
/// no input file and writes nothing; a stat that moved is confirmed by hash; a missing output
/// file or an edit within the same second is never trusted away.
@Suite struct PreviousBuildTests {
    static let brief = "Content/briefs/exports-rise.md"

    /// Sets every input's mtime an hour back, so none counts as just changed (racy).
    func age(_ project: ScratchProject) throws {
        let past = Date(timeIntervalSinceNow: -3600)
        for folder in ["Content", "Templates"] {
            let root = project.root + "/" + folder
            for path in try FileManager.default.subpathsOfDirectory(atPath: root) {
                try FileManager.default.setAttributes([.modificationDate: past], ofItemAtPath: root + "/" + path)
            }
        }
    }

    func inode(_ path: String) -> UInt64 {
        var info = stat()
        return stat(path, &info) == 0 ? UInt64(info.st_ino) : 0
    }

    @Test func aBuildWithNoEditReadsNoInputAndWritesNothing() throws {
        let project = try ScratchProject()
        try age(project)
        let first = try BriefCLI.run(["build"], in: project.root)
        try #require(first.status == 0, "\(first.stderr)")
        let page = inode(project.root + "/Output/index.html")
        let again = try BriefCLI.run(["build", "--explain"], in: project.root)
        #expect(again.status == 0)
        #expect(again.stdout.contains(": 0 rendered,"), "\(again.stdout)")
        #expect(again.stderr.contains("no input changed"), "\(again.stderr)")
        #expect(again.stderr.contains(", 0 read to confirm by hash"), "\(again.stderr)")
        // The same warnings as the build it repeats, and the output folder untouched.
        let quiet = try BriefCLI.run(["build"], in: project.root)
        #expect(quiet.stderr == first.stderr)
        #expect(inode(project.root + "/Output/index.html") == page)
    }

    @Test func aTouchWithoutChangeIsConfirmedByHash() throws {
        let project = try ScratchProject()
        try age(project)
        try #require(try BriefCLI.run(["build"], in: project.root).status == 0)
        try FileManager.default.setAttributes([.modificationDate: Date()], ofItemAtPath: project.root + "/" + Self.brief)
        let touched = try BriefCLI.run(["build", "--explain"], in: project.root)
        #expect(touched.stdout.contains(": 0 rendered,"), "\(touched.stdout)")
        #expect(touched.stderr.contains("no input changed"), "\(touched.stderr)")
        #expect(touched.stderr.contains(", 1 read to confirm by hash"), "\(touched.stderr)")
    }

    @Test func twoEditsWithinOneSecondAreBothSeen() throws {
        let project = try ScratchProject()
        try #require(try BriefCLI.run(["build"], in: project.root).status == 0)
        // Same size, written back to back: the stat may not move between them.
        try project.replace(Self.brief, "A second heading with the same text.", "A second heading with the sane text.")
        try #require(try BriefCLI.run(["build"], in: project.root).status == 0)
        try project.replace(Self.brief, "A second heading with the sane text.", "A second heading with the tame text.")
        try #require(try BriefCLI.run(["build"], in: project.root).status == 0)
        #expect(try project.read("Output/briefs/exports-rise/index.html").contains("the tame text"))
    }

    @Test func aMissingOutputFileIsMadeAgain() throws {
        let project = try ScratchProject()
        try age(project)
        try #require(try BriefCLI.run(["build"], in: project.root).status == 0)
        try FileManager.default.removeItem(atPath: project.root + "/Output/tags/index.html")
        let run = try BriefCLI.run(["build", "--explain"], in: project.root)
        #expect(run.status == 0)
        #expect(!run.stderr.contains("no input changed"), "\(run.stderr)")
        #expect(FileManager.default.fileExists(atPath: project.root + "/Output/tags/index.html"))
    }

    @Test func optionsArePartOfWhatIsTrusted() throws {
        let project = try ScratchProject()
        try age(project)
        try #require(try BriefCLI.run(["build"], in: project.root).status == 0)
        let drafts = try BriefCLI.run(["build", "--drafts"], in: project.root)
        #expect(drafts.status == 0)
        #expect(!drafts.stdout.contains(": 0 rendered,"), "\(drafts.stdout)")
        #expect(FileManager.default.fileExists(atPath: project.root + "/Output/briefs/draft-note/index.html"))
    }
}
