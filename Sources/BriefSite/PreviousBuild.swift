import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// What an earlier build of an output folder can be trusted for. This is the one place that
/// decides it; the CLI only passes folders in:
///
/// - **nothing** with `--clean`, when the output folder lacks Brief's marker, or when the cache
///   was made for another output folder or by another build of brief;
/// - **everything** when no input changed since that build: every file under the content and
///   templates folders has the size, mtime, ctime and inode it had (or, where those moved, the
///   same bytes: a touch or a checkout of the same text), and every output file is still in place.
///   Then nothing is read, rendered or written;
/// - otherwise **its cache**: bodies whose inputs are unchanged, and output files that still exist
///   (the writer carries those over into the new folder by hard link).
public struct PreviousBuild {
    public enum Verdict: Sendable {
        case nothing
        case cache
        case unchanged(UnchangedBuild)
    }

    /// What a build with no edit prints: the warnings and summary of the build it repeats.
    public struct UnchangedBuild: Sendable {
        public var warnings: String
        public var pageCount: Int
        public var chartCount: Int
        public var outputCount: Int
        public var notes: [String]
    }

    public let verdict: Verdict

    /// One line on what was trusted and why, for `brief build --explain`.
    public var explanation: String {
        let checked = stamps?.files.count ?? 0, read = stamps?.filesRead ?? 0
        let inputs = "\(checked) input files checked by stat, \(read) read to confirm by hash"
        switch verdict {
        case .nothing: return "earlier build not trusted (--clean, no earlier build of this output folder, or another build of brief); \(inputs)"
        case .cache: return "inputs changed since the earlier build: reusing what they did not touch; \(inputs)"
        case .unchanged: return "no input changed since the earlier build: nothing read, rendered or written; \(inputs)"
        }
    }
    let output: String
    let cache: String
    let options: BuildOptions
    /// The inputs as they are now (stat, and the hash of each file that moved), recorded after a
    /// successful build for the next one to compare against.
    let stamps: InputStamps?
    /// What the earlier build recorded.
    let recorded: InputStamps?

    /// Looks at `output` and the cache folder `cache` for a build of `options`.
    public init(output: String, cache: String, options: BuildOptions, clean: Bool) {
        self.output = output
        self.cache = cache
        self.options = options
        let recorded = clean ? nil : InputStamps.load(from: cache + "/" + InputStamps.fileName)
        self.recorded = recorded
        let markerPresent = FileManager.default.fileExists(atPath: output + "/" + OutputWriter.marker)
        let ownerMatches = FileManager.default.contents(atPath: cache + "/owner")
            .map { String(decoding: $0, as: UTF8.self) == IncrementalBuilder.owner(output) } ?? false
        let key = Self.key(options)
        let now = InputStamps.take(folders: [options.contentDir, options.templatesDir], previous: recorded?.key == key ? recorded : nil)
        stamps = now.map { var s = $0; s.key = key; return s }
        guard !clean, markerPresent, ownerMatches else { verdict = .nothing; return }
        if let recorded, let now, recorded.key == key, recorded.files == now.files, let summary = recorded.summary,
           recorded.outputs.allSatisfy({ access(output + "/" + $0, F_OK) == 0 }) {
            verdict = .unchanged(summary)
        } else {
            verdict = .cache
        }
    }

    /// Everything about the program and options that outputs depend on besides the input files.
    static func key(_ options: BuildOptions) -> String {
        [IncrementalBuilder.fingerprint, FileManager.default.currentDirectoryPath, options.contentDir, options.templatesDir, options.drafts ? "drafts" : ""].joined(separator: "\u{1}")
    }

    /// Gives `builder` what this verdict trusts from the earlier build. The record of the earlier
    /// build's inputs is removed first: until this build records its own, the output folder may
    /// hold neither build's files exactly.
    public func restore(into builder: IncrementalBuilder) {
        try? FileManager.default.removeItem(atPath: cache + "/" + InputStamps.fileName)
        guard case .cache = verdict else { return }
        builder.restore(from: cache, for: output) { access(output + "/" + $0, F_OK) == 0 }
    }

    /// After a build with no edit: records the inputs again (files no longer racy are then
    /// trusted by stat alone), keeping the outputs and summary of the build it repeated.
    public func recordUnchanged() {
        guard case .unchanged(let summary) = verdict, var stamps, let recorded else { return }
        let moved = stamps.files.contains { path, file in
            guard let old = recorded.files[path] else { return true }
            return old.stamp != file.stamp || old.racy != file.racy
        }
        guard moved else { return }
        stamps.outputs = recorded.outputs
        stamps.summary = summary
        try? stamps.save(to: cache + "/" + InputStamps.fileName)
    }

    /// Records what the next build compares against, after `result` was written to the output.
    /// `warnings` is how the build's warnings were printed.
    public func record(_ result: BuildResult, warnings: String) {
        guard var stamps else {
            try? FileManager.default.removeItem(atPath: cache + "/" + InputStamps.fileName)
            return
        }
        // Only a build whose changes page says "no changes" can be repeated without writing:
        // otherwise the next build's changes page differs from this one's.
        if result.contentUnchanged {
            stamps.summary = UnchangedBuild(warnings: warnings, pageCount: result.pageCount, chartCount: result.chartCount,
                                            outputCount: result.outputs.count + result.written.count + result.unchanged.count, notes: result.notes)
        }
        stamps.outputs = (result.outputs.map(\.path) + result.written + result.unchanged).sorted()
        try? stamps.save(to: cache + "/" + InputStamps.fileName)
    }
}

/// The stat of every input file, with the hash of its bytes.
struct InputStamps {
    static let fileName = "inputs.txt"

    struct Stamp: Equatable {
        var size: Int64
        var mtime: Int64
        var ctime: Int64
        var inode: UInt64
    }

    struct File: Equatable {
        var stamp: Stamp
        var hash: StableHash
        /// Changed so close to when it was stamped that a second change could leave the same
        /// stamp (timestamps tick in milliseconds): compared by hash next time, not by stamp.
        var racy: Bool

        static func == (a: File, b: File) -> Bool { a.hash == b.hash }
    }

    var key = ""
    var files: [String: File] = [:]
    var outputs: [String] = []
    var summary: PreviousBuild.UnchangedBuild?
    /// How many files `take` read and hashed because their stat moved (or was racy).
    var filesRead = 0

    /// Stats every file under `folders` (following symbolic links, as the build does); reads and
    /// hashes only the files whose stamp differs from `previous` or that were racy there. Nil
    /// when a folder cannot be walked or a path cannot be recorded.
    static func take(folders: [String], previous: InputStamps?) -> InputStamps? {
        var ts = timespec()
        clock_gettime(CLOCK_REALTIME, &ts)
        // Anything changed within two seconds of now may change again with the same stamp.
        let racyAfter = (Int64(ts.tv_sec) - 2) * 1_000_000_000
        var result = InputStamps()
        var pending = folders
        var seen = Set<UInt64>()
        var reads: [(String, Stamp)] = []
        while let dir = pending.popLast() {
            var dirInfo = stat()
            guard stat(dir, &dirInfo) == 0 else {
                if errno == ENOENT { continue }
                return nil
            }
            guard seen.insert(UInt64(dirInfo.st_ino)).inserted, seen.count < 100_000 else { return nil }
            guard let handle = opendir(dir) else { return nil }
            defer { closedir(handle) }
            while let entry = readdir(handle) {
                let name = withUnsafePointer(to: entry.pointee.d_name) {
                    $0.withMemoryRebound(to: CChar.self, capacity: 256) { String(cString: $0) }
                }
                if name == "." || name == ".." { continue }
                let path = dir + "/" + name
                guard !path.utf8.contains(where: { $0 == 9 || $0 == 10 }) else { return nil }
                var info = stat()
                guard stat(path, &info) == 0 else { return nil }
                switch info.st_mode & S_IFMT {
                case S_IFDIR: pending.append(path)
                case S_IFREG:
                    let stamp = Stamp(size: Int64(info.st_size),
                                      mtime: Int64(info.st_mtim.tv_sec) * 1_000_000_000 + Int64(info.st_mtim.tv_nsec),
                                      ctime: Int64(info.st_ctim.tv_sec) * 1_000_000_000 + Int64(info.st_ctim.tv_nsec),
                                      inode: UInt64(info.st_ino))
                    // Content changes move mtime (ctime also moves on chmod and rename, which
                    // change no bytes): git's rule for "racily clean" files.
                    let racy = stamp.mtime >= racyAfter
                    if let old = previous?.files[path], old.stamp == stamp, !old.racy {
                        result.files[path] = File(stamp: stamp, hash: old.hash, racy: racy)
                    } else {
                        reads.append((path, stamp))
                        result.files[path] = File(stamp: stamp, hash: StableHash(), racy: racy)
                    }
                default: continue
                }
            }
        }
        // Confirm by hash what stat says moved.
        let hashes = ParallelSlots<StableHash>(count: reads.count)
        let list = reads
        DispatchQueue.concurrentPerform(iterations: list.count) { n in
            hashes[n] = FileManager.default.contents(atPath: list[n].0).map { data in
                data.withUnsafeBytes { raw in
                    var h = StableHash()
                    h.add(raw)
                    return h
                }
            }
        }
        result.filesRead = list.count
        // An unreadable file: no record; the build reports it.
        for (n, (path, _)) in list.enumerated() {
            guard let hash = hashes[n] else { return nil }
            result.files[path]?.hash = hash
        }
        return result
    }

    static func load(from path: String) -> InputStamps? {
        guard let data = FileManager.default.contents(atPath: path) else { return nil }
        var stamps = InputStamps()
        var lines = String(decoding: data, as: UTF8.self).split(separator: "\n", omittingEmptySubsequences: false)[...]
        guard lines.popFirst() == "brief-inputs 1", let key = lines.popFirst() else { return nil }
        stamps.key = key.replacingOccurrences(of: "\u{2}", with: "\n")
        while let line = lines.popFirst(), !line.isEmpty {
            let f = line.split(separator: "\t", omittingEmptySubsequences: false)
            guard f.count == 7, let size = Int64(f[1]), let mtime = Int64(f[2]), let ctime = Int64(f[3]),
                  let inode = UInt64(f[4]), let hash = UInt64(f[5], radix: 16) else { return nil }
            stamps.files[String(f[0])] = File(stamp: Stamp(size: size, mtime: mtime, ctime: ctime, inode: inode),
                                              hash: StableHash(value: hash), racy: f[6] == "r")
        }
        while let line = lines.popFirst(), !line.isEmpty { stamps.outputs.append(String(line)) }
        if lines.popFirst() == "summary", let counts = lines.popFirst() {
            let c = counts.split(separator: " ").compactMap { Int($0) }
            guard c.count == 4 else { return stamps }
            let notes = Array(lines.prefix(c[3])).map(String.init)
            lines = lines.dropFirst(c[3])
            let warnings = lines.joined(separator: "\n")
            stamps.summary = PreviousBuild.UnchangedBuild(warnings: warnings, pageCount: c[0], chartCount: c[1],
                                                         outputCount: c[2], notes: notes)
        }
        return stamps
    }

    func save(to path: String) throws {
        var out = "brief-inputs 1\n" + key.replacingOccurrences(of: "\n", with: "\u{2}") + "\n"
        for (file, f) in files.sorted(by: { $0.key < $1.key }) {
            out += "\(file)\t\(f.stamp.size)\t\(f.stamp.mtime)\t\(f.stamp.ctime)\t\(f.stamp.inode)\t\(String(f.hash.value, radix: 16))\t\(f.racy ? "r" : "-")\n"
        }
        out += "\n"
        for output in outputs { out += output + "\n" }
        out += "\n"
        if let s = summary, !s.notes.contains(where: { $0.contains("\n") }) {
            out += "summary\n\(s.pageCount) \(s.chartCount) \(s.outputCount) \(s.notes.count)\n"
            for note in s.notes { out += note + "\n" }
            out += s.warnings
        }
        let temporary = path + ".tmp-\(getpid())"
        try Data(out.utf8).write(to: URL(fileURLWithPath: temporary))
        guard rename(temporary, path) == 0 else { throw CocoaError(.fileWriteUnknown) }
    }
}
