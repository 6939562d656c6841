import ArgumentParser
import BriefDiagnostics
import BriefSite
import Dispatch
import Foundation
#if canImport(FoundationNetworking)
import FoundationNetworking
#endif

/// The options of `brief check --external`.
struct ExternalLinkOptions: ParsableArguments {
    @Option(name: .customLong("external-cache"), help: ArgumentHelp("Where --external keeps its results between runs.", valueName: "file"))
    var cacheFile = ".brief-cache/external-links.json"

    @Option(name: .customLong("external-max-age"), help: ArgumentHelp("Hours a working link's result is reused from the cache (0: check every link again).", valueName: "hours"))
    var maxAgeHours = 24.0

    @Option(name: .customLong("external-concurrency"), help: ArgumentHelp("Requests in flight at once.", valueName: "n"))
    var concurrency = 8

    @Option(name: .customLong("external-per-host"), help: ArgumentHelp("Requests in flight at once to one host.", valueName: "n"))
    var perHost = 2

    @Option(name: .customLong("external-timeout"), help: ArgumentHelp("Seconds to wait for each answer.", valueName: "seconds"))
    var timeout = 10.0

    func validate() throws {
        guard concurrency >= 1, perHost >= 1 else { throw ValidationError("--external-concurrency and --external-per-host must be at least 1") }
        guard timeout > 0, maxAgeHours >= 0 else { throw ValidationError("--external-timeout must be positive and --external-max-age not negative") }
    }
}

/// `brief check --external`: every http(s) link the built site shows, checked with HEAD (then
/// GET when HEAD is refused), redirects followed one hop at a time and reported.
enum ExternalLinks {
    struct Result: Codable, Equatable {
        /// The final status, or nil when no answer came.
        var status: Int?
        /// Each redirect hop: "301 → https://…".
        var redirects: [String]
        /// Why there was no answer (timeout, refused).
        var failure: String?
        /// Seconds since 1970 when it was checked.
        var checked: Double

        var works: Bool { status.map { (200..<300).contains($0) } ?? false }
    }

    struct Report {
        var diagnostics: [Diagnostic]
        var json: [[String: Any]]
    }

    /// Checks every outside link of the site `site` builds; problems are located in the file
    /// that wrote the link.
    static func check(site: SiteOptions, options: ExternalLinkOptions) throws -> Report {
        let result = Site.build(.disk("."), options: site.buildOptions)
        let links = collect(result.outputs, content: site.content)
        var cache = loadCache(options.cacheFile)
        let now = Date().timeIntervalSince1970
        let fresh = cache.filter { $0.value.works && now - $0.value.checked < options.maxAgeHours * 3600 }
        let todo = links.keys.sorted().filter { fresh[$0] == nil }
        let results = run(todo, options: options)
        for (url, r) in results { cache[url] = r }
        saveCache(cache, to: options.cacheFile)

        var diagnostics: [Diagnostic] = []
        var json: [[String: Any]] = []
        for url in links.keys.sorted() {
            guard let r = results[url] ?? fresh[url] else { continue }
            var entry: [String: Any] = ["url": url, "redirects": r.redirects, "cached": results[url] == nil]
            if let s = r.status { entry["status"] = s }
            if let f = r.failure { entry["failure"] = f }
            json.append(entry)
            let message: String?
            var severity = Diagnostic.Severity.error
            if let failure = r.failure {
                message = "outside link \(url) did not answer: \(failure)"
            } else if let status = r.status, !(200..<300).contains(status) {
                message = "outside link \(url) answers \(status)" + (r.redirects.isEmpty ? "" : " after redirects: " + r.redirects.joined(separator: ", "))
            } else if !r.redirects.isEmpty {
                message = "outside link \(url) redirects: " + r.redirects.joined(separator: ", ")
                severity = .warning
            } else {
                message = nil
            }
            guard let message else { continue }
            for location in links[url] ?? [] {
                diagnostics.append(severity == .error ? .error(at: location, message) : .warning(at: location, message))
            }
        }
        return Report(diagnostics: diagnostics, json: json)
    }

    /// Every http(s) link on the brief, page and dataset pages, with where each was written.
    static func collect(_ outputs: [OutputFile], content: String) -> [String: [SourceLocation]] {
        var links: [String: Set<SourceLocation>] = [:]
        var texts: [String: String] = [:]
        for file in outputs {
            let parts = file.path.split(separator: "/").map(String.init)
            guard parts.count == 3, parts[2] == "index.html" else { continue }
            let source: String
            switch parts[0] {
            case "briefs": source = content + "/briefs/" + parts[1] + ".md"
            case "pages": source = content + "/pages/" + parts[1] + ".md"
            case "data": source = content + "/data/" + parts[1] + ".yml"
            default: continue
            }
            let html = String(decoding: file.bytes, as: UTF8.self)
            for piece in html.components(separatedBy: "href=\"").dropFirst() {
                guard let end = piece.firstIndex(of: "\"") else { continue }
                let url = String(piece[..<end]).replacingOccurrences(of: "&amp;", with: "&")
                guard url.hasPrefix("http://") || url.hasPrefix("https://") else { continue }
                if texts[source] == nil {
                    texts[source] = (try? String(contentsOfFile: source, encoding: .utf8)) ?? ""
                }
                links[url, default: []].insert(locate(url, in: texts[source] ?? "", path: source))
            }
        }
        return links.mapValues { $0.sorted { ($0.path, $0.line, $0.column) < ($1.path, $1.line, $1.column) } }
    }

    /// Where `url` is written in `text` (its first occurrence), else the file's first line.
    static func locate(_ url: String, in text: String, path: String) -> SourceLocation {
        for (n, line) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            if let range = line.range(of: url) {
                return SourceLocation(path: path, line: n + 1, column: line.distance(from: line.startIndex, to: range.lowerBound) + 1)
            }
        }
        return SourceLocation(path: path, line: 1, column: 1)
    }

    // MARK: Requests

    /// Checks `urls` with at most `concurrency` requests in flight, `perHost` to one host.
    static func run(_ urls: [String], options: ExternalLinkOptions) -> [String: Result] {
        let queue = HostQueue(urls, perHost: options.perHost)
        let results = ResultBox()
        let group = DispatchGroup()
        let session = URLSession(configuration: configuration(options), delegate: NoRedirects(), delegateQueue: nil)
        for _ in 0..<min(options.concurrency, max(1, urls.count)) {
            group.enter()
            Thread.detachNewThread {
                while let url = queue.next() {
                    results.set(url, check(url, session: session, timeout: options.timeout))
                    queue.done(url)
                }
                group.leave()
            }
        }
        group.wait()
        session.invalidateAndCancel()
        return results.values
    }

    static func configuration(_ options: ExternalLinkOptions) -> URLSessionConfiguration {
        let c = URLSessionConfiguration.ephemeral
        c.timeoutIntervalForRequest = options.timeout
        c.timeoutIntervalForResource = options.timeout * 2
        c.httpAdditionalHeaders = ["User-Agent": "brief-link-check/\(BriefVersion.current)"]
        c.requestCachePolicy = .reloadIgnoringLocalCacheData
        return c
    }

    /// HEAD, then GET when HEAD is refused (405, 403, 501 or any 4xx/5xx: some servers answer
    /// HEAD wrongly); redirects followed one hop at a time, at most ten.
    static func check(_ start: String, session: URLSession, timeout: Double) -> Result {
        var url = start
        var redirects: [String] = []
        for _ in 0..<10 {
            var answer = request(url, method: "HEAD", session: session, timeout: timeout)
            if let status = answer.status, status >= 400 {
                answer = request(url, method: "GET", session: session, timeout: timeout)
            }
            guard let status = answer.status else {
                return Result(status: nil, redirects: redirects, failure: answer.failure ?? "no answer", checked: Date().timeIntervalSince1970)
            }
            if (300..<400).contains(status), let location = answer.location,
               let next = URL(string: location, relativeTo: URL(string: url))?.absoluteString {
                redirects.append("\(status) → \(next)")
                url = next
                continue
            }
            return Result(status: status, redirects: redirects, failure: nil, checked: Date().timeIntervalSince1970)
        }
        return Result(status: nil, redirects: redirects, failure: "more than ten redirects", checked: Date().timeIntervalSince1970)
    }

    struct Answer {
        var status: Int?
        var location: String?
        var failure: String?
    }

    static func request(_ url: String, method: String, session: URLSession, timeout: Double) -> Answer {
        guard let target = URL(string: url) else { return Answer(failure: "not a valid URL") }
        var request = URLRequest(url: target, cachePolicy: .reloadIgnoringLocalCacheData, timeoutInterval: timeout)
        request.httpMethod = method
        let done = DispatchSemaphore(value: 0)
        let box = AnswerBox()
        let task = session.dataTask(with: request) { _, response, error in
            if let http = response as? HTTPURLResponse {
                box.value = Answer(status: http.statusCode, location: http.value(forHTTPHeaderField: "Location"))
            } else if let error = error as? URLError {
                box.value = Answer(failure: error.code == .timedOut ? "no answer within \(Decimal(timeout)) s"
                    : error.code == .cannotConnectToHost ? "connection refused" : error.localizedDescription)
            } else {
                box.value = Answer(failure: error.map { "\($0)" } ?? "no answer")
            }
            done.signal()
        }
        task.resume()
        // The session's timeout applies; this is a backstop should a task never complete.
        if done.wait(timeout: .now() + timeout * 3) == .timedOut {
            task.cancel()
            return Answer(failure: "no answer within \(Decimal(timeout)) s")
        }
        return box.value
    }

    // MARK: Cache

    static func loadCache(_ path: String) -> [String: Result] {
        guard let data = FileManager.default.contents(atPath: path),
              let cache = try? JSONDecoder().decode([String: Result].self, from: data) else { return [:] }
        return cache
    }

    static func saveCache(_ cache: [String: Result], to path: String) {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .prettyPrinted]
        guard let data = try? encoder.encode(cache) else { return }
        let folder = (path as NSString).deletingLastPathComponent
        if !folder.isEmpty { try? FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true) }
        try? data.write(to: URL(fileURLWithPath: path), options: .atomic)
    }
}

/// Hands out URLs so that no host has more than `perHost` requests in flight.
final class HostQueue: @unchecked Sendable {
    private var pending: [String]
    private var inFlight: [String: Int] = [:]
    private let perHost: Int
    private let condition = NSCondition()

    init(_ urls: [String], perHost: Int) {
        pending = urls
        self.perHost = perHost
    }

    static func host(_ url: String) -> String { URL(string: url)?.host ?? url }

    /// The next URL whose host has room, waiting while every pending one's host is busy; nil when none is left.
    func next() -> String? {
        condition.lock()
        defer { condition.unlock() }
        while true {
            if pending.isEmpty { return nil }
            if let i = pending.firstIndex(where: { inFlight[Self.host($0), default: 0] < perHost }) {
                let url = pending.remove(at: i)
                inFlight[Self.host(url), default: 0] += 1
                return url
            }
            condition.wait()
        }
    }

    func done(_ url: String) {
        condition.lock()
        inFlight[Self.host(url), default: 1] -= 1
        condition.broadcast()
        condition.unlock()
    }
}

final class ResultBox: @unchecked Sendable {
    private var results: [String: ExternalLinks.Result] = [:]
    private let lock = NSLock()
    func set(_ url: String, _ r: ExternalLinks.Result) { lock.lock(); results[url] = r; lock.unlock() }
    var values: [String: ExternalLinks.Result] { lock.lock(); defer { lock.unlock() }; return results }
}

final class AnswerBox: @unchecked Sendable {
    var value = ExternalLinks.Answer()
}

/// Redirects are not followed by the session, so each hop is seen and reported.
final class NoRedirects: NSObject, URLSessionTaskDelegate, @unchecked Sendable {
    func urlSession(_ session: URLSession, task: URLSessionTask, willPerformHTTPRedirection response: HTTPURLResponse,
                    newRequest request: URLRequest, completionHandler: @escaping @Sendable (URLRequest?) -> Void) {
        completionHandler(nil)
    }
}
