import Foundation
import Testing
#if canImport(Glibc)
import Glibc
#endif

/// Two `brief build`s of one output folder (an editor's save hook and a terminal): the second
/// waits for the first through a flock(2) on `.brief-build.lock` beside the output folder.
@Suite struct ConcurrentBuildTests {
    /// A scratch copy of the fixture site with `count` 1 MB assets, so writing takes a while.
    static func project(bigAssets count: Int) throws -> String {
        let project = try Scratch.project(copying: packageRoot + "/Tests/Fixtures/site")
        let folder = project + "/Content/assets/big"
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        for i in 0..<count {
            try Scratch.write(folder + "/blob-\(i).bin", [UInt8](repeating: UInt8(i & 0xFF), count: 1 << 20))
        }
        return project
    }

    /// Starts `brief build` in `project` without waiting; output goes to files beside it.
    static func start(_ arguments: [String] = [], in project: String, tag: String) throws -> (pid: pid_t, stderr: String) {
        let stderr = project + "/../\(tag).err"
        let argv = ["/bin/sh", "-c", "cd \"$1\" && shift && exec \"$@\"", "sh", project, CLI.binary, "build"] + arguments
        let environment = ProcessInfo.processInfo.environment.map { "\($0.key)=\($0.value)" }
        let pid = try CLI.spawn(argv, environment: environment, stdout: project + "/../\(tag).out", stderr: stderr)
        return (pid, stderr)
    }

    /// Waits for `pid` (a hang guard of `seconds`, then SIGKILL); the exit status, nil if killed.
    static func wait(_ pid: pid_t, seconds: Int = 120) -> Int32? {
        let deadline = ContinuousClock.now + .seconds(seconds)
        var status: Int32 = 0
        while true {
            let done = waitpid(pid, &status, WNOHANG)
            if done == pid { break }
            if done < 0 && errno != EINTR { return nil }  // already reaped, or not ours
            if ContinuousClock.now > deadline {
                kill(pid, SIGKILL)
                waitpid(pid, &status, 0)
                return nil
            }
            usleep(10_000)
        }
        return status & 0x7F == 0 ? (status >> 8) & 0xFF : nil
    }

    static func contents(_ path: String) -> String {
        (try? String(contentsOfFile: path, encoding: .utf8)) ?? ""
    }

    /// What two builds one after the other leave: the same project built twice in sequence.
    static func sequentialReference(of project: String) throws -> TreeSnapshot {
        let copy = try Scratch.folder() + "/project"
        defer { try? FileManager.default.removeItem(atPath: (copy as NSString).deletingLastPathComponent) }
        try FileManager.default.copyItem(atPath: project + "/Content", toPath: copy + "/Content")
        try FileManager.default.copyItem(atPath: project + "/Templates", toPath: copy + "/Templates")
        for _ in 0..<2 {
            let run = try CLI.run(["build"], in: copy, budget: .seconds(120))
            guard run.status == 0 else { throw CLI.CLIError(message: "reference build failed: \(run.stderr)") }
        }
        return try TreeSnapshot(copy + "/Output")
    }

    @Test("two builds started at once both succeed and leave what two builds in a row leave")
    func twoBuildsAtOnce() throws {
        let project = try Self.project(bigAssets: 24)
        defer { Scratch.remove(project) }
        let first = try Self.start(in: project, tag: "first")
        let second = try Self.start(in: project, tag: "second")
        let statuses = [Self.wait(first.pid), Self.wait(second.pid)]
        let errors = [Self.contents(first.stderr), Self.contents(second.stderr)]
        #expect(statuses == [0, 0], "stderr: \(errors)")
        // They overlapped (24 MB to write), so one of them waited for the other.
        #expect(errors.filter { $0.contains("note: waiting for another brief build of Output/ to finish") }.count == 1,
                "stderr: \(errors)")
        let leftovers = try FileManager.default.contentsOfDirectory(atPath: project).filter { $0.hasPrefix(".Output.") }
        #expect(leftovers.isEmpty, "left behind: \(leftovers)")
        let output = try TreeSnapshot(project + "/Output")
        let reference = try Self.sequentialReference(of: project)
        #expect(!output.isEmpty)
        #expect(output == reference, "differs: \(reference.difference(from: output))")
    }

    @Test("a build waits while another holds the lock, touches nothing, then finishes")
    func waitsForTheLock() throws {
        let project = try Self.project(bigAssets: 0)
        defer { Scratch.remove(project) }
        let first = try CLI.run(["build"], in: project, budget: .seconds(60))
        try #require(first.status == 0, "\(first.stderr)")
        try Scratch.write(project + "/Content/pages/extra.md", Array("---\ntitle: Extra\n---\nA page added later.\n".utf8))
        let before = try TreeSnapshot(project + "/Output")

        // This test plays the other build: it holds the flock itself.
        let lockPath = project + "/.brief-build.lock"
        #expect(FileManager.default.fileExists(atPath: lockPath), "no lock file beside Output/")
        let fd = open(lockPath, O_RDWR | O_CREAT, 0o644)
        try #require(fd >= 0)
        defer { close(fd) }
        try #require(flock(fd, LOCK_EX) == 0)

        let waiting = try Self.start(in: project, tag: "waiting")
        let deadline = ContinuousClock.now + .seconds(60)
        var exited = false
        var status: Int32 = 0
        while !Self.contents(waiting.stderr).contains("waiting for another brief build") {
            if waitpid(waiting.pid, &status, WNOHANG) == waiting.pid { exited = true; break }
            if ContinuousClock.now > deadline { break }
            usleep(20_000)
        }
        #expect(!exited, "the build did not wait for the lock: \(Self.contents(waiting.stderr))")
        #expect(Self.contents(waiting.stderr).contains("note: waiting for another brief build of Output/ to finish (.brief-build.lock)"))
        // While it waits it has written nothing: no staging folder, the old Output/.
        usleep(300_000)
        #expect(waitpid(waiting.pid, &status, WNOHANG) == 0, "the build finished while the lock was held")
        #expect(try FileManager.default.contentsOfDirectory(atPath: project).filter { $0.hasPrefix(".Output.tmp-") }.isEmpty)
        #expect(try TreeSnapshot(project + "/Output") == before)

        flock(fd, LOCK_UN)
        #expect(Self.wait(waiting.pid) == 0, "\(Self.contents(waiting.stderr))")
        #expect(FileManager.default.fileExists(atPath: project + "/Output/pages/extra/index.html"))
    }

    @Test("a build killed while holding the lock does not block the next one")
    func killedHolderLeavesNoStuckLock() throws {
        let project = try Self.project(bigAssets: 48)
        defer { Scratch.remove(project) }
        let holder = try Self.start(in: project, tag: "holder")
        // Wait until the build holds the lock (a non-blocking flock from here fails), then kill it.
        let lockPath = project + "/.brief-build.lock"
        let deadline = ContinuousClock.now + .seconds(60)
        var held = false
        var status: Int32 = 0
        var exitedEarly = false
        while ContinuousClock.now < deadline {
            let fd = open(lockPath, O_RDONLY)
            if fd >= 0 {
                held = flock(fd, LOCK_EX | LOCK_NB) != 0
                close(fd)
            }
            if held { break }
            if waitpid(holder.pid, &status, WNOHANG) == holder.pid { exitedEarly = true; break }
            usleep(1_000)
        }
        try #require(held && !exitedEarly, "never saw the build hold the lock")
        kill(holder.pid, SIGKILL)
        waitpid(holder.pid, &status, 0)
        #expect(status & 0x7F == SIGKILL)
        #expect(FileManager.default.fileExists(atPath: lockPath), "the lock file is gone, so this proves nothing")

        // The lock file is still there; the flock died with the process.
        let next = try CLI.run(["build"], in: project, budget: .seconds(120))
        #expect(next.status == 0, "\(next.stderr)")
        #expect(!next.stderr.contains("waiting for another"), "\(next.stderr)")
        #expect(FileManager.default.fileExists(atPath: project + "/Output/assets/big/blob-47.bin"))
    }
}
