import BriefTheme
import Foundation

/// Writing new files for `brief init` and `brief new`: never over an existing file.
enum Scaffold {
    struct Refusal: Error, CustomStringConvertible {
        var description: String
    }

    /// Writes `bytes` to `path`, creating folders; refuses when something is already there.
    static func create(_ path: String, _ bytes: [UInt8]) throws {
        let fm = FileManager.default
        if fm.fileExists(atPath: path) {
            throw Refusal(description: "\(path) already exists; brief never overwrites a file (move it away or pick another name)")
        }
        let folder = (path as NSString).deletingLastPathComponent
        if !folder.isEmpty { try fm.createDirectory(atPath: folder, withIntermediateDirectories: true) }
        // O_EXCL: the file is ours even if another program made one since the check above.
        let fd = open(path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0o644)
        guard fd >= 0 else {
            throw Refusal(description: "cannot create \(path): \(String(cString: strerror(errno)))")
        }
        let handle = FileHandle(fileDescriptor: fd, closeOnDealloc: true)
        do {
            try handle.write(contentsOf: bytes)
        } catch {
            throw Refusal(description: "cannot write \(path): \(error.localizedDescription)")
        }
    }

    static func create(_ path: String, _ text: String) throws {
        try create(path, Array(text.utf8))
    }

    /// Copies the built-in theme into `folder`, file by file, keeping any file already there.
    /// Returns the paths written and the paths kept.
    static func copyTheme(to folder: String) throws -> (written: [String], kept: [String]) {
        var written: [String] = [], kept: [String] = []
        for path in BuiltinTheme.paths {
            let target = folder + "/" + path
            if FileManager.default.fileExists(atPath: target) {
                kept.append(target)
            } else if let bytes = BuiltinTheme.files[path] {
                try create(target, bytes)
                written.append(target)
            }
        }
        return (written, kept)
    }

    /// A path for messages: relative to the current folder when inside it.
    static func shown(_ path: String) -> String {
        let here = FileManager.default.currentDirectoryPath + "/"
        if path.hasPrefix(here) { return String(path.dropFirst(here.count)) }
        if path.hasPrefix("./") { return String(path.dropFirst(2)) }
        return path
    }

    /// Today's date, YYYY-MM-DD, in the local time zone (the clock is read only here).
    static func today() -> String {
        let now = Calendar(identifier: .gregorian).dateComponents(in: .current, from: Date())
        return String(format: "%04d-%02d-%02d", now.year ?? 2000, now.month ?? 1, now.day ?? 1)
    }

    /// Whether `text` is a real calendar date written YYYY-MM-DD.
    static func isDate(_ text: String) -> Bool {
        let parts = text.split(separator: "-", omittingEmptySubsequences: false)
        guard parts.count == 3, parts[0].count == 4, parts[1].count == 2, parts[2].count == 2,
              let y = Int(parts[0]), let m = Int(parts[1]), let d = Int(parts[2]), (1...12).contains(m), d >= 1
        else { return false }
        let days = [31, (y % 4 == 0 && y % 100 != 0) || y % 400 == 0 ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31]
        return d <= days[m - 1]
    }

    /// A slug for page and brief files: lowercase a-z, 0-9 and "-".
    static func slug(_ text: String, separator: Character = "-") -> String {
        var out = ""
        for c in text.lowercased().unicodeScalars {
            if (c >= "a" && c <= "z") || (c >= "0" && c <= "9") {
                out.unicodeScalars.append(c)
            } else if out.last != separator && !out.isEmpty {
                out.append(separator)
            }
        }
        while out.last == separator { out.removeLast() }
        return out
    }

    /// "trade-deficit" → "Trade deficit".
    static func title(fromSlug slug: String) -> String {
        let words = slug.split(whereSeparator: { $0 == "-" || $0 == "_" }).joined(separator: " ")
        return words.prefix(1).uppercased() + words.dropFirst()
    }
}
