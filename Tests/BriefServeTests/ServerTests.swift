@testable import BriefServe
import BriefSite
import Foundation
import Testing
#if canImport(Glibc)
import Glibc
#endif

/// Targets from reliability.md S1, S2 and S7, sent raw. None may get a 2xx or any secret byte.
let hostileTargets: [String] = [
    "/../secret.txt", "/%2e%2e/secret.txt", "/%2E%2E/secret.txt", "/%252e%252e/secret.txt",
    "/..%2fsecret.txt", "/..%5csecret.txt", "/x/#/../../secret.txt", "/../site-leak/x",
    "/%2e%2e/%2e%2e/secret.txt", "/..%2f..%2fsecret.txt", "/briefs/../../secret.txt", "/..\\secret.txt",
    "/secret.txt", "/.env", "/.git/config", "/.", "/index.html/.", "/index.html/..", "/./index.html",
    "/Content/site.yml", "/Content/briefs/first.md", "/Templates/layout.mustache", "/site.yml",
    "/%00", "/index.html%00.txt", "/%", "/%zz", "/%c0%ae%c0%ae/secret.txt", "//secret.txt",
    "/__brief/../secret.txt", "/__brief/", "/__brief/nothing", "*", "secret.txt",
]

@Suite("Preview server over a raw socket")
struct ServerTests {
    @Test("hostile targets get 400/404 and never a secret byte; the server answers after each")
    func hostileTargetsNeverLeak() async throws {
        let project = try TempProject()
        let server = try await RunningServer(project: project)
        let port = server.port
        var requests: [(String, [UInt8])] = hostileTargets.map { target in
            (target, Array("GET \(target) HTTP/1.1\r\nHost: 127.0.0.1:\(port)\r\nConnection: close\r\n\r\n".utf8))
        }
        requests.append(("absolute-form", Array("GET http://127.0.0.1:\(port)/../secret.txt HTTP/1.1\r\nHost: 127.0.0.1:\(port)\r\nConnection: close\r\n\r\n".utf8)))
        requests.append(("absolute-form encoded", Array("GET http://127.0.0.1:\(port)/%2e%2e/secret.txt HTTP/1.1\r\nHost: 127.0.0.1:\(port)\r\nConnection: close\r\n\r\n".utf8)))
        requests.append(("64 KB path", Array("GET /\(String(repeating: "a", count: 65536)) HTTP/1.1\r\nHost: 127.0.0.1:\(port)\r\nConnection: close\r\n\r\n".utf8)))
        requests.append(("64 KB of ../", Array("GET /\(String(repeating: "../", count: 21846))secret.txt HTTP/1.1\r\nHost: 127.0.0.1:\(port)\r\nConnection: close\r\n\r\n".utf8)))
        requests.append(("invalid UTF-8", Array("GET /".utf8) + [0xC0, 0xAE, 0xFF, 0xFE] + Array("/secret.txt HTTP/1.1\r\nHost: 127.0.0.1:\(port)\r\nConnection: close\r\n\r\n".utf8)))
        requests.append(("NUL in target", Array("GET /".utf8) + [0] + Array("secret.txt HTTP/1.1\r\nHost: 127.0.0.1:\(port)\r\nConnection: close\r\n\r\n".utf8)))

        let all = requests
        try await withHangGuard(180) {
            for (name, request) in all {
                let response = try await RawClient.send(request, port: port)
                // A 64 KB target is over the request-head limit (HeaderLimits): 431.
                let allowed = name.hasPrefix("64 KB") ? [431] : [400, 404]
                #expect(allowed.contains(response.status), "\(name.prefix(80)) → \(response.status)")
                #expect(!response.rawText.contains(secretMarker), "\(name.prefix(80)) leaked the secret")
                let next = try await RawClient.request("/", port: port)
                #expect(next.status == 200, "after \(name.prefix(80))")
            }
        }
        try await server.stop()
    }

    @Test("malformed requests get a 4xx and the process stays up")
    func malformedRequests() async throws {
        let project = try TempProject()
        let server = try await RunningServer(project: project)
        let port = server.port
        let requests = [
            "G@T / HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n",
            "GET / HTTP/9.9\r\nHost: 127.0.0.1\r\n\r\n",
            "GET / HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Length: -1\r\n\r\n",
            "GET / HTTP/1.1\r\nHost: 127.0.0.1\r\nBad Header\r\n\r\n",
            "GET / HTTP/1.1\r\nHost: 127.0.0.1\r\nX: " + String(repeating: "y", count: 100_000) + "\r\n\r\n",
            "\r\n\r\n\r\n",
            "FOO / HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n",
            "GET",
        ]
        try await withHangGuard(120) {
            for request in requests {
                // Either a 4xx, or (for input that never becomes a request) a closed connection.
                let response = try await RawClient.send(Array(request.utf8), port: port, endInput: true)
                if let response {
                    #expect((400..<500).contains(response.status), "\(request.prefix(40)) → \(response.status)")
                }
                #expect(try await RawClient.request("/", port: port).status == 200)
            }
            // A client that sends half a request and goes away.
            let fd = try RawClient.connectLoopback(port: port)
            try RawClient.sendAll(fd, Array("GET / HTTP/1.1\r\nHost: 127.".utf8))
            close(fd)
            #expect(try await RawClient.request("/", port: port).status == 200)
        }
        try await server.stop()
    }

    @Test("a query string is ignored for lookup and never reaches source")
    func queriesAreIgnored() async throws {
        let project = try TempProject()
        let server = try await RunningServer(project: project)
        let port = server.port
        try await withHangGuard {
            let plain = try await RawClient.request("/index.html", port: port)
            #expect(plain.status == 200)
            for query in ["?raw", "?import&raw??", "?inline&import", "?x=../../secret.txt"] {
                let response = try await RawClient.request("/index.html" + query, port: port)
                #expect(response.status == 200)
                #expect(response.body == plain.body)
            }
            #expect(try await RawClient.request("/?v=1", port: port).body == plain.body)
        }
        try await server.stop()
    }

    @Test("Host must name this machine (DNS rebinding), on pages and on the events stream")
    func hostHeader() async throws {
        let project = try TempProject()
        let server = try await RunningServer(project: project)
        let port = server.port
        try await withHangGuard {
            for host in ["evil.example:\(port)", "evil.example", "127.0.0.1.evil.example:\(port)", "192.168.1.5:\(port)"] {
                let page = try await RawClient.request("/", host: host, port: port)
                #expect(page.status == 403, "\(host)")
                #expect(!page.bodyText.contains("<html"))
                #expect(try await RawClient.request("/__brief/events", host: host, port: port).status == 403)
                #expect(try await RawClient.request("/__brief/live-reload.js", host: host, port: port).status == 403)
            }
            #expect(try await RawClient.request("/", host: nil, port: port).status == 403)
            for host in ["localhost:\(port)", "127.0.0.1:\(port)", "[::1]:\(port)", "LocalHost:\(port)"] {
                #expect(try await RawClient.request("/", host: host, port: port).status == 200, "\(host)")
            }
        }
        try await server.stop()
    }

    @Test("the events stream checks Origin")
    func originCheck() async throws {
        let project = try TempProject()
        let server = try await RunningServer(project: project)
        let port = server.port
        try await withHangGuard {
            for origin in ["http://evil.example", "http://192.168.1.5:\(port)", "null", "https://127.0.0.1:\(port)",
                           "http://127.0.0.1:\(port + 1)", "http://localhost:\(port)"] {
                let response = try await RawClient.request("/__brief/events", port: port, headers: ["Origin: \(origin)"])
                #expect(response.status == 403, "\(origin)")
                #expect(!response.rawText.lowercased().contains("access-control-"))
            }
            let own = try await RawClient.readEvents(port: port, headers: ["Origin: http://127.0.0.1:\(port)"], until: ["live reload"])
            #expect(own.hasPrefix("HTTP/1.1 200"))
            #expect(own.contains("text/event-stream"))
            let none = try await RawClient.readEvents(port: port, until: ["live reload"])
            #expect(none.hasPrefix("HTTP/1.1 200"))
        }
        try await server.stop()
    }

    @Test("no CORS headers, ever; OPTIONS and other methods get 405")
    func noCORSAndOnlyGetHead() async throws {
        let project = try TempProject()
        let server = try await RunningServer(project: project)
        let port = server.port
        try await withHangGuard {
            let page = try await RawClient.request("/", port: port, headers: ["Origin: http://evil.example"])
            #expect(page.status == 200)
            #expect(!page.headers.contains { $0.0.lowercased().hasPrefix("access-control-") })
            let preflight = try await RawClient.request("/", method: "OPTIONS", port: port, headers: [
                "Origin: http://evil.example", "Access-Control-Request-Method: GET"])
            #expect(preflight.status == 405)
            #expect(!preflight.headers.contains { $0.0.lowercased().hasPrefix("access-control-") })
            // (A method the HTTP parser does not know, such as FOO, is a 400; see malformedRequests.)
            for method in ["POST", "PUT", "DELETE", "PATCH", "TRACE", "CONNECT", "PROPFIND"] {
                let response = try await RawClient.request(method == "CONNECT" ? "/" : "/index.html", method: method, port: port,
                                                          headers: ["Content-Length: 0"])
                #expect(response.status == 405, "\(method) → \(response.status)")
                #expect(response.header("Allow") == "GET, HEAD")
            }
        }
        try await server.stop()
    }

    @Test("one Range is served with 206; the rest get 416")
    func ranges() async throws {
        let project = try TempProject()
        let server = try await RunningServer(project: project)
        let port = server.port
        try await withHangGuard {
            let whole = try await RawClient.request("/static/site.css", port: port)
            #expect(whole.status == 200)
            #expect(whole.header("Accept-Ranges") == "bytes")
            let size = whole.body.count
            let first = try await RawClient.request("/static/site.css", port: port, headers: ["Range: bytes=0-9"])
            #expect(first.status == 206)
            #expect(first.header("Content-Range") == "bytes 0-9/\(size)")
            #expect(first.body == Array(whole.body[0..<10]))
            let tail = try await RawClient.request("/static/site.css", port: port, headers: ["Range: bytes=-5"])
            #expect(tail.status == 206)
            #expect(tail.body == Array(whole.body[(size - 5)...]))
            let many = "bytes=" + (0..<200).map { "\($0)-\($0)" }.joined(separator: ",")
            for range in ["bytes=99999999999-", "bytes=-0", "bytes=0-1,3-4", many, "bytes=\(size)-"] {
                let refused = try await RawClient.request("/static/site.css", port: port, headers: ["Range: \(range)"])
                #expect(refused.status == 416, "\(range.prefix(40))")
                #expect(refused.header("Content-Range") == "bytes */\(size)")
            }
            #expect(try await RawClient.request("/", port: port).status == 200)
        }
        try await server.stop()
    }

    @Test("HEAD sends the headers of GET and no body")
    func head() async throws {
        let project = try TempProject()
        let server = try await RunningServer(project: project)
        let port = server.port
        try await withHangGuard {
            let get = try await RawClient.request("/", port: port)
            let head = try await RawClient.request("/", method: "HEAD", port: port)
            #expect(head.status == 200)
            #expect(head.header("Content-Length") == String(get.body.count))
            #expect(head.body.isEmpty)
        }
        try await server.stop()
    }

    @Test("folders serve index.html; a folder without its slash redirects; unknown paths 404")
    func folders() async throws {
        let project = try TempProject()
        let server = try await RunningServer(project: project)
        let port = server.port
        try await withHangGuard {
            let index = try await RawClient.request("/", port: port)
            #expect(index.status == 200)
            #expect(index.header("Content-Type") == "text/html; charset=utf-8")
            #expect(index.bodyText.contains("Serve Test Briefing"))
            #expect(index.header("Cache-Control") == "no-store")
            let brief = try await RawClient.request("/briefs/first/", port: port)
            #expect(brief.status == 200)
            #expect(brief.bodyText.contains("The first brief"))
            let bare = try await RawClient.request("/briefs/first?x=1", port: port)
            #expect(bare.status == 301)
            #expect(bare.header("Location") == "/briefs/first/")
            #expect(try await RawClient.request("/no/such/page/", port: port).status == 404)
        }
        try await server.stop()
    }

    @Test("listens on 127.0.0.1 by default")
    func loopbackByDefault() async throws {
        #expect(PreviewServer.Configuration(projectRoot: "/x").host == "127.0.0.1")
        #expect(PreviewServer.Configuration(projectRoot: "/x").isLoopback)
        #expect(!PreviewServer.Configuration(projectRoot: "/x", host: "0.0.0.0").isLoopback)
        let project = try TempProject()
        let server = try await RunningServer(project: project, host: nil)
        #expect(server.host == "127.0.0.1")
        #expect(server.port > 0)
        let port = server.port
        try await withHangGuard {
            let response = try await RawClient.request("/", port: port)
            #expect(response.status == 200)
        }
        // The machine's other addresses (a LAN IP, when it has one) refuse the connection.
        for address in nonLoopbackIPv4Addresses() {
            #expect(!canConnect(to: address, port: port), "\(address) accepted a connection")
        }
        try await server.stop()
    }

    @Test("a port in use is a clear error")
    func portInUse() async throws {
        let project = try TempProject()
        let first = try await RunningServer(project: project)
        let second = PreviewServer(.init(projectRoot: project.project, port: first.port, watch: false))
        do {
            try await withHangGuard { try await second.run() }
            Issue.record("the second server started on a port in use")
        } catch let failure as PreviewServer.Failure {
            guard case .portInUse(_, let port) = failure else {
                Issue.record("unexpected failure: \(failure)")
                return
            }
            #expect(port == first.port)
            #expect(failure.description.contains("already in use"))
        }
        try await first.stop()
    }

    @Test("stopping closes open event streams and returns")
    func stopsWithOpenStreams() async throws {
        let project = try TempProject()
        let server = try await RunningServer(project: project)
        let port = server.port
        try await withHangGuard {
            let listener = Task { try await RawClient.readEvents(port: port, until: ["never sent"]) }
            // Wait until the stream is open, so the stop has a connection to close.
            while await server.server.site.listenerCount == 0 { try await Task.sleep(for: .milliseconds(10)) }
            try await server.stop()
            let text = try await listener.value
            #expect(text.hasPrefix("HTTP/1.1 200"))
        }
    }
}

@Suite("The reload script is only in served responses (S8)")
struct InjectionTests {
    @Test func servedHTMLHasTheScriptOtherFilesDoNot() async throws {
        let project = try TempProject()
        let server = try await RunningServer(project: project)
        let port = server.port
        try await withHangGuard {
            let page = try await RawClient.request("/briefs/first/", port: port)
            #expect(page.bodyText.contains("<script src=\"/__brief/live-reload.js\" data-generation=\"1\"></script>\n</body>"))
            let css = try await RawClient.request("/static/site.css", port: port)
            #expect(!css.bodyText.contains("__brief"))
            let script = try await RawClient.request("/__brief/live-reload.js", port: port)
            #expect(script.status == 200)
            #expect(script.header("Content-Type") == "text/javascript; charset=utf-8")
            #expect(script.bodyText.contains("EventSource"))
            let missing = try await RawClient.request("/no-such-page.html", port: port)
            #expect(missing.status == 404)
        }
        try await server.stop()
    }

    @Test func buildOutputHasNoReloadScript() throws {
        let project = try TempProject()
        let result = Site.build(.disk(project.project), options: BuildOptions())
        #expect(result.succeeded)
        #expect(!result.outputs.isEmpty)
        for file in result.outputs {
            let text = String(decoding: file.bytes, as: UTF8.self)
            #expect(!text.contains("__brief"), "\(file.path)")
            #expect(!text.contains("live-reload"), "\(file.path)")
            #expect(!text.contains("EventSource"), "\(file.path)")
        }
    }
}

/// This machine's IPv4 addresses outside 127.0.0.0/8.
func nonLoopbackIPv4Addresses() -> [String] {
    var first: UnsafeMutablePointer<ifaddrs>?
    guard getifaddrs(&first) == 0 else { return [] }
    defer { freeifaddrs(first) }
    var found: [String] = []
    var cursor = first
    while let entry = cursor {
        defer { cursor = entry.pointee.ifa_next }
        guard let address = entry.pointee.ifa_addr, address.pointee.sa_family == sa_family_t(AF_INET) else { continue }
        var text = [CChar](repeating: 0, count: Int(INET_ADDRSTRLEN))
        address.withMemoryRebound(to: sockaddr_in.self, capacity: 1) { inet in
            var raw = inet.pointee.sin_addr
            _ = inet_ntop(AF_INET, &raw, &text, socklen_t(text.count))
        }
        let string = String(cString: text)
        if !string.hasPrefix("127.") { found.append(string) }
    }
    return found
}

func canConnect(to address: String, port: Int) -> Bool {
    let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
    guard fd >= 0 else { return false }
    defer { close(fd) }
    var target = sockaddr_in()
    target.sin_family = sa_family_t(AF_INET)
    target.sin_port = in_port_t(UInt16(port).bigEndian)
    target.sin_addr.s_addr = inet_addr(address)
    return withUnsafePointer(to: &target) {
        $0.withMemoryRebound(to: sockaddr.self, capacity: 1) {
            connect(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) == 0
        }
    }
}
