import BriefDiagnostics
import BriefSite
import Dispatch
import Hummingbird
import ServiceLifecycle

/// The preview server (`brief serve`): builds the site in memory, serves it on loopback with live
/// reload, and rebuilds when Content/ or Templates/ change. It never writes a file.
public final class PreviewServer: Sendable {
    public struct Configuration: Sendable {
        /// The project folder: the build reads below it; diagnostics are shown relative to it.
        public var projectRoot: String
        public var build: BuildOptions
        /// The address to listen on. Loopback unless the user asks otherwise.
        public var host: String
        /// 0 picks a free port; `Event.listening` tells which.
        public var port: Int
        /// Watch Content/ and Templates/ (below `projectRoot`) and rebuild on change.
        public var watch: Bool
        /// How long the folders must be quiet before a burst of changes becomes one rebuild.
        public var quietPeriod: Duration
        /// A connection that has not sent a whole request head for this long is closed: an idle
        /// keep-alive connection, or a client sending its headers a byte at a time (slowloris).
        /// An open events stream is a response in progress and is never cut.
        public var requestTimeout: Duration

        public init(
            projectRoot: String, build: BuildOptions = BuildOptions(), host: String = "127.0.0.1",
            port: Int = 8000, watch: Bool = true, quietPeriod: Duration = .milliseconds(50),
            requestTimeout: Duration = .seconds(10)
        ) {
            self.projectRoot = projectRoot
            self.build = build
            self.host = host
            self.port = port
            self.watch = watch
            self.quietPeriod = quietPeriod
            self.requestTimeout = requestTimeout
        }

        /// Whether `host` only accepts connections from this machine.
        public var isLoopback: Bool {
            let h = host.lowercased()
            return h == "localhost" || h.hasPrefix("127.") || h == "::1" || h == "[::1]"
        }
    }

    /// What the server reports while it runs.
    public enum Event: Sendable {
        /// Listening on this address and port (the real port when 0 was asked for).
        case listening(host: String, port: Int)
        /// A build finished (the first one, or a rebuild after `changes`).
        case built(BuildResult, milliseconds: Int, changes: [String])
        /// Watching could not start; the server still serves the first build.
        case watchFailed(String)
    }

    /// Why the server could not start.
    public enum Failure: Error, CustomStringConvertible {
        case portInUse(host: String, port: Int)
        case cannotListen(host: String, port: Int, reason: String)

        public var description: String {
            switch self {
            case .portInUse(let host, let port):
                "port \(port) on \(host) is already in use (is another `brief serve` running?); "
                    + "choose another with --port, or --port 0 for any free port"
            case .cannotListen(let host, let port, let reason):
                "cannot listen on \(host):\(port): \(reason)"
            }
        }
    }

    public let configuration: Configuration
    let site: LiveSite
    private let builder: SiteBuilder

    /// `fileSystem` defaults to the disk below `projectRoot`; tests pass an in-memory one.
    public init(_ configuration: Configuration, fileSystem: FileSystem? = nil) {
        self.configuration = configuration
        self.site = LiveSite(projectRoot: configuration.projectRoot)
        self.builder = SiteBuilder(fileSystem ?? .disk(configuration.projectRoot), options: configuration.build)
    }

    /// Builds, then serves until the task running it is cancelled (the CLI cancels on SIGINT or
    /// SIGTERM); returns normally then. Throws `Failure` when it cannot listen.
    public func run(onEvent: @escaping @Sendable (Event) -> Void = { _ in }) async throws {
        await rebuild(changes: [], onEvent: onEvent)

        let watcher = configuration.watch ? startWatching(onEvent: onEvent) : nil

        let host = configuration.host
        let port = configuration.port
        var application = Application(
            responder: SiteResponder(site: site, policy: HostPolicy(boundHost: host)),
            // Hummingbird's idle timer restarts only when a whole request part has been parsed,
            // so it bounds how long a request head may take to arrive, not just idleness.
            server: .http1(configuration: .init(
                additionalChannelHandlers: [ConnectionGuard()],
                idleTimeout: .init(configuration.requestTimeout),
                httpDecoderConfiguration: .init(
                    maxHeaderFieldSize: HeaderLimits.totalBytes, maxHeaderListSize: HeaderLimits.totalBytes,
                    maxHeaderFieldCount: HeaderLimits.fieldCount))),
            configuration: .init(address: .hostname(host, port: port), serverName: nil),
            onServerRunning: { channel in
                let address = channel.localAddress
                onEvent(.listening(host: address?.ipAddress ?? host, port: address?.port ?? port))
            }
        )
        application.logger.logLevel = .critical
        let app = application

        let site = self.site
        // Stopping is a graceful shutdown of the service group, never a cancellation of the
        // serving task: cancelling it while a new connection is still being accepted traps in
        // swift-nio ("Deinited NIOAsyncWriter without calling finish()", apple/swift-nio#3481).
        // So the server runs in an unstructured task that the caller's cancellation does not reach.
        let services = ServiceGroup(configuration: .init(services: [app], logger: app.logger))
        let serving = Task { try await services.run() }
        // Batches that arrive while a rebuild runs are merged into one next rebuild, so a long
        // rebuild under a storm of changes is followed by one more, not one per batch.
        let pending = PendingChanges()
        let collecting = watcher.map { watcher in
            Task {
                for await batch in watcher.batches { await pending.add(batch.paths) }
                await pending.finish()
            }
        }
        let watching = watcher.map { _ in
            Task {
                while let paths = await pending.next() {
                    await self.rebuild(changes: paths, onEvent: onEvent)
                }
            }
        }
        defer {
            collecting?.cancel()
            watching?.cancel()
            Task { await pending.finish() }
        }
        do {
            try await withTaskCancellationHandler {
                try await serving.value
            } onCancel: {
                watcher?.stop()
                Task {
                    // Ending the event streams first lets their responses finish, so the
                    // shutdown does not wait for them.
                    await site.close()
                    await services.triggerGracefulShutdown()
                }
            }
        } catch {
            watcher?.stop()
            await site.close()
            if Task.isCancelled { return }
            throw Self.listenFailure(error, host: host, port: port)
        }
        watcher?.stop()
        await site.close()
    }

    /// Watches the content and templates folders; nil (after saying why) when that fails.
    private func startWatching(onEvent: @Sendable (Event) -> Void) -> DirectoryWatcher? {
        let root = configuration.projectRoot
        let folders = [configuration.build.contentDir, configuration.build.templatesDir].map {
            $0.hasPrefix("/") ? $0 : (root.hasSuffix("/") ? root : root + "/") + $0
        }
        do {
            return try DirectoryWatcher(roots: folders, quietPeriod: configuration.quietPeriod)
        } catch {
            onEvent(.watchFailed(String(describing: error)))
            return nil
        }
    }

    /// Builds once more and tells open pages.
    private func rebuild(changes: [String], onEvent: @Sendable (Event) -> Void) async {
        let start = ContinuousClock.now
        let result = await builder.build()
        let elapsed = start.duration(to: .now).components
        let ms = Int(elapsed.seconds * 1000 + elapsed.attoseconds / 1_000_000_000_000_000)
        await site.apply(result)
        onEvent(.built(result, milliseconds: ms, changes: changes))
    }

    private static func listenFailure(_ error: any Error, host: String, port: Int) -> Failure {
        let text = String(describing: error)
        if text.contains("Address already in use") || text.contains("EADDRINUSE") {
            return .portInUse(host: host, port: port)
        }
        return .cannotListen(host: host, port: port, reason: text)
    }
}

/// The one place serve builds the site; builds run one at a time off the server's threads.
/// The incremental builder keeps every output in memory and re-renders only what a change
/// affects (`Site.build(fileSystem, options:)` gives the same result, rendering everything).
final class SiteBuilder: @unchecked Sendable {
    private let builder: IncrementalBuilder
    private let queue = DispatchQueue(label: "brief.serve.build")

    init(_ fileSystem: FileSystem, options: BuildOptions) {
        builder = IncrementalBuilder(fs: fileSystem, options: options, keepOutputs: true)
    }

    func build() async -> BuildResult {
        await withCheckedContinuation { continuation in
            queue.async {
                continuation.resume(returning: self.builder.build())
            }
        }
    }
}

/// Changed paths waiting for the next rebuild: every batch the watcher sent since the last
/// rebuild started, merged.
actor PendingChanges {
    private var paths = Set<String>()
    private var hasChanges = false
    private var finished = false
    private var waiter: CheckedContinuation<[String]?, Never>?

    func add(_ batch: [String]) {
        paths.formUnion(batch)
        hasChanges = true
        if let waiter {
            self.waiter = nil
            waiter.resume(returning: take())
        }
    }

    /// Everything that changed since the last call, once there is something; nil when finished.
    func next() async -> [String]? {
        if hasChanges { return take() }
        if finished { return nil }
        return await withCheckedContinuation { waiter = $0 }
    }

    func finish() {
        finished = true
        waiter?.resume(returning: nil)
        waiter = nil
    }

    private func take() -> [String] {
        defer { paths.removeAll(); hasChanges = false }
        return paths.sorted()
    }
}
