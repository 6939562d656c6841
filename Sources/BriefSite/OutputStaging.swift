import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// The next content of an output folder, being written: a fresh folder beside the output that
/// files go into as soon as they are made (from any thread), then swapped in whole by `commit`.
/// A failed or abandoned staging folder is removed, so the output stays exactly as it was.
public final class OutputStaging: @unchecked Sendable {
    let output: String
    let absolute: String
    let parent: String
    let name: String
    let folder: String
    /// Failures name files as the user knows them: below the output folder they asked for.
    let shown: String
    private let lock = NSLock()
    private var made: Set<String> = [""]
    private var failure: OutputWriter.WriteFailure?
    /// Why the folder above the output could not be made, in the words the user sees.
    private var parentRefusal: String?

    /// Checks that `output` may be replaced. The staging folder is made beside it by the first
    /// write, so a build that stops at its diagnostics creates nothing.
    public init(output: String, protecting protected: [String]) throws(OutputWriter.Refusal) {
        try OutputWriter.check(output: output, protecting: protected)
        self.output = output
        absolute = OutputWriter.absolutePath(output)
        parent = (absolute as NSString).deletingLastPathComponent
        name = (absolute as NSString).lastPathComponent
        folder = parent + "/.\(name).tmp-\(getpid())"
        shown = output.hasSuffix("/") ? String(output.dropLast()) : output
    }

    private var created = false

    /// Makes the staging folder with Brief's marker, once; false after any failure.
    private func prepare() -> Bool {
        lock.withLock {
            if created || failure != nil { return failure == nil }
            created = true
            let fm = FileManager.default
            let hadGitkeep = fm.fileExists(atPath: absolute + "/.gitkeep")
            do {
                try fm.createDirectory(atPath: parent, withIntermediateDirectories: true)
            } catch {
                parentRefusal = "cannot create '\(parent)': \(OutputWriter.reason(error))"
                failure = OutputWriter.WriteFailure(path: parent, code: 0, action: "create")
                return false
            }
            OutputWriter.removeLeftovers(parent: parent, name: name)
            do throws(OutputWriter.WriteFailure) {
                guard mkdir(folder, 0o755) == 0 || errno == EEXIST else {
                    throw OutputWriter.WriteFailure(path: parent, code: errno, action: "create the staging folder in")
                }
                try OutputWriter.writeFile(folder + "/" + OutputWriter.marker, Array(OutputWriter.markerText.utf8),
                                           shownAs: shown + "/" + OutputWriter.marker)
                if hadGitkeep { try OutputWriter.writeFile(folder + "/.gitkeep", [], shownAs: shown + "/.gitkeep") }
            } catch {
                failure = error
                return false
            }
            return true
        }
    }

    /// Writes one file of the new output. Safe from any thread; after a failure, does nothing
    /// (the failure is reported by `commit`).
    public func write(_ relative: String, _ bytes: [UInt8]) {
        guard prepare() else { return }
        do throws(OutputWriter.WriteFailure) {
            guard try makeFolder(for: relative) else { return }
            try OutputWriter.writeFile(folder + "/" + relative, bytes, shownAs: shown + "/" + relative)
        } catch {
            fail(error)
        }
    }

    /// Carries files over from the current output unchanged (hard-linked, else copied).
    public func carryOver(_ unchanged: [String]) {
        guard prepare() else { return }
        for relative in unchanged {
            do throws(OutputWriter.WriteFailure) {
                guard try makeFolder(for: relative) else { return }
                let path = folder + "/" + relative
                let old = absolute + "/" + relative
                if link(old, path) != 0 {
                    guard let data = FileManager.default.contents(atPath: old) else {
                        throw OutputWriter.WriteFailure(path: shown + "/" + relative, code: errno, action: "read")
                    }
                    try OutputWriter.writeFile(path, Array(data), shownAs: shown + "/" + relative)
                }
            } catch {
                fail(error)
                return
            }
        }
    }

    /// Swaps the staging folder in as the output, or, after a failed write, removes it and
    /// throws that failure.
    /// Removing the previous output after the swap, when `commit(cleanupInBackground: true)` left
    /// it to a background thread (`finishCleanup()` waits for it).
    private let cleanup = DispatchGroup()

    /// Waits until the previous output's files are gone.
    public func finishCleanup() { cleanup.wait() }

    /// Swaps the staged folder in for the output. The previous output's files are removed
    /// before returning, or with `cleanupInBackground` on a background thread while the caller
    /// goes on (saving the cache): the swap is already done, so a reader sees only the new
    /// site either way. Call `finishCleanup()` before the process exits.
    public func commit(cleanupInBackground: Bool = false) throws(OutputWriter.Refusal) {
        func remove(_ path: String) {
            guard cleanupInBackground else { try? FileManager.default.removeItem(atPath: path); return }
            DispatchQueue.global(qos: .utility).async(group: cleanup) { try? FileManager.default.removeItem(atPath: path) }
        }
        _ = prepare()  // an empty site is still a folder with the marker
        let (failed, refusal) = lock.withLock { (failure, parentRefusal) }
        let fm = FileManager.default
        if let refusal { throw OutputWriter.Refusal(description: refusal) }
        if let failed {
            // Nothing half-written stays behind: a full disk gets its space back at once.
            try? fm.removeItem(atPath: folder)
            throw OutputWriter.Refusal(description: failed.description + "; \(shown)/ was left as it was")
        }
        if fm.fileExists(atPath: absolute) {
            if OutputWriter.exchange(folder, absolute) {
                remove(folder)
                return
            }
            let old = parent + "/.\(name).old-\(getpid())"
            guard rename(absolute, old) == 0 else {
                let reason = OutputWriter.describe(errno)
                try? fm.removeItem(atPath: folder)
                throw OutputWriter.Refusal(description: "cannot replace '\(output)': \(reason)")
            }
            guard rename(folder, absolute) == 0 else {
                let reason = OutputWriter.describe(errno)
                _ = rename(old, absolute)
                try? fm.removeItem(atPath: folder)
                throw OutputWriter.Refusal(description: "cannot replace '\(output)': \(reason)")
            }
            remove(old)
        } else if rename(folder, absolute) != 0 {
            let reason = OutputWriter.describe(errno)
            try? fm.removeItem(atPath: folder)
            throw OutputWriter.Refusal(description: "cannot create '\(output)': \(reason)")
        }
    }

    /// Removes the staging folder; the output stays as it was.
    public func abandon() {
        if lock.withLock({ created }) { try? FileManager.default.removeItem(atPath: folder) }
    }

    private func fail(_ error: OutputWriter.WriteFailure) {
        lock.withLock { if failure == nil { failure = error } }
    }

    /// Makes the folders above `relative`, parents first, once each (one mkdir per folder is far
    /// cheaper than createDirectory per file). False once a write has failed.
    private func makeFolder(for relative: String) throws(OutputWriter.WriteFailure) -> Bool {
        guard let slash = relative.lastIndex(of: "/") else { return lock.withLock { failure == nil } }
        let parentFolder = String(relative[..<slash])
        let (known, failed) = lock.withLock { (made.contains(parentFolder), failure != nil) }
        if failed { return false }
        if known { return true }
        guard try makeFolder(for: parentFolder) else { return false }
        if mkdir(folder + "/" + parentFolder, 0o755) != 0 && errno != EEXIST {
            throw OutputWriter.WriteFailure(path: shown + "/" + parentFolder, code: errno, action: "create")
        }
        lock.withLock { _ = made.insert(parentFolder) }
        return true
    }
}
