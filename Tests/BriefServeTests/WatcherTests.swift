@testable import BriefServe
import Foundation
import Testing
#if canImport(Glibc)
import Glibc
#endif

/// Each test ends with a sentinel write: the batch after the changes under test must hold only the
/// sentinel, which proves there was no extra batch in between, with no timing in the assertion.
/// Tests that need a burst to stay one batch use a long quiet period, so a test thread paused by a
/// busy machine does not split the burst (the server's default is 50 ms).
@Suite("Directory watcher (inotify)")
struct WatcherTests {
    final class Folder: Sendable {
        let path: String
        init() throws {
            path = FileManager.default.temporaryDirectory.path + "/brief-watch-" + UUID().uuidString
            try FileManager.default.createDirectory(atPath: path + "/briefs", withIntermediateDirectories: true)
        }
        deinit { try? FileManager.default.removeItem(atPath: path) }
        func write(_ name: String, _ text: String = "x\n") throws {
            try Data(text.utf8).write(to: URL(fileURLWithPath: path + "/" + name))
        }
        func rename(_ from: String, _ to: String) { _ = Glibc.rename(path + "/" + from, path + "/" + to) }
        func remove(_ name: String) { unlink(path + "/" + name) }
    }

    static let patient = Duration.milliseconds(500)

    static func next(_ iterator: inout AsyncStream<DirectoryWatcher.Batch>.Iterator) async -> [String]? {
        await iterator.next()?.paths
    }

    @Test func oneWriteIsOneBatch() async throws {
        let folder = try Folder()
        let watcher = try DirectoryWatcher(roots: [folder.path])
        defer { watcher.stop() }
        try await withHangGuard {
            var batches = watcher.batches.makeAsyncIterator()
            try folder.write("briefs/a.md", "---\ntitle: A\n---\nBody\n")
            #expect(await Self.next(&batches) == [folder.path + "/briefs/a.md"])
            try folder.write("sentinel.md")
            #expect(await Self.next(&batches) == [folder.path + "/sentinel.md"])
        }
    }

    @Test("vim's save (4913, rename to x~, write x, delete x~) is one batch")
    func vimSaveIsOneBatch() async throws {
        let folder = try Folder()
        try folder.write("briefs/x.md", "old\n")
        let watcher = try DirectoryWatcher(roots: [folder.path], quietPeriod: Self.patient)
        defer { watcher.stop() }
        try await withHangGuard {
            var batches = watcher.batches.makeAsyncIterator()
            try folder.write("briefs/.x.md.swp", "swap")
            try folder.write("briefs/4913", "")
            folder.remove("briefs/4913")
            folder.rename("briefs/x.md", "briefs/x.md~")
            try folder.write("briefs/x.md", "new\n")
            folder.remove("briefs/x.md~")
            try folder.write("briefs/.x.md.swp", "swap again")
            folder.remove("briefs/.x.md.swp")
            #expect(await Self.next(&batches) == [folder.path + "/briefs/x.md"])
            try folder.write("sentinel.md")
            #expect(await Self.next(&batches) == [folder.path + "/sentinel.md"])
        }
    }

    @Test("editor by-products alone cause no batch")
    func byProductsAreIgnored() async throws {
        let folder = try Folder()
        let watcher = try DirectoryWatcher(roots: [folder.path])
        defer { watcher.stop() }
        try await withHangGuard {
            var batches = watcher.batches.makeAsyncIterator()
            for name in ["briefs/.x.md.swp", "briefs/x.md.swp", "briefs/x.md.swx", "briefs/4913", "briefs/5036",
                         "briefs/x.md~", "briefs/.#x.md", "briefs/#x.md#", ".DS_Store"] {
                try folder.write(name)
                folder.remove(name)
            }
            try FileManager.default.createDirectory(atPath: folder.path + "/.git", withIntermediateDirectories: true)
            try folder.write(".git/index")
            try folder.write("sentinel.md")
            #expect(await Self.next(&batches) == [folder.path + "/sentinel.md"])
        }
    }

    @Test("a burst of writes to many files is one batch")
    func burstIsOneBatch() async throws {
        let folder = try Folder()
        let watcher = try DirectoryWatcher(roots: [folder.path], quietPeriod: Self.patient)
        defer { watcher.stop() }
        try await withHangGuard {
            var batches = watcher.batches.makeAsyncIterator()
            for i in 0..<20 { try folder.write("briefs/b\(i).md") }
            #expect(await Self.next(&batches)?.count == 20)
            try folder.write("sentinel.md")
            #expect(await Self.next(&batches) == [folder.path + "/sentinel.md"])
        }
    }

    @Test("new subfolders are watched too")
    func recursive() async throws {
        let folder = try Folder()
        let watcher = try DirectoryWatcher(roots: [folder.path])
        defer { watcher.stop() }
        try await withHangGuard {
            var batches = watcher.batches.makeAsyncIterator()
            try FileManager.default.createDirectory(atPath: folder.path + "/briefs/new", withIntermediateDirectories: true)
            #expect(await Self.next(&batches)?.contains(folder.path + "/briefs/new") == true)
            try folder.write("briefs/new/y.md")
            #expect(await Self.next(&batches) == [folder.path + "/briefs/new/y.md"])
        }
    }

    @Test func stopFinishesTheStream() async throws {
        let folder = try Folder()
        let watcher = try DirectoryWatcher(roots: [folder.path])
        watcher.stop()
        watcher.stop()
        try await withHangGuard {
            var batches = watcher.batches.makeAsyncIterator()
            #expect(await Self.next(&batches) == nil)
        }
    }

    @Test func ignoredNames() {
        for name in [".x.md.swp", "x.md.swp", "x.swx", "4913", "5036", "x.md~", ".#x.md", "#x.md#", ".DS_Store", ".env", ""] {
            #expect(DirectoryWatcher.isIgnored(name), "\(name)")
        }
        for name in ["x.md", "site.yml", "2024.md", "layout.mustache", "trade.csv"] {
            #expect(!DirectoryWatcher.isIgnored(name), "\(name)")
        }
    }
}
