import Foundation
import Testing
#if canImport(Glibc)
import Glibc
#endif

/// The bad-input suite: every folder of Tests/Fixtures/invalid/ is a small site with one mistake
/// and, in `expected.txt`, the first line the CLI must print. Each runs through the real `brief`
/// binary in a subprocess, beside an Output/ from an earlier good build that must survive intact.
@Suite struct InvalidInputTests {
    static let casesFolder = packageRoot + "/Tests/Fixtures/invalid"
    static let quirksFolder = packageRoot + "/Tests/Fixtures/valid-quirks"

    /// Cases that need a file brief cannot read; they run only where one can be made.
    static let unreadableCases = ["gen-unreadable-file", "gen-unreadable-folder"]

    static var allCases: [String] {
        ((try? FileManager.default.contentsOfDirectory(atPath: casesFolder)) ?? []).sorted()
    }

    static var cases: [String] { allCases.filter { !unreadableCases.contains($0) } }

    @Test func thereAreAtLeastFortyCases() {
        #expect(Self.cases.count >= 40)
        #expect(Self.unreadableCases.allSatisfy(Self.allCases.contains))
    }

    @Test(arguments: cases)
    func brokenSiteFailsWithItsDiagnostic(_ name: String) throws {
        try Self.check(name)
    }

    /// As root, a file can be made unreadable only by running brief as another user (setpriv);
    /// without setpriv these cases show as skipped, not as passed.
    @Test(.enabled(if: Scratch.canMakeUnreadable, "running as root and /usr/bin/setpriv is missing: no file can be made unreadable"),
          arguments: unreadableCases)
    func unreadableInputFailsWithItsDiagnostic(_ name: String) throws {
        try Self.check(name)
    }

    static func check(_ name: String) throws {
        let expected = try String(contentsOfFile: Self.casesFolder + "/\(name)/expected.txt", encoding: .utf8)
            .trimmingCharacters(in: .newlines)
        let project = try Scratch.project(copying: Self.casesFolder + "/" + name)
        defer { Scratch.remove(project) }
        try Scratch.addGoodOutput(to: project)

        var runAs: [String] = []
        if let generate = Self.generated[name] {
            runAs = try generate(project)
        }
        let before = try TreeSnapshot(project + "/Output")
        let run = try CLI.run(["build"], in: project, prefix: runAs, budget: .seconds(30))

        #expect(run.signal == nil, "brief was killed by signal \(run.signal ?? 0)\n\(run.stderr)")
        #expect(run.status == 1, "exit status \(run.status.map(String.init) ?? "none")\n\(run.stderr)")
        #expect(run.stderr.split(separator: "\n", omittingEmptySubsequences: false).first.map(String.init) == expected,
                "stderr:\n\(run.stderr.prefix(2000))")
        #expect(!run.stderr.contains("Fatal error"), "\(run.stderr)")
        let after = try TreeSnapshot(project + "/Output")
        #expect(after == before, "Output/ changed: \(before.difference(from: after))")
        let leftovers = try FileManager.default.contentsOfDirectory(atPath: project).filter { $0.hasPrefix(".Output.") }
        #expect(leftovers.isEmpty, "staging folders left behind: \(leftovers)")
    }

    /// Quirks that must build: the same site with a BOM, CRLF or CR-only line ends gives
    /// byte-identical output to the clean version.
    @Test(arguments: ["bom", "crlf", "cr-only", "bom-crlf", "no-final-newline"])
    func quirkBuildsLikeTheCleanSite(_ name: String) throws {
        let clean = try Self.buildQuirk("clean")
        let quirk = try Self.buildQuirk(name)
        #expect(!clean.isEmpty)
        #expect(quirk == clean, "differs from the clean build: \(clean.difference(from: quirk))")
    }

    static func buildQuirk(_ name: String) throws -> TreeSnapshot {
        let project = try Scratch.project(copying: quirksFolder + "/" + name)
        defer { Scratch.remove(project) }
        let run = try CLI.run(["build"], in: project, budget: .seconds(30))
        #expect(run.status == 0 && run.signal == nil, "\(name): \(run.stderr)")
        return try TreeSnapshot(project + "/Output")
    }

    // MARK: Cases whose input is made at test time

    /// Makes the input of a generated case inside `project`; returns the command prefix to run
    /// brief with (e.g. as another user).
    typealias Generator = @Sendable (String) throws -> [String]

    static let generated: [String: Generator] = [
        // 50 MB of prose: refused at once by the Markdown size limit, not parsed for minutes.
        "gen-brief-50mb": { project in
            let paragraph = "Exports to the US rose in the year, with *textiles* leading and [a link](note.md).\n\n"
            let count = 50 * 1024 * 1024 / paragraph.utf8.count + 1
            let text = "---\ntitle: Big\ndate: 2022-01-01\n---\n" + String(repeating: paragraph, count: count)
            try Scratch.write(project + "/Content/briefs/big.md", Array(text.utf8))
            return []
        },
        // A million rows, then one short row: the parser reads them all and points at the last.
        "gen-csv-million-rows": { project in
            var text = "fiscal_year,exports_musd,imports_musd\n"
            text.reserveCapacity(30_000_000)
            for i in 0..<1_000_000 {
                text += "Y\(i),\(i).5,\(i % 977)\n"
            }
            text += "Ylast,1\n"
            try Scratch.write(project + "/Content/data/exports.csv", Array(text.utf8))
            return []
        },
        "gen-symlink-escape": { project in
            try FileManager.default.createSymbolicLink(atPath: project + "/Content/data/secret.csv", withDestinationPath: "/etc/passwd")
            return []
        },
        "gen-symlink-folder-escape": { project in
            try FileManager.default.createDirectory(atPath: project + "/Content/assets", withIntermediateDirectories: true)
            try FileManager.default.createSymbolicLink(atPath: project + "/Content/assets/leak", withDestinationPath: "/etc")
            return []
        },
        "gen-symlink-loop": { project in
            try FileManager.default.createSymbolicLink(atPath: project + "/Content/briefs/loop", withDestinationPath: "..")
            return []
        },
        "gen-symlink-self-loop": { project in
            try FileManager.default.createSymbolicLink(atPath: project + "/Content/briefs/self.md", withDestinationPath: "self.md")
            return []
        },
        "gen-unreadable-file": { project in
            try Scratch.write(project + "/Content/briefs/locked.md", Array("---\ntitle: L\ndate: 2022-01-01\n---\n".utf8))
            return try Scratch.lockAway(project + "/Content/briefs/locked.md", in: project)
        },
        "gen-unreadable-folder": { project in
            try FileManager.default.createDirectory(atPath: project + "/Content/pages", withIntermediateDirectories: true)
            try Scratch.write(project + "/Content/pages/about.md", Array("---\ntitle: About\n---\n".utf8))
            return try Scratch.lockAway(project + "/Content/pages", in: project)
        },
        // Upper case is not a valid slug, so two names differing only by case cannot both map to
        // one page: the second is refused by name.
        "gen-slug-case-collision": { project in
            try FileManager.default.copyItem(atPath: project + "/Content/briefs/note.md", toPath: project + "/Content/briefs/NOTE.md")
            return []
        },
        // "café" composed (NFC) and decomposed (NFD): neither is a valid slug.
        "gen-slug-unicode-normalisation": { project in
            try FileManager.default.copyItem(atPath: project + "/Content/briefs/note.md", toPath: project + "/Content/briefs/caf\u{E9}.md")
            let nfd = project + "/Content/briefs/cafe\u{301}.md"
            try Scratch.write(nfd, Array("---\ntitle: B\ndate: 2022-01-01\n---\n".utf8))
            return []
        },
        // Found while writing these cases: colliding asset names crashed the build on a
        // duplicate dictionary key; now they are refused by name. Both spellings of "café"
        // print alike, and compare equal as Strings.
        "gen-asset-unicode-normalisation": { project in
            try FileManager.default.createDirectory(atPath: project + "/Content/assets", withIntermediateDirectories: true)
            try Scratch.write(project + "/Content/assets/caf\u{E9}.png", [0x89, 0x50, 0x4E, 0x47])
            try Scratch.write(project + "/Content/assets/cafe\u{301}.png", [0x89, 0x50, 0x4E, 0x47])
            return []
        },
        "gen-asset-case-collision": { project in
            try FileManager.default.createDirectory(atPath: project + "/Content/assets", withIntermediateDirectories: true)
            try Scratch.write(project + "/Content/assets/Logo.png", [0x89, 0x50, 0x4E, 0x47])
            try Scratch.write(project + "/Content/assets/logo.png", [0x89, 0x50, 0x4E, 0x47])
            return []
        },
        "gen-dataset-case-collision": { project in
            let fm = FileManager.default
            try fm.copyItem(atPath: project + "/Content/data/exports.csv", toPath: project + "/Content/data/EXPORTS.csv")
            try fm.copyItem(atPath: project + "/Content/data/exports.yml", toPath: project + "/Content/data/EXPORTS.yml")
            return []
        },
    ]
}

// MARK: - Running brief in a subprocess

/// The `brief` binary run as a child process with a time budget, as a user would run it.
enum CLI {
    static let binary = packageRoot + "/.build/debug/brief"

    struct Run {
        var status: Int32?
        /// The signal that ended the process, if one did.
        var signal: Int32?
        var stdout: String
        var stderr: String
        /// Peak resident memory of the child, in bytes.
        var peakMemory: Int
        /// Whether the budget ran out and the child was killed.
        var timedOut: Bool
    }

    /// Runs `brief arguments…` with `folder` as the working directory; kills it after `budget`.
    /// `environment` entries replace the inherited ones (nil removes one).
    static func run(
        _ arguments: [String], in folder: String, prefix: [String] = [],
        environment: [String: String?] = [:], budget: Duration = .seconds(5)
    ) throws -> Run {
        try execute([binary] + arguments, in: folder, prefix: prefix, environment: environment, budget: budget)
    }

    /// Runs any program the same way (`argv[0]` an absolute path).
    static func execute(
        _ command: [String], in folder: String, prefix: [String] = [],
        environment: [String: String?] = [:], budget: Duration = .seconds(5)
    ) throws -> Run {
        let out = folder + "/../.\(UUID().uuidString).out"
        let err = folder + "/../.\(UUID().uuidString).err"
        defer { unlink(out); unlink(err) }
        // sh changes folder, then exec's brief, so the pid waited for is brief's own.
        let argv = ["/bin/sh", "-c", "cd \"$1\" && shift && exec \"$@\"", "sh", folder] + prefix + command
        var env = ProcessInfo.processInfo.environment
        for (key, value) in environment { env[key] = value }
        let envp = env.sorted { $0.key < $1.key }.map { "\($0.key)=\($0.value)" }
        let pid = try spawn(argv, environment: envp, stdout: out, stderr: err)
        var status: Int32 = 0
        var usage = rusage()
        let deadline = ContinuousClock.now + budget
        var timedOut = false
        while true {
            let done = wait4(pid, &status, WNOHANG, &usage)
            if done == pid { break }
            if done < 0 && errno != EINTR { throw CLIError(message: "wait4 failed: \(errno)") }
            if ContinuousClock.now > deadline && !timedOut {
                timedOut = true
                kill(pid, SIGKILL)
            }
            usleep(5_000)
        }
        let exited = status & 0x7F == 0
        return Run(
            status: exited ? (status >> 8) & 0xFF : nil, signal: exited ? nil : status & 0x7F,
            stdout: (try? String(contentsOfFile: out, encoding: .utf8)) ?? "",
            stderr: (try? String(contentsOfFile: err, encoding: .utf8)) ?? "",
            peakMemory: Int(usage.ru_maxrss) * 1024, timedOut: timedOut)
    }

    /// Starts a child without waiting for it.
    static func spawn(_ argv: [String], environment: [String], stdout: String, stderr: String) throws -> pid_t {
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0)
        posix_spawn_file_actions_addopen(&actions, 1, stdout, O_WRONLY | O_CREAT | O_TRUNC, 0o644)
        posix_spawn_file_actions_addopen(&actions, 2, stderr, O_WRONLY | O_CREAT | O_TRUNC, 0o644)
        let cArgs = argv.map { strdup($0) } + [nil]
        let cEnv = environment.map { strdup($0) } + [nil]
        defer { (cArgs + cEnv).forEach { free($0) } }
        var pid: pid_t = 0
        let result = posix_spawn(&pid, argv[0], &actions, nil, cArgs, cEnv)
        guard result == 0 else { throw CLIError(message: "posix_spawn failed: \(result)") }
        return pid
    }

    struct CLIError: Error, CustomStringConvertible {
        var message: String
        var description: String { message }
    }
}

// MARK: - Scratch projects and tree snapshots

enum Scratch {
    /// A fresh temporary folder.
    static func folder() throws -> String {
        var template = Array((NSTemporaryDirectory() + "/brief-test-XXXXXX").utf8CString)
        guard let made = mkdtemp(&template) else { throw CLI.CLIError(message: "mkdtemp failed") }
        return (try? FileManager.default.destinationOfSymbolicLink(atPath: String(cString: made))) ?? String(cString: made)
    }

    /// A temporary copy of a fixture project, with the real Templates/ unless it has its own.
    static func project(copying source: String) throws -> String {
        let root = try folder()
        let project = root + "/project"
        try FileManager.default.copyItem(atPath: source, toPath: project)
        try? FileManager.default.removeItem(atPath: project + "/expected.txt")
        if !FileManager.default.fileExists(atPath: project + "/Templates") {
            try FileManager.default.copyItem(atPath: packageRoot + "/Templates", toPath: project + "/Templates")
        }
        return project
    }

    static func remove(_ project: String) {
        let root = (project as NSString).deletingLastPathComponent
        // Undo any lock-away so the folder can be deleted.
        _ = try? CLI.execute(["/bin/chmod", "-R", "u+rwX", "."], in: root, budget: .seconds(10))
        try? FileManager.default.removeItem(atPath: root)
    }

    /// An Output/ made by an earlier good build of the fixture site, built once per test run.
    static let goodOutput: Result<String, CLI.CLIError> = {
        do {
            let project = try Scratch.project(copying: packageRoot + "/Tests/Fixtures/site")
            let run = try CLI.run(["build"], in: project, budget: .seconds(60))
            guard run.status == 0 else { return .failure(CLI.CLIError(message: "good build failed: \(run.stderr)")) }
            return .success(project + "/Output")
        } catch {
            return .failure(CLI.CLIError(message: "\(error)"))
        }
    }()

    static func addGoodOutput(to project: String) throws {
        try FileManager.default.copyItem(atPath: try goodOutput.get(), toPath: project + "/Output")
    }

    static func write(_ path: String, _ bytes: [UInt8]) throws {
        try Data(bytes).write(to: URL(fileURLWithPath: path))
    }

    /// Whether a file can be made unreadable to brief: as any user but root by chmod, as root
    /// only by running brief as `nobody` through setpriv.
    static var canMakeUnreadable: Bool {
        geteuid() != 0 || FileManager.default.isExecutableFile(atPath: "/usr/bin/setpriv")
    }

    /// Makes `path` unreadable for the user brief will run as. Root reads anything, so as root
    /// brief runs as `nobody` through setpriv (tests using this are enabled only when it exists).
    static func lockAway(_ path: String, in project: String) throws -> [String] {
        if geteuid() != 0 {
            chmod(path, 0)
            return []
        }
        guard canMakeUnreadable else {
            throw CLI.CLIError(message: "running as root and /usr/bin/setpriv is missing, so no file can be made unreadable")
        }
        // nobody must reach the project: open the scratch folders to all, then lock the one path.
        let root = (project as NSString).deletingLastPathComponent
        chmod(root, 0o755)
        _ = try CLI.execute(["/bin/chmod", "-R", "a+rX", "."], in: project, budget: .seconds(10))
        chmod(path, 0)
        return ["/usr/bin/setpriv", "--reuid=65534", "--regid=65534", "--clear-groups"]
    }
}

/// Every entry below a folder (hidden ones too) with its kind and, for files, its bytes' hash.
struct TreeSnapshot: Equatable {
    var entries: [String: String]

    init(_ folder: String) throws {
        entries = [:]
        let fm = FileManager.default
        guard fm.fileExists(atPath: folder) else { return }
        var pending = [""]
        while let relative = pending.popLast() {
            let full = relative.isEmpty ? folder : folder + "/" + relative
            for name in try fm.contentsOfDirectory(atPath: full) {
                let path = relative.isEmpty ? name : relative + "/" + name
                let attributes = try fm.attributesOfItem(atPath: folder + "/" + path)
                switch attributes[.type] as? FileAttributeType {
                case .typeDirectory?:
                    entries[path] = "folder"
                    pending.append(path)
                case .typeSymbolicLink?:
                    entries[path] = "link to " + ((try? fm.destinationOfSymbolicLink(atPath: folder + "/" + path)) ?? "?")
                default:
                    let bytes = fm.contents(atPath: folder + "/" + path) ?? Data()
                    entries[path] = "file \(bytes.count) bytes, fnv \(Self.hash(bytes))"
                }
            }
        }
    }

    var isEmpty: Bool { entries.isEmpty }

    static func hash(_ data: Data) -> String {
        var h: UInt64 = 0xcbf2_9ce4_8422_2325
        data.withUnsafeBytes { buffer in
            for byte in buffer { h = (h ^ UInt64(byte)) &* 0x100_0000_01b3 }
        }
        return String(h, radix: 16)
    }

    func difference(from other: TreeSnapshot) -> String {
        let keys = Set(entries.keys).union(other.entries.keys).sorted()
        let changed = keys.filter { entries[$0] != other.entries[$0] }
        return changed.prefix(10).map { "\($0): \(entries[$0] ?? "absent") → \(other.entries[$0] ?? "absent")" }
            .joined(separator: "; ")
    }
}
