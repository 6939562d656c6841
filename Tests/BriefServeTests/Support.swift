@testable import BriefServe
import BriefSite
import Dispatch
import Foundation
import Testing
#if canImport(Glibc)
import Glibc
#endif

/// The package's root folder, found from this file's path.
let packageRoot: String = {
    var url = URL(fileURLWithPath: #filePath)
    for _ in 0..<3 { url.deleteLastPathComponent() }
    return url.path
}()

/// A string that must never appear in a response: it sits in files next to and inside the project.
let secretMarker = "SECRET-d41d8cd98f00b204-NEVER-SERVE"

/// A throwaway project: `root/project/{Content,Templates}` (the real templates, a tiny content),
/// with `root/secret.txt`, `root/site-leak/x` and `root/project/secret.txt` holding the marker.
final class TempProject: Sendable {
    let root: String
    var project: String { root + "/project" }

    init() throws {
        let base = FileManager.default.temporaryDirectory.path + "/brief-serve-" + UUID().uuidString
        root = base
        let fm = FileManager.default
        try fm.createDirectory(atPath: project + "/Content/briefs", withIntermediateDirectories: true)
        try fm.createDirectory(atPath: project + "/Content/pages", withIntermediateDirectories: true)
        try fm.createDirectory(atPath: root + "/site-leak", withIntermediateDirectories: true)
        try fm.copyItem(atPath: packageRoot + "/Templates", toPath: project + "/Templates")
        try write("secret.txt", secretMarker, in: root)
        try write("site-leak/x", secretMarker, in: root)
        try write("secret.txt", secretMarker, in: project)
        try write(".env", secretMarker, in: project)
        try write("Content/site.yml", "title: Serve Test Briefing\ndescription: A tiny site for the preview server's tests\n")
        try write("Content/briefs/first.md", Self.brief(title: "First brief", body: "The first brief body text."))
        try write("Content/briefs/second.md", Self.brief(title: "Second brief", body: "Another brief."))
        try write("Content/pages/about.md", "---\ntitle: About\n---\nAbout this test site.\n")
    }

    deinit {
        try? FileManager.default.removeItem(atPath: root)
    }

    static func brief(title: String, body: String) -> String {
        "---\ntitle: \(title)\ndate: 2024-05-01\nsummary: A summary.\n---\n\(body)\n"
    }

    func write(_ path: String, _ text: String, in folder: String? = nil) throws {
        let full = (folder ?? project) + "/" + path
        try Data(text.utf8).write(to: URL(fileURLWithPath: full))
    }
}

/// A `PreviewServer` running in this process on 127.0.0.1 and a free port.
final class RunningServer: @unchecked Sendable {
    let server: PreviewServer
    let task: Task<Void, any Error>
    let events: AsyncStream<PreviewServer.Event>
    private var iterator: AsyncStream<PreviewServer.Event>.Iterator
    private(set) var host = ""
    private(set) var port = 0

    /// `host` nil keeps the configuration's default.
    init(project: TempProject, watch: Bool = false, host: String? = "127.0.0.1") async throws {
        var configuration = PreviewServer.Configuration(projectRoot: project.project, port: 0, watch: watch)
        if let host { configuration.host = host }
        server = PreviewServer(configuration)
        let (stream, continuation) = AsyncStream.makeStream(of: PreviewServer.Event.self)
        events = stream
        iterator = stream.makeAsyncIterator()
        let server = self.server
        task = Task {
            defer { continuation.finish() }
            try await server.run { continuation.yield($0) }
        }
        while let event = await next() {
            if case .listening(let h, let p) = event {
                self.host = h
                self.port = p
                return
            }
        }
        _ = try await task.value
        throw TestFailure("the server stopped before listening")
    }

    /// The next event the server reports (nil once it has stopped).
    func next() async -> PreviewServer.Event? {
        await iterator.next()
    }

    /// The next build the server reports.
    func nextBuild() async throws -> (BuildResult, [String]) {
        while let event = await next() {
            if case .built(let result, _, let changes) = event { return (result, changes) }
        }
        throw TestFailure("the server stopped")
    }

    func stop() async throws {
        task.cancel()
        try await task.value
    }
}

struct TestFailure: Error, CustomStringConvertible {
    var description: String
    init(_ description: String) { self.description = description }
}

/// Fails (instead of hanging) when `body` takes longer than `seconds`. A hang guard only.
func withHangGuard<T: Sendable>(_ seconds: Int = 30, _ body: @escaping @Sendable () async throws -> T) async throws -> T {
    try await withThrowingTaskGroup(of: T?.self) { group in
        group.addTask { try await body() }
        group.addTask {
            try await Task.sleep(for: .seconds(seconds))
            return nil
        }
        defer { group.cancelAll() }
        guard let first = try await group.next(), let value = first else {
            throw TestFailure("timed out after \(seconds) s (hang guard)")
        }
        return value
    }
}

/// An HTTP response as read off the wire.
struct RawResponse: Sendable {
    var status: Int
    var headers: [(String, String)]
    var body: [UInt8]
    var raw: [UInt8]

    func header(_ name: String) -> String? {
        headers.first { $0.0.lowercased() == name.lowercased() }?.1
    }

    var bodyText: String { String(decoding: body, as: UTF8.self) }
    var rawText: String { String(decoding: raw, as: UTF8.self) }
}

/// A client on plain POSIX sockets, so request targets reach the server exactly as written
/// (URLSession and curl normalise paths first).
enum RawClient {
    /// Sends `request` bytes as they are and reads until the server closes the connection.
    static func send(_ request: [UInt8], port: Int) async throws -> RawResponse {
        guard let response = try await send(request, port: port, endInput: false) else {
            throw TestFailure("the server closed the connection without answering")
        }
        return response
    }

    /// With `endInput`, the client shuts its sending side after the request, as a client that
    /// gives up would; nil when the server then closes without a response.
    static func send(_ request: [UInt8], port: Int, endInput: Bool) async throws -> RawResponse? {
        try await offPool {
            let fd = try connectLoopback(port: port)
            defer { close(fd) }
            try sendAll(fd, request)
            if endInput { shutdown(fd, Int32(SHUT_WR)) }
            var received: [UInt8] = []
            var chunk = [UInt8](repeating: 0, count: 65536)
            while true {
                let n = chunk.withUnsafeMutableBytes { recv(fd, $0.baseAddress, $0.count, 0) }
                if n < 0 {
                    if errno == EINTR { continue }
                    if errno == ECONNRESET { break }
                    throw TestFailure("recv failed: \(String(cString: strerror(errno)))")
                }
                if n == 0 { break }
                received += chunk[0..<n]
            }
            return received.isEmpty && endInput ? nil : try parse(received)
        }
    }

    /// `GET`-style request line plus headers; `Connection: close` so the reply ends with EOF.
    static func request(_ target: String, method: String = "GET", host: String? = "default", port: Int,
                        headers: [String] = []) async throws -> RawResponse {
        var text = "\(method) \(target) HTTP/1.1\r\n"
        if let host { text += "Host: \(host == "default" ? "127.0.0.1:\(port)" : host)\r\n" }
        for header in headers { text += header + "\r\n" }
        text += "Connection: close\r\n\r\n"
        return try await send(Array(text.utf8), port: port)
    }

    /// Opens the events stream and reads until the received text contains every one of `needles`
    /// in order of arrival, or the server closes. Returns everything read.
    static func readEvents(port: Int, query: String = "", headers: [String] = [],
                           until needles: [String], whileOpen action: (@Sendable () throws -> Void)? = nil) async throws -> String {
        try await offPool {
            let fd = try connectLoopback(port: port)
            defer { close(fd) }
            var text = "GET /__brief/events\(query) HTTP/1.1\r\nHost: 127.0.0.1:\(port)\r\n"
            for header in headers { text += header + "\r\n" }
            text += "Accept: text/event-stream\r\n\r\n"
            try sendAll(fd, Array(text.utf8))
            var received: [UInt8] = []
            var chunk = [UInt8](repeating: 0, count: 65536)
            var acted = false
            var remaining = needles[...]
            while !remaining.isEmpty {
                let n = chunk.withUnsafeMutableBytes { recv(fd, $0.baseAddress, $0.count, 0) }
                if n < 0 {
                    if errno == EINTR { continue }
                    throw TestFailure("recv failed: \(String(cString: strerror(errno))); got: \(String(decoding: received, as: UTF8.self))")
                }
                if n == 0 { break }
                received += chunk[0..<n]
                let textSoFar = String(decoding: received, as: UTF8.self)
                if !acted, textSoFar.contains("\r\n\r\n"), textSoFar.contains("live reload") {
                    acted = true
                    try action?()
                }
                while let needle = remaining.first, textSoFar.contains(needle) { remaining = remaining.dropFirst() }
            }
            return String(decoding: received, as: UTF8.self)
        }
    }

    static func connectLoopback(port: Int) throws -> Int32 {
        let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        guard fd >= 0 else { throw TestFailure("socket failed") }
        // A hang guard: no read waits longer than this.
        var timeout = timeval(tv_sec: 20, tv_usec: 0)
        setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &timeout, socklen_t(MemoryLayout<timeval>.size))
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = in_port_t(UInt16(port).bigEndian)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        let result = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                connect(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size))
            }
        }
        guard result == 0 else {
            close(fd)
            throw TestFailure("connect failed: \(String(cString: strerror(errno)))")
        }
        return fd
    }

    static func sendAll(_ fd: Int32, _ bytes: [UInt8]) throws {
        var offset = 0
        while offset < bytes.count {
            let n = bytes[offset...].withUnsafeBytes { Glibc.send(fd, $0.baseAddress, $0.count, Int32(MSG_NOSIGNAL)) }
            if n < 0 {
                if errno == EINTR { continue }
                // The server may answer and close before reading everything (a 64 KB target).
                if errno == EPIPE || errno == ECONNRESET { return }
                throw TestFailure("send failed: \(String(cString: strerror(errno)))")
            }
            offset += n
        }
    }

    /// Status line, headers, and a body (plain or chunked).
    static func parse(_ bytes: [UInt8]) throws -> RawResponse {
        let separator: [UInt8] = [13, 10, 13, 10]
        guard let end = find(separator, in: bytes, from: 0) else {
            throw TestFailure("no complete response head in \(bytes.count) bytes: \(String(decoding: bytes, as: UTF8.self))")
        }
        let head = String(decoding: bytes[0..<end], as: UTF8.self)
        var lines = head.components(separatedBy: "\r\n")
        let statusLine = lines.removeFirst().split(separator: " ")
        guard statusLine.count >= 2, let status = Int(statusLine[1]) else { throw TestFailure("bad status line: \(head)") }
        let headers = lines.compactMap { line -> (String, String)? in
            guard let colon = line.firstIndex(of: ":") else { return nil }
            return (String(line[..<colon]), line[line.index(after: colon)...].trimmingCharacters(in: .whitespaces))
        }
        var body = Array(bytes[(end + 4)...])
        if headers.contains(where: { $0.0.lowercased() == "transfer-encoding" && $0.1.lowercased().contains("chunked") }) {
            body = dechunk(body)
        }
        return RawResponse(status: status, headers: headers, body: body, raw: bytes)
    }

    static func dechunk(_ bytes: [UInt8]) -> [UInt8] {
        var out: [UInt8] = []
        var i = 0
        while let lineEnd = find([13, 10], in: bytes, from: i) {
            let sizeText = String(decoding: bytes[i..<lineEnd], as: UTF8.self).split(separator: ";").first ?? ""
            guard let size = Int(sizeText.trimmingCharacters(in: .whitespaces), radix: 16), size > 0 else { break }
            let start = lineEnd + 2
            guard start + size <= bytes.count else { out += bytes[start...]; break }
            out += bytes[start..<(start + size)]
            i = start + size + 2
        }
        return out
    }

    static func find(_ needle: [UInt8], in haystack: [UInt8], from: Int) -> Int? {
        guard haystack.count >= needle.count, from <= haystack.count - needle.count else { return nil }
        for i in from...(haystack.count - needle.count) where haystack[i..<(i + needle.count)].elementsEqual(needle) {
            return i
        }
        return nil
    }

    /// Blocking socket work runs on a dispatch thread, never on the cooperative pool the server
    /// in this same process needs.
    static func offPool<T: Sendable>(_ work: @escaping @Sendable () throws -> T) async throws -> T {
        try await withCheckedThrowingContinuation { continuation in
            DispatchQueue.global().async {
                continuation.resume(with: Result { try work() })
            }
        }
    }
}
