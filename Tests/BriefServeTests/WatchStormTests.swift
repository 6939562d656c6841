@testable import BriefServe
import BriefSite
import Foundation
import Testing
#if canImport(Glibc)
import Glibc
#endif

/// A git repository holding a project whose two branches differ in 1,000 briefs.
final class StormRepository: Sendable {
    let project: TempProject
    var root: String { project.project }
    static let briefCount = 1000

    init() throws {
        project = try TempProject()
        try git("init", "-q", "-b", "main")
        try writeBriefs(body: "Text on main")
        try git("add", "-A")
        try git("commit", "-q", "-m", "main")
        try git("checkout", "-q", "-b", "other")
        try writeBriefs(body: "Text on the other branch")
        try git("commit", "-q", "-a", "-m", "other")
        try git("checkout", "-q", "main")
    }

    private func writeBriefs(body: String) throws {
        for i in 0..<Self.briefCount {
            let name = String(format: "storm-%04d", i)
            try project.write("Content/briefs/\(name).md", TempProject.brief(title: "Storm \(i)", body: "\(body), brief \(i)."))
        }
    }

    /// Runs git in the repository (a real `git checkout` writes the files as it always does).
    func git(_ arguments: String...) throws {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/git")
        process.arguments = ["-c", "user.name=Brief Test", "-c", "user.email=test@example.invalid",
                             "-c", "commit.gpgsign=false"] + arguments
        process.currentDirectoryURL = URL(fileURLWithPath: root)
        process.standardOutput = FileHandle.nullDevice
        try process.run()
        process.waitUntilExit()
        guard process.terminationStatus == 0 else { throw TestFailure("git \(arguments.joined(separator: " ")) failed") }
    }

    /// The site a clean build of what is on disk now gives, path → bytes, without the changes
    /// page (which, by design, compares with the build before, and a clean build has none).
    func cleanBuild() -> [String: [UInt8]] {
        let result = Site.build(.disk(root), options: BuildOptions())
        return withoutChangesPage(result.outputs.reduce(into: [:]) { $0[$1.path] = $1.bytes })
    }
}

func withoutChangesPage(_ files: [String: [UInt8]]) -> [String: [UInt8]] {
    var files = files
    files["changes/index.html"] = nil
    return files
}

/// Counts what the server reports, from a task that reads its events.
actor BuildCounter {
    private(set) var builds: [(changes: Int, succeeded: Bool)] = []
    func add(changes: Int, succeeded: Bool) { builds.append((changes, succeeded)) }
}

@Suite("Watch storms", .serialized)
struct WatchStormTests {
    @Test("git checkout of a branch changing 1,000 briefs under serve: one or two rebuilds, then the new branch's site")
    func branchSwitchUnderServe() async throws {
        let repository = try StormRepository()
        let server = try await RunningServer(project: repository.project, watch: true)
        // The first build came before the server listened; the site is main's.
        try #require(await server.server.site.snapshot.hasSite)
        let counter = BuildCounter()
        let reading = Task {
            while let event = await server.next() {
                if case .built(let result, _, let changes) = event {
                    await counter.add(changes: changes.count, succeeded: result.succeeded)
                }
            }
        }
        defer { reading.cancel() }

        try repository.git("checkout", "-q", "other")
        let expected = repository.cleanBuild()
        #expect(expected.count > StormRepository.briefCount)
        let site = server.server.site
        try await withHangGuard(180) {
            while await withoutChangesPage(site.snapshot.files) != expected { try await Task.sleep(for: .milliseconds(100)) }
        }
        // Settle: anything still queued would show as a further rebuild within this time
        // (the watcher sends a batch at the latest a second after a change).
        try await Task.sleep(for: .seconds(3))
        let builds = await counter.builds
        print("storm: \(builds.count) rebuild(s) after the checkout, changed paths per rebuild: \(builds.map(\.changes))")
        #expect((1...2).contains(builds.count), "\(builds.count) rebuilds for one checkout: \(builds.map(\.changes))")
        #expect(builds.allSatisfy { $0.succeeded })
        #expect(builds.map(\.changes).reduce(0, +) >= StormRepository.briefCount, "changed paths reported: \(builds.map(\.changes))")
        #expect(await withoutChangesPage(site.snapshot.files) == expected, "the served site is not a clean build of the new branch")
        let changes = String(decoding: await site.snapshot.files["changes/index.html"] ?? [], as: UTF8.self)
        #expect(changes.contains("Briefs edited"))
        // And over HTTP, a page that only the new branch has.
        let page = try await RawClient.request("/briefs/storm-0999/", port: server.port)
        #expect(page.status == 200)
        #expect(page.bodyText.contains("Text on the other branch, brief 999."))
        try await server.stop()
    }

    @Test("the watcher sends one batch (two at most) for a 1,000-file checkout")
    func checkoutIsOneBatch() async throws {
        let repository = try StormRepository()
        let watcher = try DirectoryWatcher(roots: [repository.root + "/Content"], quietPeriod: .milliseconds(500))
        defer { watcher.stop() }
        try await withHangGuard(120) {
            var batches = watcher.batches.makeAsyncIterator()
            try repository.git("checkout", "-q", "other")
            var seen = Set<String>()
            var count = 0
            while seen.count < StormRepository.briefCount, let batch = await batches.next() {
                count += 1
                seen.formUnion(batch.paths)
            }
            print("storm: \(count) watcher batch(es) for the checkout, \(seen.count) paths")
            #expect((1...2).contains(count), "\(count) batches")
            #expect(seen.filter { $0.contains("/briefs/storm-") }.count == StormRepository.briefCount)
            // A sentinel: the next batch holds only it, so no other batch came in between.
            try repository.project.write("Content/sentinel.md", "x\n")
            #expect(await batches.next()?.paths == [repository.root + "/Content/sentinel.md"])
        }
    }

    @Test("changes that never pause still give a batch while they go on (the delay is capped)")
    func endlessChangesStillGiveABatch() async throws {
        let folder = FileManager.default.temporaryDirectory.path + "/brief-storm-" + UUID().uuidString
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let watcher = try DirectoryWatcher(roots: [folder])  // the server's 50 ms quiet period
        defer { watcher.stop() }
        let writer = StormWriter(folder: folder)
        writer.start()
        let batch = try await withHangGuard(60) {
            var batches = watcher.batches.makeAsyncIterator()
            return await batches.next()
        }
        let stillWriting = writer.stop()
        #expect(batch.map { !$0.paths.isEmpty } == true)
        #expect(stillWriting, "the first batch came only after the writes stopped")
    }
}

/// Writes a file every 10 ms (never a 50 ms pause) for up to 40 s, until stopped.
final class StormWriter: @unchecked Sendable {
    let folder: String
    private let lock = NSLock()
    private var stopped = false
    private var finishedByItself = false

    init(folder: String) { self.folder = folder }

    func start() {
        Thread.detachNewThread { [self] in
            let end = ContinuousClock.now + .seconds(40)
            var i = 0
            while lock.withLock({ !stopped }) {
                if ContinuousClock.now > end {
                    lock.withLock { finishedByItself = true }
                    return
                }
                try? Data("\(i)\n".utf8).write(to: URL(fileURLWithPath: folder + "/f\(i % 50).md"))
                i += 1
                usleep(10_000)
            }
        }
    }

    /// Stops it; whether it was still writing (had not run out of time by itself).
    func stop() -> Bool {
        lock.withLock {
            stopped = true
            return !finishedByItself
        }
    }
}
