import Foundation

/// Runs the real `brief` binary (built by `swift build --build-tests`) in a subprocess.
struct BriefCLI {
    static let binary = packageRoot + "/.build/debug/brief"

    struct Run {
        var status: Int32
        var stdout: String
        var stderr: String
    }

    static func run(_ arguments: [String], in folder: String, environment: [String: String] = [:]) throws -> Run {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: binary)
        process.arguments = arguments
        process.currentDirectoryURL = URL(fileURLWithPath: folder)
        process.environment = ProcessInfo.processInfo.environment.merging(environment) { _, new in new }
        let out = Pipe(), err = Pipe()
        process.standardOutput = out
        process.standardError = err
        try process.run()
        let stdout = out.fileHandleForReading.readDataToEndOfFile()
        let stderr = err.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return Run(status: process.terminationStatus, stdout: String(decoding: stdout, as: UTF8.self),
                   stderr: String(decoding: stderr, as: UTF8.self))
    }
}

/// A scratch project folder holding a copy of the fixture site and the real templates.
final class ScratchProject: @unchecked Sendable {
    let root: String

    init(name: String = "project") throws {
        let fm = FileManager.default
        root = fm.temporaryDirectory.appendingPathComponent("brief-test-\(UUID().uuidString)/\(name)").path
        try fm.createDirectory(atPath: root, withIntermediateDirectories: true)
        try fm.copyItem(atPath: packageRoot + "/Tests/Fixtures/site/Content", toPath: root + "/Content")
        try fm.copyItem(atPath: packageRoot + "/Templates", toPath: root + "/Templates")
    }

    deinit { try? FileManager.default.removeItem(atPath: (root as NSString).deletingLastPathComponent) }

    func write(_ path: String, _ text: String) throws {
        let full = root + "/" + path
        try FileManager.default.createDirectory(atPath: (full as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
        try Data(text.utf8).write(to: URL(fileURLWithPath: full))
    }

    func read(_ path: String) throws -> String {
        try String(contentsOfFile: root + "/" + path, encoding: .utf8)
    }

    func replace(_ path: String, _ old: String, _ new: String) throws {
        let text = try read(path)
        precondition(text.contains(old), "\(path) does not contain \(old)")
        try write(path, text.replacingOccurrences(of: old, with: new))
    }

    func remove(_ path: String) throws { try FileManager.default.removeItem(atPath: root + "/" + path) }

    /// rename(2): replaces `to` atomically, as editors do when they save.
    func move(_ from: String, _ to: String) throws {
        guard rename(root + "/" + from, root + "/" + to) == 0 else {
            throw CocoaError(.fileWriteUnknown, userInfo: [NSFilePathErrorKey: to])
        }
    }

    /// Every file under `folder`, relative path → bytes.
    func tree(_ folder: String) -> [String: [UInt8]] {
        loadTree(root + "/" + folder, as: "").reduce(into: [:]) { $0[String($1.key.dropFirst())] = $1.value }
    }
}
