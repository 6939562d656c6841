import BriefDiagnostics
import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// Writes a built site: into a fresh folder beside the output, then swapped in whole, so a
/// failed or killed build leaves the previous output exactly as it was. Refuses to replace a
/// folder it did not create.
public enum OutputWriter {
    /// The file that marks a folder as Brief's output, safe to replace.
    public static let marker = ".brief-output"
    static let markerText = "This folder is written by `brief build`, which replaces all of it on every build.\n"

    public struct Refusal: Error, CustomStringConvertible {
        public var description: String
    }

    /// Checks that `output` may be replaced: not the project, its content or templates, a
    /// folder above them, the home folder, the file-system root, a git work tree, or a
    /// non-empty folder without Brief's marker.
    public static func check(output: String, protecting protected: [String]) throws(Refusal) {
        let absolute = absolutePath(output)
        guard !absolute.isEmpty, absolute != "/" else {
            throw Refusal(description: "refusing to write the site to '/'; choose an output folder such as Output")
        }
        if let home = ProcessInfo.processInfo.environment["HOME"].map(absolutePath), home == absolute {
            throw Refusal(description: "refusing to replace your home folder with the site; choose an output folder such as Output")
        }
        // The project first, so `--output .` and `--output ..` are told so in those words.
        for path in [absolutePath(".")] + protected.map(absolutePath) {
            if path == absolute || path.hasPrefix(absolute + "/") {
                throw Refusal(description: "refusing to replace '\(output)': it holds \(path == absolutePath(".") ? "the project" : "'\(path)'"), which the build reads")
            }
        }
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: absolute, isDirectory: &isDirectory) else { return }
        guard isDirectory.boolValue else {
            throw Refusal(description: "refusing to replace '\(output)': it is a file, not a folder")
        }
        let entries = (try? FileManager.default.contentsOfDirectory(atPath: absolute)) ?? []
        if entries.contains(".git") {
            throw Refusal(description: "refusing to replace '\(output)': it holds a .git folder")
        }
        let meaningful = entries.filter { $0 != ".gitkeep" && $0 != ".DS_Store" }
        if !meaningful.isEmpty && !entries.contains(marker) {
            throw Refusal(description: "refusing to replace '\(output)': it is not empty and was not written by brief (no \(marker) file); empty it or choose another --output")
        }
    }

    /// Writes `files` as the new content of `output`, atomically replacing what was there.
    /// Paths in `unchanged` are carried over from the current output (hard-linked, else copied).
    public static func write(
        _ files: [OutputFile], unchanged: [String] = [], to output: String, protecting protected: [String]
    ) throws(Refusal) {
        let staging = try OutputStaging(output: output, protecting: protected)
        for file in files { staging.write(file.path, file.bytes) }
        staging.carryOver(unchanged)
        try staging.commit()
    }

    /// A failed system call while writing the staging folder, with the file it was about.
    struct WriteFailure: Error, CustomStringConvertible {
        var path: String
        var code: Int32
        var action = "write"
        var description: String { "cannot \(action) \(path): \(OutputWriter.describe(code))" }
    }

    /// The C library's words for an errno value, starting lower-case as compiler messages do
    /// ("no space left on device", "read-only file system").
    static func describe(_ code: Int32) -> String {
        let text = String(cString: strerror(code))
        return text.prefix(1).lowercased() + text.dropFirst()
    }

    /// A Foundation error's POSIX reason when it has one, else its own description.
    static func reason(_ error: any Error) -> String {
        let ns = error as NSError
        if let underlying = ns.userInfo[NSUnderlyingErrorKey] as? NSError, underlying.domain == NSPOSIXErrorDomain {
            return describe(Int32(underlying.code))
        }
        if ns.domain == NSPOSIXErrorDomain { return describe(Int32(ns.code)) }
        return error.localizedDescription
    }

    /// Staging and old folders of builds that were killed before they finished; removed only
    /// when they carry Brief's marker (or are empty).
    static func removeLeftovers(parent: String, name: String) {
        let fm = FileManager.default
        guard let entries = try? fm.contentsOfDirectory(atPath: parent) else { return }
        for entry in entries.sorted() where entry.hasPrefix(".\(name).tmp-") || entry.hasPrefix(".\(name).old-") {
            let path = parent + "/" + entry
            let inside = (try? fm.contentsOfDirectory(atPath: path)) ?? []
            if inside.isEmpty || inside.contains(marker) { try? fm.removeItem(atPath: path) }
        }
    }

    /// Swaps two paths in one step with renameat2(RENAME_EXCHANGE), where the kernel has it.
    static func exchange(_ a: String, _ b: String) -> Bool {
        typealias RenameAt2 = @convention(c) (Int32, UnsafePointer<CChar>, Int32, UnsafePointer<CChar>, UInt32) -> Int32
        guard let symbol = dlsym(UnsafeMutableRawPointer(bitPattern: 0), "renameat2") else { return false }
        let function = unsafeBitCast(symbol, to: RenameAt2.self)
        return function(AT_FDCWD, a, AT_FDCWD, b, 2 /* RENAME_EXCHANGE */) == 0
    }

    static func writeFile(_ path: String, _ bytes: [UInt8], shownAs shown: String) throws(WriteFailure) {
        let fd = open(path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o644)
        guard fd >= 0 else { throw WriteFailure(path: shown, code: errno, action: "create") }
        defer { close(fd) }
        var offset = 0
        while offset < bytes.count {
            let n = bytes.withUnsafeBytes { buffer -> Int in
                guard let base = buffer.baseAddress else { return 0 }
                return Glibc.write(fd, base + offset, bytes.count - offset)
            }
            if n < 0 {
                if errno == EINTR { continue }
                throw WriteFailure(path: shown, code: errno)
            }
            offset += n
        }
    }

    static func absolutePath(_ path: String) -> String {
        let base = path.hasPrefix("/") ? path : FileManager.default.currentDirectoryPath + "/" + path
        // Resolve what exists (symlinks included), then append what does not yet.
        var components = (base as NSString).standardizingPath.split(separator: "/").map(String.init)
        var tail: [String] = []
        while !components.isEmpty {
            let candidate = "/" + components.joined(separator: "/")
            if let real = realPath(candidate) {
                return tail.isEmpty ? real : (real == "/" ? "" : real) + "/" + tail.reversed().joined(separator: "/")
            }
            tail.append(components.removeLast())
        }
        return "/" + tail.reversed().joined(separator: "/")
    }
}
