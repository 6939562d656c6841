import ArgumentParser
import BriefServe
import BriefSite
import Dispatch
import Foundation
#if canImport(Glibc)
import Glibc
#endif

struct Serve: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Preview the site on this machine; edits rebuild it and reload open pages.",
        discussion: """
            The site is built in memory and served from there: nothing is written to the output \
            folder or anywhere else. Build errors appear in the terminal and over the open page.

            Examples:
              brief serve                         # http://127.0.0.1:8000/
              brief serve --port 0                # any free port (printed)
              brief serve --drafts                # drafts too, while you write them
              brief serve --host 0.0.0.0          # reachable from your network: no authentication!
            """
    )

    @OptionGroup var site: SiteOptions

    @Option(help: "The address to listen on. Any address but loopback makes the site reachable from your network, without authentication.")
    var host = "127.0.0.1"

    @Option(help: "The port to listen on; 0 picks a free one.")
    var port = 8000

    func validate() throws {
        guard (0...65535).contains(port) else { throw ValidationError("--port must be between 0 and 65535") }
        guard !host.isEmpty else { throw ValidationError("--host must not be empty") }
    }

    func run() throws {
        try site.requireSite()
        let configuration = PreviewServer.Configuration(
            projectRoot: FileManager.default.currentDirectoryPath, build: site.buildOptions,
            host: host, port: port)
        if !configuration.isLoopback {
            Terminal.warning("listening on \(host): the site is reachable from your network, without authentication; "
                + "leave out --host to keep it on this machine")
        }
        let server = PreviewServer(configuration)
        let printer = ServePrinter(content: site.content,
                                   templates: FileManager.default.fileExists(atPath: site.templates) ? site.templates : nil)

        // Ctrl-C and SIGTERM cancel the serving task, which closes connections and returns.
        // A second signal while stopping ends the process at once.
        let stopSignals = StopSignals.install()
        let finished = DispatchSemaphore(value: 0)
        let failure = FailureBox()
        let task = Task.detached {
            do {
                try await server.run(onEvent: printer.show)
            } catch {
                failure.set(error)
            }
            finished.signal()
        }
        DispatchQueue.global().async {
            stopSignals.wait()
            task.cancel()
            stopSignals.wait()
            Glibc.exit(1)
        }
        finished.wait()
        if let error = failure.get() {
            Terminal.error(String(describing: error))
            throw ExitCode(1)
        }
        say("stopped")
    }
}

/// What `brief serve` prints as the server runs.
struct ServePrinter: Sendable {
    let content: String
    /// nil when the site has no templates folder and uses only the built-in theme.
    let templates: String?

    func show(_ event: PreviewServer.Event) {
        switch event {
        case .listening(let host, let port):
            let shown = host.contains(":") ? "[\(host)]" : host
            var line = "Serving at http://\(shown):\(port)/"
            if host == "0.0.0.0" || host == "::" { line += " (on this machine: http://localhost:\(port)/)" }
            say(line + "  (Ctrl-C to stop)")
            let watched = templates.map { "\(content)/ and \($0)/" } ?? "\(content)/ (theme: built in)"
            say("watching \(watched) for changes; nothing is written to disk")
        case .built(let result, let ms, let changes):
            Terminal.report(result.diagnostics)
            let cause = changes.isEmpty ? "" : "after a change to \(Self.describe(changes)): "
            if result.succeeded {
                say("\(changes.isEmpty ? "built" : "rebuilt") \(cause)\(result.pageCount) pages in \(ms) ms")
            } else {
                let count = result.diagnostics.filter { $0.severity == .error }.count
                Terminal.error("\(cause)build failed with \(count) error(s); still serving the last good build")
            }
        case .watchFailed(let reason):
            Terminal.warning("not watching for changes: \(reason)")
        }
    }

    private static func describe(_ changes: [String]) -> String {
        let root = FileManager.default.currentDirectoryPath + "/"
        let shown = changes.prefix(3).map { $0.hasPrefix(root) ? String($0.dropFirst(root.count)) : $0 }
        return shown.joined(separator: ", ") + (changes.count > 3 ? " and \(changes.count - 3) more" : "")
    }
}

/// Standard output, unbuffered: whoever started serve (a script waiting for the URL) sees each
/// line as it happens.
private func say(_ line: String) {
    FileHandle.standardOutput.write(Data((line + "\n").utf8))
}

private final class FailureBox: @unchecked Sendable {
    private let lock = NSLock()
    private var error: (any Error)?
    func set(_ error: any Error) { lock.withLock { self.error = error } }
    func get() -> (any Error)? { lock.withLock { error } }
}

/// SIGINT and SIGTERM, turned into bytes on a pipe by a handler that does only `write` (safe in a
/// signal handler), so an ordinary thread can react to them.
private enum StopSignals {
    nonisolated(unsafe) static var writeEnd: Int32 = -1

    struct Waiter: Sendable {
        let readEnd: Int32
        /// Blocks until the next signal.
        func wait() {
            var byte: UInt8 = 0
            while read(readEnd, &byte, 1) < 0 && errno == EINTR {}
        }
    }

    static func install() -> Waiter {
        var ends: [Int32] = [0, 0]
        _ = pipe(&ends)
        writeEnd = ends[1]
        // A parent may start us with these signals blocked (the mask is inherited through
        // posix_spawn, e.g. from a test runner's worker thread); then Ctrl-C and SIGTERM would
        // never arrive.
        var unblock = sigset_t()
        sigemptyset(&unblock)
        for number in [SIGINT, SIGTERM] { sigaddset(&unblock, number) }
        pthread_sigmask(SIG_UNBLOCK, &unblock, nil)
        for number in [SIGINT, SIGTERM] {
            _ = signal(number) { _ in
                var byte: UInt8 = 1
                _ = write(StopSignals.writeEnd, &byte, 1)
            }
        }
        return Waiter(readEnd: ends[0])
    }
}
