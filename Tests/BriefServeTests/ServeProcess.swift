import Foundation
import Testing
#if canImport(Glibc)
import Glibc
#endif

/// The real `brief serve` binary (built by `swift build --build-tests`) in a child process, on
/// 127.0.0.1 and a free port, so its memory and open files can be read from /proc/<pid>/.
final class ServeProcess: @unchecked Sendable {
    static let binary = packageRoot + "/.build/debug/brief"

    let pid: pid_t
    let port: Int
    let stdoutPath: String
    private var stopped = false

    /// Starts `brief serve --port 0` in `project` and waits (hang guard: 120 s) for its URL.
    init(project: String, arguments: [String] = []) throws {
        stdoutPath = project + "/../serve-\(UUID().uuidString).out"
        let argv = ["/bin/sh", "-c", "cd \"$1\" && shift && exec \"$@\"", "sh", project,
                    Self.binary, "serve", "--port", "0"] + arguments
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0)
        posix_spawn_file_actions_addopen(&actions, 1, stdoutPath, O_WRONLY | O_CREAT | O_TRUNC, 0o644)
        posix_spawn_file_actions_addopen(&actions, 2, stdoutPath + ".err", O_WRONLY | O_CREAT | O_TRUNC, 0o644)
        let environment = ProcessInfo.processInfo.environment.map { "\($0.key)=\($0.value)" }
        let cArgs = argv.map { strdup($0) } + [nil]
        let cEnv = environment.map { strdup($0) } + [nil]
        defer { (cArgs + cEnv).forEach { free($0) } }
        // Test threads (libdispatch workers) block signals and a child inherits the mask: start
        // brief with none blocked and default actions, so SIGTERM stops it as it would a user's.
        var attributes = posix_spawnattr_t()
        posix_spawnattr_init(&attributes)
        defer { posix_spawnattr_destroy(&attributes) }
        var none = sigset_t()
        sigemptyset(&none)
        posix_spawnattr_setsigmask(&attributes, &none)
        var defaults = sigset_t()
        sigemptyset(&defaults)
        sigaddset(&defaults, SIGTERM)
        sigaddset(&defaults, SIGINT)
        posix_spawnattr_setsigdefault(&attributes, &defaults)
        posix_spawnattr_setflags(&attributes, Int16(POSIX_SPAWN_SETSIGMASK | POSIX_SPAWN_SETSIGDEF))
        var child: pid_t = 0
        let result = posix_spawn(&child, argv[0], &actions, &attributes, cArgs, cEnv)
        guard result == 0 else { throw TestFailure("posix_spawn failed: \(result)") }
        pid = child
        let deadline = ContinuousClock.now + .seconds(120)
        var found: Int?
        while found == nil, ContinuousClock.now < deadline {
            let text = (try? String(contentsOfFile: stdoutPath, encoding: .utf8)) ?? ""
            if let range = text.range(of: "Serving at http://127.0.0.1:") {
                found = Int(text[range.upperBound...].prefix { $0.isNumber })
            }
            var status: Int32 = 0
            if waitpid(child, &status, WNOHANG) == child { break }
            usleep(20_000)
        }
        guard let found else {
            kill(child, SIGKILL)
            throw TestFailure("brief serve did not start: \(Self.read(stdoutPath)) \(Self.read(stdoutPath + ".err"))")
        }
        port = found
    }

    deinit {
        stop()
        unlink(stdoutPath)
        unlink(stdoutPath + ".err")
    }

    /// SIGTERM, then waits (SIGKILL after 30 s); the exit status, nil if it had to be killed.
    @discardableResult
    func stop() -> Int32? {
        guard !stopped else { return nil }
        stopped = true
        kill(pid, SIGTERM)
        let deadline = ContinuousClock.now + .seconds(30)
        var status: Int32 = 0
        while waitpid(pid, &status, WNOHANG) != pid {
            if ContinuousClock.now > deadline {
                kill(pid, SIGKILL)
                waitpid(pid, &status, 0)
                return nil
            }
            usleep(20_000)
        }
        return status & 0x7F == 0 ? (status >> 8) & 0xFF : nil
    }

    var output: String { Self.read(stdoutPath) }

    /// Resident memory, from VmRSS in /proc/<pid>/status, in bytes.
    var residentBytes: Int {
        let status = Self.read("/proc/\(pid)/status")
        guard let line = status.split(separator: "\n").first(where: { $0.hasPrefix("VmRSS:") }) else { return 0 }
        return (Int(line.split(separator: " ").dropFirst().first ?? "") ?? 0) * 1024
    }

    /// Open file descriptors, counted in /proc/<pid>/fd.
    var openFiles: Int {
        (try? FileManager.default.contentsOfDirectory(atPath: "/proc/\(pid)/fd").count) ?? -1
    }

    static func read(_ path: String) -> String {
        (try? String(contentsOfFile: path, encoding: .utf8)) ?? ""
    }
}

/// Raises this process's soft limit on open files to its hard limit (children inherit it).
func raiseOpenFileLimit(atLeast wanted: Int) throws {
    var limit = rlimit()
    getrlimit(Int32(RLIMIT_NOFILE.rawValue), &limit)
    if limit.rlim_cur < rlim_t(wanted) {
        limit.rlim_cur = min(limit.rlim_max, rlim_t(max(wanted, 4096)))
        setrlimit(Int32(RLIMIT_NOFILE.rawValue), &limit)
        getrlimit(Int32(RLIMIT_NOFILE.rawValue), &limit)
    }
    guard limit.rlim_cur >= rlim_t(wanted) else {
        throw TestFailure("the open-file limit is \(limit.rlim_cur) (hard \(limit.rlim_max)); this test needs \(wanted)")
    }
}
