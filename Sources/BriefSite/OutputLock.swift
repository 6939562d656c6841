import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// One build at a time per output folder: an exclusive flock(2) on `.brief-build.lock` in the
/// output folder's parent, held from before the cache is read until after it is saved. The kernel
/// drops a flock when its process ends, however it ends, so a crashed or killed build never
/// leaves the lock stuck (a stale lock *file* is harmless: only the flock counts).
public final class OutputLock {
    /// The lock file's name, beside the output folder (git-ignore it, as Hugo's `.hugo_build.lock`).
    public static let fileName = ".brief-build.lock"

    private let fd: Int32

    private init(fd: Int32) { self.fd = fd }

    deinit {
        // Closing the only descriptor releases the flock.
        if fd >= 0 { close(fd) }
    }

    /// The lock file for `output`.
    public static func path(for output: String) -> String {
        let absolute = OutputWriter.absolutePath(output)
        return (absolute as NSString).deletingLastPathComponent + "/" + fileName
    }

    /// Takes the lock for `output`, creating its parent folder and the lock file when missing.
    /// When another build holds it, calls `waiting` once and then waits for it to finish.
    public static func acquire(output: String, waiting: () -> Void) throws(OutputWriter.Refusal) -> OutputLock {
        let path = path(for: output)
        let parent = (path as NSString).deletingLastPathComponent
        do {
            try FileManager.default.createDirectory(atPath: parent, withIntermediateDirectories: true)
        } catch {
            throw OutputWriter.Refusal(description: "cannot create '\(parent)' for '\(output)': \(OutputWriter.reason(error))")
        }
        var fd = open(path, O_RDWR | O_CREAT | O_CLOEXEC, 0o644)
        if fd < 0 && (errno == EROFS || errno == EACCES || errno == EPERM) {
            // An existing lock file in a read-only folder can still be locked. Where none can be
            // made, this process cannot write the site there either: the build goes on unlocked,
            // reports what is wrong with the content first, and fails at the write with its own
            // message (naming the folder) if it gets that far.
            fd = open(path, O_RDONLY | O_CLOEXEC)
            if fd < 0 && errno == ENOENT { return OutputLock(fd: -1) }
        }
        guard fd >= 0 else {
            throw OutputWriter.Refusal(description: "cannot write beside '\(output)' (in '\(parent)'): \(OutputWriter.describe(errno))")
        }
        if flock(fd, LOCK_EX | LOCK_NB) == 0 { return OutputLock(fd: fd) }
        guard errno == EWOULDBLOCK else {
            let reason = OutputWriter.describe(errno)
            close(fd)
            throw OutputWriter.Refusal(description: "cannot lock \(path): \(reason)")
        }
        waiting()
        while flock(fd, LOCK_EX) != 0 {
            if errno == EINTR { continue }
            let reason = OutputWriter.describe(errno)
            close(fd)
            throw OutputWriter.Refusal(description: "cannot lock \(path): \(reason)")
        }
        return OutputLock(fd: fd)
    }
}
