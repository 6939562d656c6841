@testable import BriefServe
import BriefDiagnostics
import Testing

@Suite("Request target rules")
struct RequestTargetTests {
    @Test("hostile targets are refused before any lookup", arguments: [
        "/../secret.txt", "/%2e%2e/secret.txt", "/%2E%2E/secret.txt", "/%252e%252e/secret.txt",
        "/..%2fsecret.txt", "/..%5csecret.txt", "/x/#/../../secret.txt", "/a/../../secret.txt",
        "/..\\secret.txt", "/%00", "/a%00.html", "/%2e/x", "/x/%2e%2e/%2e%2e/secret.txt",
        "/%", "/%2", "/%zz", "/%c0%ae%c0%ae/x", "/\u{FFFD}", "/caf\u{E9}", "/a b",
        "http://127.0.0.1:8000/../secret.txt", "*", "", "secret.txt",
        "/" + String(repeating: "a", count: 65536),
    ])
    func refusesHostile(_ target: String) {
        #expect(throws: RequestTarget.Rejection.self) { try RequestTarget.decodedPath(target).get() }
    }

    /// `.` and `..` segments are an escape attempt (400), not a missing dotfile (404), however
    /// they are spelled.
    @Test("dot segments are malformed", arguments: [
        "/../secret.txt", "/%2e%2e/secret.txt", "/%2E%2E/x", "/a/../b", "/a/..", "/./x", "/a/.", "/%2e/x", "/x/%2e%2e/",
    ])
    func dotSegmentsAreMalformed(_ target: String) {
        #expect(RequestTarget.decodedPath(target) == .failure(.malformed))
    }

    @Test("dotfiles and empty segments are not found", arguments: ["/.env", "/.git/config", "/a/.hidden", "//x", "/a//b"])
    func dotfiles(_ target: String) {
        #expect(RequestTarget.decodedPath(target) == .failure(.notFound))
    }

    @Test func decodesOnceAndDropsTheQuery() throws {
        #expect(try RequestTarget.decodedPath("/").get() == "/")
        #expect(try RequestTarget.decodedPath("/briefs/x/?raw").get() == "/briefs/x/")
        #expect(try RequestTarget.decodedPath("/index.html?import&raw??").get() == "/index.html")
        #expect(try RequestTarget.decodedPath("/a%20b.html").get() == "/a b.html")
        #expect(try RequestTarget.decodedPath("/caf%C3%A9/").get() == "/café/")
    }

    @Test func directoriesMeanTheirIndex() {
        #expect(RequestTarget.fileKey(forDecodedPath: "/") == "index.html")
        #expect(RequestTarget.fileKey(forDecodedPath: "/briefs/x/") == "briefs/x/index.html")
        #expect(RequestTarget.fileKey(forDecodedPath: "/static/site.css") == "static/site.css")
    }
}

@Suite("Host and Origin rules")
struct HostPolicyTests {
    let policy = HostPolicy(boundHost: "127.0.0.1")

    @Test func allowsOwnNamesOnAnyPort() {
        for host in ["localhost", "localhost:8000", "127.0.0.1:1", "[::1]:8000", "[::1]", "LOCALHOST:9"] {
            #expect(policy.allows(host: host), "\(host)")
        }
    }

    @Test func refusesOtherNames() {
        for host in ["evil.example", "evil.example:8000", "127.0.0.1.evil.example", "localhost.", "localhost@evil",
                     "192.168.1.5:8000", "", "localhost:", "localhost:99999999", "[::1", "a b"] {
            #expect(!policy.allows(host: host), "\(host)")
        }
        #expect(!policy.allows(host: nil))
    }

    @Test func allowsTheHostValue() {
        let lan = HostPolicy(boundHost: "192.168.1.5")
        #expect(lan.allows(host: "192.168.1.5:8000"))
        #expect(!lan.allows(host: "192.168.1.6:8000"))
    }

    @Test func originMustBeTheServersOwn() {
        #expect(policy.allows(origin: "http://127.0.0.1:8000", host: "127.0.0.1:8000"))
        #expect(policy.allows(origin: "http://localhost:8000", host: "localhost:8000"))
        for origin in ["http://evil.example", "http://192.168.1.5:8000", "null", "https://127.0.0.1:8000",
                       "http://127.0.0.1:8001", "http://localhost:8000", "http://127.0.0.1:8000/x"] {
            #expect(!policy.allows(origin: origin, host: "127.0.0.1:8000"), "\(origin)")
        }
        #expect(!policy.allows(origin: "http://evil.example:8000", host: "evil.example:8000"))
    }
}

@Suite("Range rules")
struct ByteRangeTests {
    @Test func singleRanges() {
        #expect(ByteRange.resolve(nil, size: 100) == .whole)
        #expect(ByteRange.resolve("bytes=0-9", size: 100) == .partial(0...9))
        #expect(ByteRange.resolve("bytes=90-", size: 100) == .partial(90...99))
        #expect(ByteRange.resolve("bytes=-10", size: 100) == .partial(90...99))
        #expect(ByteRange.resolve("bytes=-1000", size: 100) == .partial(0...99))
        #expect(ByteRange.resolve("bytes=50-1000", size: 100) == .partial(50...99))
        #expect(ByteRange.resolve("items=0-1", size: 100) == .whole)
    }

    @Test("unsatisfiable or several ranges are refused", arguments: [
        "bytes=99999999999-", "bytes=-0", "bytes=0-1,2-3", "bytes=" + Array(repeating: "0-0", count: 500).joined(separator: ","),
        "bytes=100-", "bytes=5-4", "bytes=abc", "bytes=", "bytes=-", "bytes=1-2-3", "bytes=999999999999999999999999-",
        "bytes=--1", "bytes=0x10-",
    ])
    func refused(_ header: String) {
        #expect(ByteRange.resolve(header, size: 100) == .unsatisfiable)
    }

    @Test func emptyFileHasNoRange() {
        #expect(ByteRange.resolve("bytes=0-", size: 0) == .unsatisfiable)
    }
}

@Suite("Live reload payloads")
struct LiveReloadTests {
    @Test func scriptGoesBeforeTheLastBodyTag() {
        let html = Array("<html><body><p>&lt;/body&gt;</p></BODY></html>".utf8)
        let out = String(decoding: LiveReload.inject(into: html, generation: 3), as: UTF8.self)
        #expect(out.contains("<script src=\"/__brief/live-reload.js\" data-generation=\"3\"></script>\n</BODY></html>"))
        let bare = String(decoding: LiveReload.inject(into: Array("<p>x".utf8), generation: 1), as: UTF8.self)
        #expect(bare.hasSuffix("</script>\n"))
    }

    @Test func problemsAreRelativeAndOneLine() {
        let location = BriefDiagnostics.SourceLocation(path: "/home/me/site/Content/briefs/x.md", line: 2, column: 8)
        var diagnostic = Diagnostic.error(
            at: location, "symlink resolves outside project root: /home/me/.ssh/id_rsa <script>")
        diagnostic.sourceLine = "title: \"</script><script>alert(1)</script>"
        let event = LiveReload.problemsEvent([diagnostic, .warning(at: location, "just a warning")], projectRoot: "/home/me/site")
        #expect(event.hasPrefix("event: problems\ndata: [\""))
        #expect(event.hasSuffix("\"]\n\n"))
        #expect(event.split(separator: "\n").count == 2)
        #expect(event.contains("Content/briefs/x.md:2:8: error: symlink resolves outside project root: …/id_rsa"))
        #expect(!event.contains("/home/me"))
        #expect(!event.contains("<"))
        #expect(!event.contains("just a warning"))
    }

    @Test func jsonStringEscapes() {
        #expect(LiveReload.jsonString("a\"b\\c\nd\u{1}<") == "\"a\\\"b\\\\c\\nd\\u0001\\u003c\"")
    }

    @Test func overlayUsesTextContentOnly() {
        #expect(LiveReload.script.contains("textContent"))
        #expect(!LiveReload.script.contains("innerHTML"))
        #expect(!LiveReload.script.contains("insertAdjacentHTML"))
    }
}
