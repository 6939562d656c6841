import Foundation
import Testing

/// The build cache belongs to its output folder: building a second output folder from the same
/// working folder must not make the first one's next incremental build stale.
@Suite struct CacheOwnershipTests {
    static let brief = "Content/briefs/exports-rise.md"
    static let old = "A second heading with the same text."
    static let new = "A second heading, now about zebras."

    @Test func twoOutputFoldersFromOneWorkingFolderKeepTheirOwnCaches() throws {
        let project = try ScratchProject()
        // B's content is A's with the edit that A will get later, so B's output keys for the
        // edited pages are exactly what A's will be: a shared cache would call A's old pages
        // "unchanged" and keep them.
        try FileManager.default.copyItem(atPath: project.root + "/Content", toPath: project.root + "/ContentB")
        try project.replace("ContentB/briefs/exports-rise.md", Self.old, Self.new)

        let a = try BriefCLI.run(["build", "--output", "A"], in: project.root)
        try #require(a.status == 0, "\(a.stderr)")
        let b = try BriefCLI.run(["build", "--content", "ContentB", "--output", "B"], in: project.root)
        try #require(b.status == 0, "\(b.stderr)")
        #expect(FileManager.default.fileExists(atPath: project.root + "/.brief-cache/A/cache.bin"))
        #expect(FileManager.default.fileExists(atPath: project.root + "/.brief-cache/B/cache.bin"))

        try project.replace(Self.brief, Self.old, Self.new)
        let again = try BriefCLI.run(["build", "--output", "A"], in: project.root)
        try #require(again.status == 0, "\(again.stderr)")
        #expect(!again.stdout.contains(": 0 rendered,"), "\(again.stdout)")
        let clean = try BriefCLI.run(["build", "--clean", "--output", "C"], in: project.root)
        try #require(clean.status == 0, "\(clean.stderr)")

        var incremental = project.tree("A"), fresh = project.tree("C")
        // The changes page describes the difference from the previous build of that folder.
        incremental["changes/index.html"] = nil
        fresh["changes/index.html"] = nil
        #expect(Set(incremental.keys) == Set(fresh.keys))
        for (path, bytes) in incremental where fresh[path] != bytes {
            Issue.record("A/\(path) differs from a clean build")
        }
        #expect(String(decoding: incremental["briefs/exports-rise/index.html"] ?? [], as: UTF8.self).contains("zebras"))
    }

    /// An explicit shared `--cache` is not trusted for a folder it was not made for.
    @Test func aCacheMadeForAnotherOutputIsNotRestored() throws {
        let project = try ScratchProject()
        #expect(try BriefCLI.run(["build", "--output", "A", "--cache", "shared"], in: project.root).status == 0)
        try FileManager.default.copyItem(atPath: project.root + "/A", toPath: project.root + "/B")
        let run = try BriefCLI.run(["build", "--output", "B", "--cache", "shared"], in: project.root)
        #expect(run.status == 0, "\(run.stderr)")
        #expect(run.stdout.contains(" rendered, 0 unchanged,"), "\(run.stdout)")
        let back = try BriefCLI.run(["build", "--output", "B", "--cache", "shared"], in: project.root)
        #expect(back.stdout.contains(": 0 rendered,"), "\(back.stdout)")
    }
}
