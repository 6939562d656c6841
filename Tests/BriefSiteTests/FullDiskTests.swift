import Foundation
import Testing
#if canImport(Glibc)
import Glibc
#endif

/// A small tmpfs mounted for one test (tests run as root here); unmounted when done.
final class SmallDisk {
    let path: String

    /// Whether this process may mount a tmpfs: root, with mount(8), in a namespace that allows it.
    /// Tried once; where it is not allowed the tests below show as skipped, never as passed.
    static let available: Bool = {
        guard geteuid() == 0, FileManager.default.isExecutableFile(atPath: "/bin/mount") else { return false }
        guard let probe = try? SmallDisk(megabytes: 1) else { return false }
        probe.unmount()
        return true
    }()

    init(megabytes: Int) throws {
        path = try Scratch.folder()
        try Self.mount(["-t", "tmpfs", "-o", "size=\(megabytes)m,mode=0755", "tmpfs", path])
    }

    deinit { unmount() }

    func unmount() {
        _ = try? CLI.execute(["/bin/umount", path], in: "/", budget: .seconds(30))
        rmdir(path)
    }

    func remount(readOnly: Bool) throws {
        try Self.mount(["-o", readOnly ? "remount,ro" : "remount,rw", path])
    }

    /// Bytes free for files (statvfs).
    var freeBytes: Int {
        var info = statvfs()
        guard statvfs(path, &info) == 0 else { return 0 }
        return Int(info.f_bavail) * Int(info.f_frsize)
    }

    private static func mount(_ arguments: [String]) throws {
        let run = try CLI.execute(["/bin/mount"] + arguments, in: "/", budget: .seconds(30))
        guard run.status == 0 else { throw CLI.CLIError(message: "mount \(arguments.joined(separator: " ")): \(run.stderr)") }
    }
}

/// Space a folder's files take on disk (what they cost a tmpfs), in bytes.
func diskUsage(_ folder: String) -> Int {
    var total = 0
    let fm = FileManager.default
    guard let walker = fm.enumerator(atPath: folder) else { return 0 }
    while let relative = walker.nextObject() as? String {
        var info = stat()
        if lstat(folder + "/" + relative, &info) == 0 { total += Int(info.st_blocks) * 512 }
    }
    return total
}

/// A disk that fills up while the site is written, and an output folder on a read-only file
/// system: the build fails naming the file, Output/ stays exactly the previous build, nothing
/// half-written is left, and the next build after the fault is gone succeeds.
@Suite(.serialized) struct FullDiskTests {
    /// The fixture site plus 32 assets of 64 KB (about 2 MB of output), building into `disk/Output`.
    static func project() throws -> String {
        let project = try Scratch.project(copying: packageRoot + "/Tests/Fixtures/site")
        let folder = project + "/Content/assets/bulk"
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        for i in 0..<32 {
            try Scratch.write(folder + "/part-\(i).bin", [UInt8](repeating: UInt8(i), count: 64 << 10))
        }
        return project
    }

    static func stagingFolders(in folder: String) throws -> [String] {
        try FileManager.default.contentsOfDirectory(atPath: folder).filter { $0.hasPrefix(".Output.") }
    }

    @Test("a full disk mid-write: error names the file, Output/ is the previous build, staging removed",
          .enabled(if: SmallDisk.available, "needs root and permission to mount a tmpfs"))
    func diskFillsUpMidWrite() throws {
        let project = try Self.project()
        defer { Scratch.remove(project) }
        let disk = try SmallDisk(megabytes: 8)
        let output = disk.path + "/Output"

        let first = try CLI.run(["build", "--output", output], in: project, budget: .seconds(120))
        try #require(first.status == 0, "\(first.stderr)")
        let before = try TreeSnapshot(output)
        let siteBytes = diskUsage(output)
        #expect(siteBytes > 2_000_000)

        // Leave room for about half a site: a full rebuild (--clean writes every file anew,
        // nothing hard-linked) runs out of space part-way through.
        let filler = disk.path + "/filler"
        let fillerBytes = disk.freeBytes - siteBytes / 2
        try #require(fillerBytes > 0)
        try Scratch.write(filler, [UInt8](repeating: 0xAB, count: fillerBytes))

        let full = try CLI.run(["build", "--clean", "--output", output], in: project, budget: .seconds(120))
        #expect(full.status == 1, "\(full.stderr)")
        let line = full.stderr.split(separator: "\n").first.map(String.init) ?? ""
        // e.g. "error: cannot write /tmp/…/Output/assets/bulk/part-17.bin: no space left on device; …/Output/ was left as it was"
        #expect(line.hasPrefix("error: cannot write \(output)/"), "\(full.stderr)")
        #expect(line.contains(": no space left on device; \(output)/ was left as it was"), "\(full.stderr)")
        let named = line.dropFirst("error: cannot write \(output)/".count).prefix { $0 != ":" }
        #expect(before.entries[String(named)] != nil, "the error names \(named), not a file of the site")
        #expect(try TreeSnapshot(output) == before, "Output/ changed")
        #expect(try Self.stagingFolders(in: disk.path).isEmpty, "the staging folder was left on the full disk")

        // Space freed: the next build succeeds and gives the same site.
        try FileManager.default.removeItem(atPath: filler)
        let next = try CLI.run(["build", "--clean", "--output", output], in: project, budget: .seconds(120))
        #expect(next.status == 0, "\(next.stderr)")
        #expect(try TreeSnapshot(output) == before)
        #expect(try Self.stagingFolders(in: disk.path).isEmpty)
    }

    @Test("a read-only output parent: a clear error, Output/ untouched; writable again, the build succeeds",
          .enabled(if: SmallDisk.available, "needs root and permission to mount a tmpfs"))
    func readOnlyOutputParent() throws {
        let project = try Self.project()
        defer { Scratch.remove(project) }
        let disk = try SmallDisk(megabytes: 16)
        let output = disk.path + "/Output"

        let first = try CLI.run(["build", "--output", output], in: project, budget: .seconds(120))
        try #require(first.status == 0, "\(first.stderr)")
        let before = try TreeSnapshot(output)
        try Scratch.write(project + "/Content/pages/extra.md", Array("---\ntitle: Extra\n---\nAdded while read-only.\n".utf8))

        try disk.remount(readOnly: true)
        let refused = try CLI.run(["build", "--output", output], in: project, budget: .seconds(120))
        #expect(refused.status == 1, "\(refused.stderr)")
        let line = refused.stderr.split(separator: "\n").first.map(String.init) ?? ""
        #expect(line.hasPrefix("error: cannot "), "\(refused.stderr)")
        #expect(line.contains("read-only file system"), "\(refused.stderr)")
        #expect(line.contains(disk.path), "the error does not say where: \(refused.stderr)")
        #expect(try TreeSnapshot(output) == before, "Output/ changed")

        try disk.remount(readOnly: false)
        #expect(try Self.stagingFolders(in: disk.path).isEmpty)
        let next = try CLI.run(["build", "--output", output], in: project, budget: .seconds(120))
        #expect(next.status == 0, "\(next.stderr)")
        #expect(FileManager.default.fileExists(atPath: output + "/pages/extra/index.html"))
        #expect(try Self.stagingFolders(in: disk.path).isEmpty)
    }
}
