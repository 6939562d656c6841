#if canImport(Glibc)
import Glibc
import Dispatch

/// Watches folders recursively with inotify and reports changes in coalesced batches: a batch is
/// sent once no relevant event has arrived for `quietPeriod`, so an editor's save (vim writes
/// `4913`, renames `x` to `x~`, writes `x`, deletes `x~`) is one batch, one rebuild.
/// Editor by-products and dotfiles never count as changes; dot-folders are not watched.
public final class DirectoryWatcher: @unchecked Sendable {
    /// Paths that changed, as `root/relative/path`, sorted. Empty paths never occur.
    public struct Batch: Sendable, Equatable {
        public var paths: [String]
    }

    /// Batches in order; finishes when the watcher stops.
    public let batches: AsyncStream<Batch>
    private let continuation: AsyncStream<Batch>.Continuation
    private let fd: Int32
    private let wakePipe: (read: Int32, write: Int32)
    private let quietNanoseconds: UInt64
    private let maximumDelayNanoseconds: UInt64
    private let queue = DispatchQueue(label: "brief.serve.watcher")
    // Touched only on `queue` (and in init, before the loop starts).
    private var folders: [Int32: String] = [:]

    /// Why watching could not start.
    public struct Failure: Error, CustomStringConvertible {
        public var description: String
    }

    /// Starts watching `roots` (folders; paths in batches start with the root as given).
    public init(roots: [String], quietPeriod: Duration = .milliseconds(50)) throws {
        let fd = inotify_init1(Int32(IN_CLOEXEC) | Int32(IN_NONBLOCK))
        guard fd >= 0 else { throw Failure(description: "inotify_init1 failed: \(String(cString: strerror(errno)))") }
        var ends: [Int32] = [0, 0]
        guard pipe(&ends) == 0 else {
            close(fd)
            throw Failure(description: "pipe failed: \(String(cString: strerror(errno)))")
        }
        self.fd = fd
        self.wakePipe = (ends[0], ends[1])
        let q = quietPeriod.components
        self.quietNanoseconds = UInt64(q.seconds) * 1_000_000_000 + UInt64(q.attoseconds / 1_000_000_000)
        self.maximumDelayNanoseconds = max(quietNanoseconds * 10, 1_000_000_000)
        (batches, continuation) = AsyncStream.makeStream(of: Batch.self)
        for root in roots {
            let trimmed = root.count > 1 && root.hasSuffix("/") ? String(root.dropLast()) : root
            addWatches(under: trimmed)
        }
        queue.async { [self] in loop() }
    }

    deinit {
        close(wakePipe.read)
        close(wakePipe.write)
    }

    /// Stops watching and finishes `batches`. Safe to call more than once.
    public func stop() {
        var byte: UInt8 = 1
        _ = write(wakePipe.write, &byte, 1)
    }

    /// Whether a file name is an editor's or the system's by-product rather than content:
    /// dotfiles (`.x.swp`, `.#x`, `.DS_Store`), backups (`x~`), swap files (`x.swp`, `x.swx`),
    /// vim's write test (`4913`, and the numbered names it tries after it), emacs's `#x#`.
    public static func isIgnored(_ name: String) -> Bool {
        if name.isEmpty || name.hasPrefix(".") || name.hasSuffix("~") { return true }
        if name.hasSuffix(".swp") || name.hasSuffix(".swx") || name.hasSuffix(".swo") { return true }
        if name.hasPrefix("#") && name.hasSuffix("#") { return true }
        if name.allSatisfy({ $0.isASCII && $0.isNumber }) { return true }
        return false
    }

    // MARK: - The loop, on `queue`

    private func loop() {
        var pending = Set<String>()
        var firstAt: UInt64 = 0
        var lastAt: UInt64 = 0
        var buffer = [UInt8](repeating: 0, count: 64 * 1024)
        defer {
            close(fd)
            continuation.finish()
        }
        while true {
            var timeout: Int32 = -1
            if !pending.isEmpty {
                let now = Self.now()
                let due = min(lastAt + quietNanoseconds, firstAt + maximumDelayNanoseconds)
                timeout = due > now ? Int32((due - now + 999_999) / 1_000_000) : 0
            }
            var fds = [pollfd(fd: fd, events: Int16(POLLIN), revents: 0),
                       pollfd(fd: wakePipe.read, events: Int16(POLLIN), revents: 0)]
            let ready = poll(&fds, 2, timeout)
            if ready < 0 && errno != EINTR { return }
            if fds[1].revents != 0 { return }
            if ready > 0 && fds[0].revents & Int16(POLLIN) != 0 {
                let changed = drain(&buffer)
                if !changed.isEmpty {
                    let now = Self.now()
                    if pending.isEmpty { firstAt = now }
                    lastAt = now
                    pending.formUnion(changed)
                }
            }
            if !pending.isEmpty {
                let now = Self.now()
                if now >= lastAt + quietNanoseconds || now >= firstAt + maximumDelayNanoseconds {
                    continuation.yield(Batch(paths: pending.sorted()))
                    pending.removeAll()
                }
            }
        }
    }

    /// Reads every queued event; returns the relevant changed paths.
    private func drain(_ buffer: inout [UInt8]) -> [String] {
        var changed: [String] = []
        while true {
            let count = buffer.withUnsafeMutableBytes { read(fd, $0.baseAddress, $0.count) }
            if count <= 0 { break }
            var offset = 0
            let header = MemoryLayout<inotify_event>.size
            while offset + header <= count {
                let (wd, mask, length) = buffer.withUnsafeBytes { raw -> (Int32, UInt32, Int) in
                    (raw.loadUnaligned(fromByteOffset: offset, as: Int32.self),
                     raw.loadUnaligned(fromByteOffset: offset + 4, as: UInt32.self),
                     Int(raw.loadUnaligned(fromByteOffset: offset + 12, as: UInt32.self)))
                }
                let nameBytes = buffer[(offset + header)..<min(count, offset + header + length)].prefix { $0 != 0 }
                let name = String(decoding: nameBytes, as: UTF8.self)
                offset += header + length
                if let path = handle(wd: wd, mask: mask, name: name) { changed.append(path) }
            }
        }
        return changed
    }

    /// One event → the changed path, or nil when it does not matter.
    private func handle(wd: Int32, mask: UInt32, name: String) -> String? {
        if mask & UInt32(IN_Q_OVERFLOW) != 0 { return "(overflow)" }
        if mask & UInt32(IN_IGNORED) != 0 {
            folders[wd] = nil
            return nil
        }
        guard let folder = folders[wd] else { return nil }
        if name.isEmpty {
            // The watched folder itself went away or moved; its parent reports it too.
            return mask & UInt32(IN_DELETE_SELF | IN_MOVE_SELF) != 0 ? folder : nil
        }
        if Self.isIgnored(name) { return nil }
        let path = folder + "/" + name
        if mask & UInt32(IN_ISDIR) != 0 && mask & UInt32(IN_CREATE | IN_MOVED_TO) != 0 {
            addWatches(under: path)
        }
        return path
    }

    /// Watches `folder` and every folder below it that is not a dot-folder or a symbolic link.
    private func addWatches(under folder: String) {
        var pendingFolders = [folder]
        let mask = UInt32(IN_CLOSE_WRITE | IN_CREATE | IN_DELETE | IN_MOVED_FROM | IN_MOVED_TO
                          | IN_DELETE_SELF | IN_MOVE_SELF | IN_ONLYDIR | IN_DONT_FOLLOW)
        while let dir = pendingFolders.popLast() {
            let wd = inotify_add_watch(fd, dir, mask)
            if wd < 0 { continue }
            folders[wd] = dir
            guard let handle = opendir(dir) else { continue }
            while let entry = readdir(handle) {
                let name = withUnsafePointer(to: entry.pointee.d_name) {
                    $0.withMemoryRebound(to: CChar.self, capacity: 256) { String(cString: $0) }
                }
                if name == "." || name == ".." || name.hasPrefix(".") { continue }
                let child = dir + "/" + name
                var info = stat()
                if lstat(child, &info) == 0, info.st_mode & S_IFMT == S_IFDIR {
                    pendingFolders.append(child)
                }
            }
            closedir(handle)
        }
    }

    private static func now() -> UInt64 {
        var ts = timespec()
        clock_gettime(CLOCK_MONOTONIC, &ts)
        return UInt64(ts.tv_sec) * 1_000_000_000 + UInt64(ts.tv_nsec)
    }
}
#endif
