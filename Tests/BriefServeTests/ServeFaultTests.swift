@testable import BriefServe
import Foundation
import Testing
#if canImport(Glibc)
import Glibc
#endif

/// Clients that misbehave on purpose: one sending its headers a byte a second, one sending more
/// header bytes than the server accepts, and pages that go away while their event stream is open.
@Suite("Preview server faults")
struct ServeFaultTests {
    @Test("a client sending headers a byte a second is cut off; the server answers others meanwhile")
    func slowHeadersAreCutOff() async throws {
        let project = try TempProject()
        let server = try await RunningServer(project: project)
        let port = server.port
        #expect(server.server.configuration.requestTimeout == .seconds(10))
        let result = try await withHangGuard(90) {
            try await RawClient.offPool { () -> (sent: Int, response: [UInt8]) in
                let fd = try RawClient.connectLoopback(port: port)
                defer { close(fd) }
                // The start of a valid head, one byte a second, for at most 45 s (the limit is 10 s).
                let head = Array("GET / HTTP/1.1\r\nHost: 127.0.0.1:\(port)\r\nX-Slow: \(String(repeating: "z", count: 60))".utf8).prefix(45)
                var sent = 0
                var received: [UInt8] = []
                var chunk = [UInt8](repeating: 0, count: 4096)
                while sent < head.count {
                    let n = head[(head.startIndex + sent)...].prefix(1).withUnsafeBytes { send(fd, $0.baseAddress, 1, Int32(MSG_NOSIGNAL)) }
                    if n < 0 { break }  // EPIPE/ECONNRESET: the server closed it
                    sent += 1
                    // Wait a second, noticing the server closing the connection meanwhile.
                    var pfd = pollfd(fd: fd, events: Int16(POLLIN), revents: 0)
                    if poll(&pfd, 1, 1000) > 0 {
                        let r = chunk.withUnsafeMutableBytes { recv(fd, $0.baseAddress, $0.count, 0) }
                        if r <= 0 { break }
                        received += chunk[0..<r]
                    }
                }
                return (sent, received)
            }
        }
        // Cut off before 45 bytes had gone (a byte a second), and never answered 200.
        #expect(result.sent < 45, "the server waited for \(result.sent) bytes sent a second apart")
        #expect(!String(decoding: result.response, as: UTF8.self).hasPrefix("HTTP/1.1 200"))
        #expect(try await RawClient.request("/", port: port).status == 200)
        try await server.stop()
    }

    @Test("request headers over the limit get 431 and the connection closes; just under gets 200")
    func oversizedHeadersGet431() async throws {
        let project = try TempProject()
        let server = try await RunningServer(project: project)
        let port = server.port
        try await withHangGuard(60) {
            // One cookie bigger than the whole limit.
            let big = try await RawClient.request("/", port: port, headers: ["Cookie: a=" + String(repeating: "c", count: HeaderLimits.totalBytes)])
            #expect(big.status == 431, "\(big.rawText.prefix(200))")
            #expect(big.header("Connection")?.lowercased() == "close")
            #expect(big.bodyText == "431 Request Header Fields Too Large\n")
            // Many small headers that add up to more than the limit.
            let many = (0..<60).map { "X-Field-\($0): " + String(repeating: "v", count: 600) }
            #expect(try await RawClient.request("/", port: port, headers: many).status == 431)
            // More header fields than allowed.
            let count = (0..<(HeaderLimits.fieldCount + 5)).map { "X-\($0): 1" }
            #expect(try await RawClient.request("/", port: port, headers: count).status == 431)
            // An over-long request line counts too.
            let longTarget = "/" + String(repeating: "a", count: HeaderLimits.totalBytes)
            #expect(try await RawClient.request(longTarget, port: port).status == 431)
            // Just under the limit is an ordinary request.
            let fits = try await RawClient.request("/", port: port, headers: ["Cookie: a=" + String(repeating: "c", count: HeaderLimits.totalBytes - 200)])
            #expect(fits.status == 200)
            #expect(try await RawClient.request("/", port: port).status == 200)
        }
        try await server.stop()
    }

    @Test("an event stream whose page went away is closed at once, not at the next rebuild")
    func streamsOfClosedPagesEnd() async throws {
        let project = try TempProject()
        let server = try await RunningServer(project: project)
        let port = server.port
        let site = server.server.site
        try await withHangGuard(60) {
            var fds: [Int32] = []
            for _ in 0..<20 {
                let fd = try RawClient.connectLoopback(port: port)
                try RawClient.sendAll(fd, Array("GET /__brief/events HTTP/1.1\r\nHost: 127.0.0.1:\(port)\r\n\r\n".utf8))
                fds.append(fd)
            }
            while await site.listenerCount < 20 { try await Task.sleep(for: .milliseconds(20)) }
            // Read what each stream sent so far, as a browser does, so closing sends a FIN (a
            // close with unread data would send a reset, which the server notices by itself).
            for fd in fds {
                var chunk = [UInt8](repeating: 0, count: 4096)
                var text = ""
                while !text.contains("live reload") {
                    let n = chunk.withUnsafeMutableBytes { recv(fd, $0.baseAddress, $0.count, 0) }
                    if n <= 0 { break }
                    text += String(decoding: chunk[0..<n], as: UTF8.self)
                }
                close(fd)
            }
            // No rebuild happens: only noticing the closed connections can end the listeners.
            while await site.listenerCount > 0 { try await Task.sleep(for: .milliseconds(20)) }
        }
        #expect(await site.listenerCount == 0)
        try await server.stop()
    }
}
