import BriefDiagnostics
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The one place Brief reads its inputs: a folder on disk, or files held in memory for tests.
/// Paths are relative to the FileSystem's root and use "/".
public struct FileSystem: Sendable {
    enum Storage: Sendable {
        case disk(root: String)
        case memory([String: [UInt8]])
    }

    let storage: Storage
    /// Files seen under a folder when that folder lacks them (the built-in theme under the
    /// templates folder): folder, then relative path → bytes.
    var fallback: (folder: String, files: [String: [UInt8]])?

    /// Files under `root` on disk; paths passed in and out are relative to it.
    public static func disk(_ root: String) -> FileSystem {
        FileSystem(storage: .disk(root: root))
    }

    /// Files held in memory, keyed by relative path.
    public static func inMemory(_ files: [String: String]) -> FileSystem {
        FileSystem(storage: .memory(files.mapValues { Array($0.utf8) }))
    }

    public static func inMemory(bytes files: [String: [UInt8]]) -> FileSystem {
        FileSystem(storage: .memory(files))
    }

    /// This file system with `files` (paths relative to `folder`) showing through under `folder`
    /// wherever it has no file of the same path: a site's own templates override the built-in
    /// theme file by file.
    public func withFallback(_ files: [String: [UInt8]], under folder: String) -> FileSystem {
        var copy = self
        copy.fallback = files.isEmpty ? nil : (folder, files)
        return copy
    }

    /// The fallback path for `path`, when the fallback has it.
    private func fallbackPath(_ path: String) -> String? {
        guard let (folder, files) = fallback, path.hasPrefix(folder + "/") else { return nil }
        let relative = String(path.dropFirst(folder.count + 1))
        return files[relative] != nil ? relative : nil
    }

    /// Why a file or folder could not be read.
    public enum Failure: Error, Equatable {
        case notFound
        case unreadable(String)
        case symlinkEscapes(target: String)
        case symlinkLoop
    }

    /// Every regular file below `folder`, sorted, as paths relative to the root. A missing folder
    /// is empty. Symbolic links are followed only while they stay inside the root; a link that
    /// leaves it or loops is reported in `problems` (and the file skipped).
    public func files(under folder: String) -> (files: [String], problems: [(path: String, failure: Failure)]) {
        var listed = ownFiles(under: folder)
        if let (root, extra) = fallback {
            let prefix = folder.isEmpty ? "" : folder + "/"
            let present = Set(listed.files)
            let added = extra.keys.map { root + "/" + $0 }.filter { $0.hasPrefix(prefix) && !present.contains($0) }
            if !added.isEmpty { listed.files = (listed.files + added).sorted() }
        }
        return listed
    }

    private func ownFiles(under folder: String) -> (files: [String], problems: [(path: String, failure: Failure)]) {
        switch storage {
        case .memory(let files):
            let prefix = folder.isEmpty ? "" : folder + "/"
            return (files.keys.filter { $0.hasPrefix(prefix) }.sorted(), [])
        case .disk(let root):
            var found: [String] = []
            var problems: [(String, Failure)] = []
            let rootReal = realPath(root) ?? root
            var pending = [folder]
            var visited = Set<String>()
            while let dir = pending.popLast() {
                let full = join(root, dir)
                guard let real = realPath(full) else { continue }
                if !visited.insert(real).inserted { problems.append((dir, .symlinkLoop)); continue }
                guard let handle = opendir(full) else {
                    if errno != ENOENT { problems.append((dir, .unreadable(String(cString: strerror(errno))))) }
                    continue
                }
                var names: [String] = []
                while let entry = readdir(handle) {
                    let name = withUnsafePointer(to: entry.pointee.d_name) {
                        $0.withMemoryRebound(to: CChar.self, capacity: 256) { String(cString: $0) }
                    }
                    if name == "." || name == ".." { continue }
                    names.append(name)
                }
                closedir(handle)
                for name in names {
                    let relative = dir.isEmpty ? name : dir + "/" + name
                    let path = join(root, relative)
                    var info = stat()
                    guard lstat(path, &info) == 0 else { continue }
                    var kind = info.st_mode & S_IFMT
                    if kind == S_IFLNK {
                        guard let target = realPath(path) else {
                            problems.append((relative, errno == ELOOP ? .symlinkLoop : .notFound))
                            continue
                        }
                        guard target == rootReal || target.hasPrefix(rootReal + "/") else {
                            problems.append((relative, .symlinkEscapes(target: target)))
                            continue
                        }
                        guard stat(path, &info) == 0 else { continue }
                        kind = info.st_mode & S_IFMT
                    }
                    if kind == S_IFDIR {
                        pending.append(relative)
                    } else if kind == S_IFREG {
                        found.append(relative)
                    }
                }
            }
            return (found.sorted(), problems)
        }
    }

    /// The bytes of the file at `path`.
    public func read(_ path: String) -> Result<[UInt8], Failure> {
        let own = readOwn(path)
        if case .failure(.notFound) = own, let relative = fallbackPath(path), let bytes = fallback?.files[relative] {
            return .success(bytes)
        }
        return own
    }

    private func readOwn(_ path: String) -> Result<[UInt8], Failure> {
        switch storage {
        case .memory(let files):
            return files[path].map { .success($0) } ?? .failure(.notFound)
        case .disk(let root):
            let full = join(root, path)
            let fd = open(full, O_RDONLY)
            guard fd >= 0 else {
                return .failure(errno == ENOENT ? .notFound : .unreadable(String(cString: strerror(errno))))
            }
            defer { close(fd) }
            var info = stat()
            guard fstat(fd, &info) == 0 else { return .failure(.unreadable(String(cString: strerror(errno)))) }
            var bytes = [UInt8](repeating: 0, count: Int(info.st_size))
            var offset = 0
            while true {
                if offset == bytes.count { bytes.append(contentsOf: [UInt8](repeating: 0, count: 65536)) }
                let n = bytes.withUnsafeMutableBytes { buffer -> Int in
                    guard let base = buffer.baseAddress else { return 0 }
                    return Glibc.read(fd, base + offset, buffer.count - offset)
                }
                if n < 0 {
                    if errno == EINTR { continue }
                    return .failure(.unreadable(String(cString: strerror(errno))))
                }
                if n == 0 { break }
                offset += n
            }
            bytes.removeSubrange(offset...)
            return .success(bytes)
        }
    }

    public func exists(_ path: String) -> Bool {
        if fallbackPath(path) != nil { return true }
        switch storage {
        case .memory(let files):
            return files[path] != nil || files.keys.contains { $0.hasPrefix(path + "/") }
        case .disk(let root):
            var info = stat()
            return stat(join(root, path), &info) == 0
        }
    }

    private func join(_ root: String, _ path: String) -> String {
        if path.isEmpty { return root }
        if path.hasPrefix("/") { return path }
        if root.isEmpty || root == "." { return path }
        return root.hasSuffix("/") ? root + path : root + "/" + path
    }
}

/// The canonical absolute path of `path`, following every link; nil when it cannot be resolved.
func realPath(_ path: String) -> String? {
    guard let resolved = realpath(path, nil) else { return nil }
    defer { free(resolved) }
    return String(cString: resolved)
}
