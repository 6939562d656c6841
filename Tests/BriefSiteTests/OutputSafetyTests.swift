import Foundation
import Testing
#if canImport(Glibc)
import Glibc
#endif

/// `brief build --output X` through the CLI: folders it must never replace, and builds killed
/// half-way through writing.
@Suite struct OutputSafetyTests {
    /// A scratch area: `root/project` (the fixture site, already built once into Output/),
    /// `root/home` (HOME for the run), a git work tree and a foreign folder beside them.
    struct Area {
        let root: String
        var project: String { root + "/project" }
        var home: String { root + "/home" }
        var environment: [String: String?] { ["HOME": home] }

        init() throws {
            project0 = try Scratch.project(copying: packageRoot + "/Tests/Fixtures/site")
            root = (project0 as NSString).deletingLastPathComponent
            let fm = FileManager.default
            for folder in ["home/.ssh", "home/notes", "repo/.git/objects", "repo/src", "foreign/photos"] {
                try fm.createDirectory(atPath: root + "/" + folder, withIntermediateDirectories: true)
            }
            try Scratch.write(root + "/home/.ssh/id_ed25519", Array("not a real key\n".utf8))
            try Scratch.write(root + "/home/notes/todo.txt", Array("buy milk\n".utf8))
            try Scratch.write(root + "/repo/.git/HEAD", Array("ref: refs/heads/main\n".utf8))
            try Scratch.write(root + "/repo/src/main.c", Array("int main(void) { return 0; }\n".utf8))
            try Scratch.write(root + "/foreign/photos/cat.jpg", [0xFF, 0xD8, 0xFF, 0xE0])
            try Scratch.write(root + "/foreign/readme.txt", Array("mine\n".utf8))
            let first = try CLI.run(["build"], in: project, environment: environment, budget: .seconds(60))
            guard first.status == 0 else { throw CLI.CLIError(message: "good build failed: \(first.stderr)") }
        }

        private let project0: String
    }

    struct Refusal: CustomTestStringConvertible, Sendable {
        let name: String
        /// The --output argument; "$HOME" and "$ROOT" are replaced by the scratch paths.
        let output: String
        let message: String
        var testDescription: String { name }
    }

    static let refusals: [Refusal] = [
        Refusal(name: "project root", output: ".", message: "error: refusing to replace '.': it holds the project, which the build reads"),
        Refusal(name: "project root, absolute", output: "$ROOT/project", message: "error: refusing to replace '$ROOT/project': it holds the project, which the build reads"),
        Refusal(name: "Content/", output: "Content", message: "error: refusing to replace 'Content': it holds '$ROOT/project/Content', which the build reads"),
        Refusal(name: "Templates/", output: "Templates/", message: "error: refusing to replace 'Templates/': it holds '$ROOT/project/Templates', which the build reads"),
        Refusal(name: "..", output: "..", message: "error: refusing to replace '..': it holds the project, which the build reads"),
        Refusal(name: "/", output: "/", message: "error: refusing to write the site to '/'; choose an output folder such as Output"),
        Refusal(name: "the home folder", output: "$HOME", message: "error: refusing to replace your home folder with the site; choose an output folder such as Output"),
        Refusal(name: "the home folder as ~/.", output: "$HOME/.", message: "error: refusing to replace your home folder with the site; choose an output folder such as Output"),
        Refusal(name: "a folder holding .git", output: "../repo", message: "error: refusing to replace '../repo': it holds a .git folder"),
        Refusal(name: "a non-empty folder without the marker", output: "../foreign",
                message: "error: refusing to replace '../foreign': it is not empty and was not written by brief (no .brief-output file); empty it or choose another --output"),
        Refusal(name: "a file", output: "../foreign/readme.txt", message: "error: refusing to replace '../foreign/readme.txt': it is a file, not a folder"),
    ]

    @Test(arguments: refusals)
    func refusesToReplace(_ refusal: Refusal) throws {
        let area = try Area()
        defer { Scratch.remove(area.project) }
        let substitute = { (s: String) in
            s.replacingOccurrences(of: "$HOME", with: area.home).replacingOccurrences(of: "$ROOT", with: area.root)
        }
        let before = try TreeSnapshot(area.root)
        let topLevel = try FileManager.default.contentsOfDirectory(atPath: "/").sorted()

        let run = try CLI.run(["build", "--output", substitute(refusal.output)], in: area.project,
                              environment: area.environment, budget: .seconds(30))

        #expect(run.signal == nil)
        #expect(run.status == 1, "\(run.stderr)")
        #expect(run.stderr.split(separator: "\n").first.map(String.init) == substitute(refusal.message), "\(run.stderr)")
        let after = try TreeSnapshot(area.root)
        #expect(after == before, "changed: \(before.difference(from: after))")
        #expect(try FileManager.default.contentsOfDirectory(atPath: "/").sorted() == topLevel)
    }

    /// A build killed (SIGKILL) while it writes leaves the previous Output/ exactly as it was,
    /// and the next build clears the staging folder it left behind.
    @Test func killedBuildLeavesTheOutputIntact() throws {
        let area = try Area()
        defer { Scratch.remove(area.project) }
        let output = area.project + "/Output"
        let before = try TreeSnapshot(output)
        #expect(!before.isEmpty)

        // Make the write phase long: 48 assets of 2 MB each.
        let fm = FileManager.default
        try fm.createDirectory(atPath: area.project + "/Content/assets/big", withIntermediateDirectories: true)
        let blob = [UInt8](repeating: 0x5A, count: 2 << 20)
        for i in 0..<48 { try Scratch.write(area.project + "/Content/assets/big/blob-\(i).bin", blob) }

        let argv = ["/bin/sh", "-c", "cd \"$1\" && shift && exec \"$@\"", "sh", area.project, CLI.binary, "build"]
        let environment = ProcessInfo.processInfo.environment.merging(["HOME": area.home]) { $1 }
            .map { "\($0.key)=\($0.value)" }
        let pid = try CLI.spawn(argv, environment: environment, stdout: "/dev/null", stderr: "/dev/null")
        // Wait for the staging folder to hold some of the site, then kill.
        let deadline = ContinuousClock.now + .seconds(60)
        var staging: String?
        var status: Int32 = 0
        var exitedEarly = false
        while ContinuousClock.now < deadline {
            if let name = try fm.contentsOfDirectory(atPath: area.project).first(where: { $0.hasPrefix(".Output.tmp-") }),
               fm.fileExists(atPath: area.project + "/" + name + "/assets") {
                staging = name
                break
            }
            if waitpid(pid, &status, WNOHANG) == pid { exitedEarly = true; break }
            usleep(200)
        }
        if !exitedEarly {
            kill(pid, SIGKILL)
            waitpid(pid, &status, 0)
        }
        #expect(!exitedEarly, "the build finished before it could be killed")
        let name = try #require(staging, "no staging folder appeared")
        #expect(status & 0x7F == SIGKILL, "the build was not killed by SIGKILL (status \(status))")

        #expect(try TreeSnapshot(output) == before, "Output/ changed")
        #expect(fm.fileExists(atPath: area.project + "/" + name), "the killed build left no staging folder to clean")

        // The next build (without the big assets) succeeds and removes the leftovers.
        try fm.removeItem(atPath: area.project + "/Content/assets/big")
        let next = try CLI.run(["build"], in: area.project, environment: area.environment, budget: .seconds(60))
        #expect(next.status == 0, "\(next.stderr)")
        let leftovers = try fm.contentsOfDirectory(atPath: area.project).filter { $0.hasPrefix(".Output.") }
        #expect(leftovers.isEmpty, "left behind: \(leftovers)")
        #expect(try TreeSnapshot(output) == before, "a rebuild of the same input differs")
    }
}

/// The same site built in separate processes, with files created in different orders, in
/// different time zones and locales, is the same bytes.
@Suite struct DeterminismTests {
    @Test func buildsAreIdenticalAcrossOrderTimeZoneAndLocale() throws {
        let source = packageRoot + "/Tests/Fixtures/site"
        var files = loadTree(source, as: "").keys.map { String($0.dropFirst()) }.sorted()
        var snapshots: [TreeSnapshot] = []
        let environments = Self.environments
        var generator = SplitMix(seed: 0x5EED)
        for (index, environment) in environments.enumerated() {
            let root = try Scratch.folder()
            let project = root + "/project"
            defer { try? FileManager.default.removeItem(atPath: root) }
            // Create the files in a different order each time (the first sorted, then shuffled).
            if index > 0 { files.shuffle(using: &generator) }
            for path in files {
                let target = project + "/" + path
                try FileManager.default.createDirectory(
                    atPath: (target as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
                try FileManager.default.copyItem(atPath: source + "/" + path, toPath: target)
            }
            try FileManager.default.copyItem(atPath: packageRoot + "/Templates", toPath: project + "/Templates")
            let run = try CLI.run(["build"], in: project, environment: environment, budget: .seconds(60))
            #expect(run.status == 0, "\(run.stderr)")
            snapshots.append(try TreeSnapshot(project + "/Output"))
        }
        #expect(!snapshots[0].isEmpty)
        for other in snapshots.dropFirst() {
            #expect(other == snapshots[0], "differs: \(snapshots[0].difference(from: other))")
        }
    }
}

extension DeterminismTests {
    /// Different time zones, locales and hash seeds: Swift seeds `Hasher` at random in each
    /// process unless SWIFT_DETERMINISTIC_HASHING is set, so a Dictionary or Set iterated into the
    /// output comes out in a different order in each process without it.
    static let environments: [[String: String?]] = [
        ["TZ": "Pacific/Kiritimati", "LANG": "de_DE.UTF-8", "LC_ALL": "de_DE.UTF-8", "SWIFT_DETERMINISTIC_HASHING": nil],
        ["TZ": "UTC", "LANG": "C", "LC_ALL": "C", "SWIFT_DETERMINISTIC_HASHING": "1"],
        ["TZ": "America/St_Johns", "LANG": "ar_EG.UTF-8", "LC_ALL": "ar_EG.UTF-8", "LC_NUMERIC": "fr_FR.UTF-8",
         "SWIFT_DETERMINISTIC_HASHING": nil],
    ]

    /// The real briefing (every chart kind it uses, a dozen datasets, the book and search index)
    /// built by the real binary in three processes with different hash seeds: the same bytes.
    @Test func realSiteIsIdenticalAcrossProcessesAndHashSeeds() throws {
        var snapshots: [TreeSnapshot] = []
        for environment in Self.environments {
            let root = try Scratch.folder()
            defer { try? FileManager.default.removeItem(atPath: root) }
            let project = root + "/project"
            try FileManager.default.createDirectory(atPath: project, withIntermediateDirectories: true)
            try FileManager.default.copyItem(atPath: packageRoot + "/Content", toPath: project + "/Content")
            try FileManager.default.copyItem(atPath: packageRoot + "/Templates", toPath: project + "/Templates")
            let run = try CLI.run(["build"], in: project, environment: environment, budget: .seconds(120))
            #expect(run.status == 0, "\(run.stderr)")
            snapshots.append(try TreeSnapshot(project + "/Output"))
        }
        #expect(snapshots.count == 3)
        #expect(snapshots[0].entries.count >= 50)
        #expect(snapshots[0].entries.keys.contains { $0.hasPrefix("briefs/") })
        for other in snapshots.dropFirst() {
            #expect(other == snapshots[0], "differs: \(snapshots[0].difference(from: other))")
        }
    }
}

/// A small seeded generator, so a failing order can be reproduced.
struct SplitMix: RandomNumberGenerator {
    var state: UInt64
    init(seed: UInt64) { state = seed }
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}
