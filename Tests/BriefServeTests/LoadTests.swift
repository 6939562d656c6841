import Foundation
import Testing
#if canImport(Glibc)
import Glibc
#endif

/// Many clients at once over raw sockets, driven from one thread with poll(2): keep-alive
/// connections that each ask for a page, read the whole response and ask again a second later,
/// and event streams that stay open and count the reload events they receive.
final class LoadClient {
    enum Kind { case page, events }

    struct Connection {
        var fd: Int32
        var kind: Kind
        var buffer: [UInt8] = []
        var awaiting = false
        var nextSend = ContinuousClock.now
        var streamOpen = false
        var reloads = 0
        var closed = false
    }

    struct Tally: CustomStringConvertible {
        var requests = 0
        var ok = 0
        var failures: [String] = []
        var description: String { "\(requests) requests, \(ok) ok, \(failures.count) failed: \(failures.prefix(5))" }
    }

    let port: Int
    var connections: [Connection] = []
    var tally = Tally()
    let pause: Duration

    init(port: Int, pages: Int, streams: Int, pause: Duration = .milliseconds(1500)) throws {
        self.port = port
        self.pause = pause
        let streamRequest = Array("GET /__brief/events HTTP/1.1\r\nHost: 127.0.0.1:\(port)\r\nAccept: text/event-stream\r\n\r\n".utf8)
        for _ in 0..<streams {
            let fd = try RawClient.connectLoopback(port: port)
            try RawClient.sendAll(fd, streamRequest)
            connections.append(Connection(fd: fd, kind: .events))
        }
        // Spread the first requests over the pause so they do not all arrive in one instant.
        let start = ContinuousClock.now
        for i in 0..<pages {
            let fd = try RawClient.connectLoopback(port: port)
            var c = Connection(fd: fd, kind: .page)
            c.nextSend = start + pause * (Double(i) / Double(max(pages, 1)))
            connections.append(c)
        }
    }

    deinit { closeAll() }

    func closeAll() {
        for i in connections.indices where !connections[i].closed {
            close(connections[i].fd)
            connections[i].closed = true
        }
    }

    var openStreams: Int { connections.filter { $0.kind == .events && $0.streamOpen && !$0.closed }.count }
    var streamsWithReload: Int { connections.filter { $0.kind == .events && $0.reloads > 0 }.count }
    var pagesAwaiting: Int { connections.filter { $0.kind == .page && $0.awaiting && !$0.closed }.count }
    var livePages: Int { connections.filter { $0.kind == .page && !$0.closed }.count }

    /// Runs until `done` says so (checked after every poll round) or the hang guard runs out.
    /// With `sending` false, no new requests start (in-flight ones finish).
    func run(until done: (LoadClient) -> Bool, sending: @escaping (LoadClient) -> Bool = { _ in true },
             hangGuard: Duration = .seconds(90)) throws {
        let request = Array("GET / HTTP/1.1\r\nHost: 127.0.0.1:\(port)\r\n\r\n".utf8)
        let deadline = ContinuousClock.now + hangGuard
        var chunk = [UInt8](repeating: 0, count: 64 * 1024)
        while !done(self) {
            guard ContinuousClock.now < deadline else { throw TestFailure("load run hit its hang guard: \(tally)") }
            let now = ContinuousClock.now
            let mayStart = sending(self)
            for i in connections.indices where connections[i].kind == .page && !connections[i].closed
                && mayStart && !connections[i].awaiting && connections[i].nextSend <= now {
                let n = request.withUnsafeBytes { send(connections[i].fd, $0.baseAddress, $0.count, Int32(MSG_NOSIGNAL)) }
                if n != request.count {
                    fail(i, "send failed: \(String(cString: strerror(errno)))")
                    continue
                }
                connections[i].awaiting = true
                tally.requests += 1
            }
            var fds = connections.map { pollfd(fd: $0.closed ? -1 : $0.fd, events: Int16(POLLIN), revents: 0) }
            let ready = poll(&fds, nfds_t(fds.count), 50)
            if ready < 0 && errno != EINTR { throw TestFailure("poll failed: \(String(cString: strerror(errno)))") }
            guard ready > 0 else { continue }
            for i in fds.indices where fds[i].revents != 0 && !connections[i].closed {
                let n = chunk.withUnsafeMutableBytes { recv(connections[i].fd, $0.baseAddress, $0.count, Int32(MSG_DONTWAIT)) }
                if n < 0 {
                    if errno == EINTR || errno == EAGAIN { continue }
                    fail(i, "recv failed: \(String(cString: strerror(errno)))")
                    continue
                }
                if n == 0 {
                    fail(i, "the server closed a \(connections[i].kind) connection")
                    continue
                }
                connections[i].buffer += chunk[0..<n]
                switch connections[i].kind {
                case .page: readResponses(i)
                case .events: readEvents(i)
                }
            }
        }
    }

    private func fail(_ i: Int, _ why: String) {
        tally.failures.append(why)
        close(connections[i].fd)
        connections[i].closed = true
    }

    private func readResponses(_ i: Int) {
        while let end = RawClient.find([13, 10, 13, 10], in: connections[i].buffer, from: 0) {
            let head = String(decoding: connections[i].buffer[0..<end], as: UTF8.self)
            let lines = head.components(separatedBy: "\r\n")
            let status = lines.first?.split(separator: " ").dropFirst().first.flatMap { Int($0) } ?? 0
            guard let lengthLine = lines.first(where: { $0.lowercased().hasPrefix("content-length:") }),
                  let length = Int(lengthLine.dropFirst("content-length:".count).trimmingCharacters(in: .whitespaces)) else {
                fail(i, "a response without Content-Length: \(head.prefix(200))")
                return
            }
            guard connections[i].buffer.count >= end + 4 + length else { return }
            connections[i].buffer.removeFirst(end + 4 + length)
            connections[i].awaiting = false
            connections[i].nextSend = ContinuousClock.now + pause
            if status == 200 { tally.ok += 1 } else { tally.failures.append("status \(status)") }
        }
    }

    private func readEvents(_ i: Int) {
        let text = String(decoding: connections[i].buffer, as: UTF8.self)
        if !connections[i].streamOpen {
            guard text.contains("\r\n\r\n") else { return }
            guard text.hasPrefix("HTTP/1.1 200") else {
                fail(i, "events stream refused: \(text.prefix(100))")
                return
            }
            connections[i].streamOpen = text.contains("live reload")
        }
        connections[i].reloads = text.components(separatedBy: "event: reload").count - 1
    }
}

/// Waits (up to a hang guard) until `condition` holds; returns whether it did.
func eventually(_ seconds: Int = 30, _ condition: () -> Bool) -> Bool {
    let deadline = ContinuousClock.now + .seconds(seconds)
    while ContinuousClock.now < deadline {
        if condition() { return true }
        usleep(100_000)
    }
    return condition()
}

@Suite("Preview server under load, on 127.0.0.1", .serialized)
struct LoadTests {
    @Test("500 keep-alive connections and 200 event streams for 30 s: no failure; memory and files flat afterwards")
    func manyClients() throws {
        try raiseOpenFileLimit(atLeast: 2048)
        let project = try TempProject()
        let server = try ServeProcess(project: project.project)
        let startFiles = server.openFiles
        #expect(startFiles > 0)

        // Warm-up at full width (every connection once), so the baseline includes what the
        // allocator keeps after serving this many clients; then every connection closes.
        do {
            let warm = try LoadClient(port: server.port, pages: 500, streams: 200)
            try warm.run(until: { $0.tally.ok == 500 && $0.openStreams == 200 }, sending: { $0.tally.requests < 500 })
            #expect(warm.tally.failures.isEmpty, "\(warm.tally)")
            warm.closeAll()
        }
        #expect(eventually { server.openFiles <= startFiles }, "files after warm-up: \(server.openFiles), at start \(startFiles)")
        let baseMemory = server.residentBytes
        let baseFiles = server.openFiles

        // The load: 30 s of requests on 500 connections while 200 streams stay open; near the end
        // a content change makes the server rebuild and tell every stream to reload.
        let load = try LoadClient(port: server.port, pages: 500, streams: 200)
        let start = ContinuousClock.now
        var changed = false
        try load.run(until: { client in
            if !changed, ContinuousClock.now - start > .seconds(25) {
                changed = true
                try? project.write("Content/briefs/first.md", TempProject.brief(title: "First brief", body: "Edited under load."))
            }
            return ContinuousClock.now - start > .seconds(30) && client.streamsWithReload == 200
        })
        try load.run(until: { $0.pagesAwaiting == 0 }, sending: { _ in false })
        let duringFiles = server.openFiles
        #expect(load.tally.failures.isEmpty, "\(load.tally)")
        #expect(load.tally.ok > 4_000, "\(load.tally)")
        #expect(load.livePages == 500 && load.openStreams == 200)
        #expect(load.streamsWithReload == 200, "streams told to reload: \(load.streamsWithReload)")
        #expect(duringFiles >= baseFiles + 700, "the server holds \(duringFiles) files with 700 clients")
        print("load: \(load.tally); server files \(baseFiles) → \(duringFiles) during")
        load.closeAll()

        // Afterwards: every connection's file is released and memory is back near the baseline.
        #expect(eventually { server.openFiles <= baseFiles }, "files: \(server.openFiles) after, \(baseFiles) before")
        let afterMemory = server.residentBytes
        print("load: server RSS \(baseMemory / 1_048_576) MB before, \(afterMemory / 1_048_576) MB after")
        #expect(afterMemory < baseMemory + 48 * 1_048_576, "RSS grew from \(baseMemory) to \(afterMemory) bytes")
        #expect(try RawClient.blockingRequest("/", port: server.port).status == 200)
        #expect(server.stop() == 0, "\(server.output)")
    }
}

extension RawClient {
    /// One request with `Connection: close`, on the calling thread.
    static func blockingRequest(_ target: String, port: Int, headers: [String] = []) throws -> RawResponse {
        let fd = try connectLoopback(port: port)
        defer { close(fd) }
        var text = "GET \(target) HTTP/1.1\r\nHost: 127.0.0.1:\(port)\r\n"
        for header in headers { text += header + "\r\n" }
        try sendAll(fd, Array((text + "Connection: close\r\n\r\n").utf8))
        var received: [UInt8] = []
        var chunk = [UInt8](repeating: 0, count: 65536)
        while true {
            let n = chunk.withUnsafeMutableBytes { recv(fd, $0.baseAddress, $0.count, 0) }
            if n < 0 && errno == EINTR { continue }
            if n <= 0 { break }
            received += chunk[0..<n]
        }
        return try parse(received)
    }
}
