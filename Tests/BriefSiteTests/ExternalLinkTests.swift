import Foundation
import Testing

/// `brief check --external`, only against a real server on 127.0.0.1 (Tests/Fixtures/link-server.py).
@Suite(.serialized) struct ExternalLinkTests {
    final class LinkServer {
        let process = Process()
        var port = 0, silent = 0, refused = 0

        let portsFile = FileManager.default.temporaryDirectory.appendingPathComponent("brief-link-server-\(UUID().uuidString)").path

        init() throws {
            process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
            process.arguments = ["python3", packageRoot + "/Tests/Fixtures/link-server.py", portsFile]
            process.standardOutput = FileHandle.nullDevice
            try process.run()
            // The server writes its ports once it listens; wait for the file (or the server's end).
            var text = ""
            while process.isRunning {
                if let data = FileManager.default.contents(atPath: portsFile) { text = String(decoding: data, as: UTF8.self); break }
                usleep(20_000)
            }
            let ports = text.split(whereSeparator: { $0 == " " || $0 == "\n" }).compactMap { Int($0) }
            guard ports.count == 3 else { throw CocoaError(.fileReadCorruptFile) }
            (port, silent, refused) = (ports[0], ports[1], ports[2])
        }

        deinit {
            // SIGKILL: the test runner's children inherit a blocked SIGTERM, so terminate() would not end it.
            kill(process.processIdentifier, SIGKILL)
            process.waitUntilExit()
            try? FileManager.default.removeItem(atPath: portsFile)
        }
    }

    /// A one-brief site whose only outside links go to the test server.
    static func project(_ server: LinkServer) throws -> ScratchProject {
        let project = try ScratchProject()
        for name in ["briefs/exports-rise.md", "briefs/balance.md", "briefs/draft-note.md", "pages/about.md"] {
            try? FileManager.default.removeItem(atPath: project.root + "/Content/" + name)
        }
        try project.write("Content/data/exports.yml", "title: Exports\nsource: A test\n")
        try project.write("Content/site.yml", "title: Links\nkey_figures: []\n")
        let p = server.port
        try project.write("Content/briefs/links.md", """
            ---
            title: Links
            date: 2022-01-01
            summary: Links to the test server.
            ---
            [ok](http://127.0.0.1:\(p)/ok) [moved](http://127.0.0.1:\(p)/moved)
            [missing](http://127.0.0.1:\(p)/missing) [broken](http://127.0.0.1:\(p)/broken)
            [no HEAD](http://127.0.0.1:\(p)/no-head) [slow](http://127.0.0.1:\(p)/slow)
            [silent](http://127.0.0.1:\(server.silent)/x) [refused](http://127.0.0.1:\(server.refused)/x)

            """)
        return project
    }

    @Test func eachKindOfAnswerIsReportedWhereTheLinkIsWritten() throws {
        let server = try LinkServer()
        let project = try Self.project(server)
        // The default check never goes to the network.
        let plain = try BriefCLI.run(["check", "--strict"], in: project.root)
        #expect(plain.status == 0, "\(plain.stdout)\(plain.stderr)")

        let p = server.port
        let run = try BriefCLI.run(["check", "--external", "--external-timeout", "1", "--external-per-host", "2"], in: project.root)
        #expect(run.status == 1)
        // Columns depend on how many digits the ports have; each link's column is checked below.
        let lines = Set(run.stdout.split(separator: "\n").map(String.init).filter { $0.hasPrefix("Content/") }
            .map { $0.replacingOccurrences(of: #"^(Content/briefs/links\.md:\d+):\d+:"#, with: "$1:", options: .regularExpression) })
        #expect(lines == [
            "Content/briefs/links.md:6: warning: outside link http://127.0.0.1:\(p)/moved redirects: 301 → http://127.0.0.1:\(p)/ok",
            "Content/briefs/links.md:7: error: outside link http://127.0.0.1:\(p)/missing answers 404",
            "Content/briefs/links.md:7: error: outside link http://127.0.0.1:\(p)/broken answers 500",
            "Content/briefs/links.md:8: error: outside link http://127.0.0.1:\(p)/slow did not answer: no answer within 1 s",
            "Content/briefs/links.md:9: error: outside link http://127.0.0.1:\(server.silent)/x did not answer: no answer within 1 s",
            "Content/briefs/links.md:9: error: outside link http://127.0.0.1:\(server.refused)/x did not answer: connection refused",
        ], "\(run.stdout)")
        let source = try project.read("Content/briefs/links.md").split(separator: "\n", omittingEmptySubsequences: false)
        let missing = try #require(source[6].range(of: "http://127.0.0.1:\(p)/missing"))
        #expect(run.stdout.contains("Content/briefs/links.md:7:\(source[6].distance(from: source[6].startIndex, to: missing.lowerBound) + 1): error: outside link http://127.0.0.1:\(p)/missing answers 404"))
        // /ok and /no-head (405 to HEAD, 200 to GET) work, so they are not reported.
        #expect(!run.stdout.contains("/ok answers") && !run.stdout.contains("no-head"))

        // The cache keeps working links: the next run asks the server only about the others.
        let cache = try project.read(".brief-cache/external-links.json")
        #expect(cache.contains("/no-head"))
        let json = try BriefCLI.run(["check", "--external", "--external-timeout", "1", "--format", "json"], in: project.root)
        let object = try JSONSerialization.jsonObject(with: Data(json.stdout.utf8)) as? [String: Any]
        let entries = object?["external"] as? [[String: Any]] ?? []
        let cached = Set(entries.filter { $0["cached"] as? Bool == true }.compactMap { $0["url"] as? String })
        // Links that end in a 2xx (also after a redirect) are reused; the others are asked again.
        #expect(cached == ["http://127.0.0.1:\(p)/ok", "http://127.0.0.1:\(p)/no-head", "http://127.0.0.1:\(p)/moved"], "\(entries)")
        let moved = entries.first { $0["url"] as? String == "http://127.0.0.1:\(p)/moved" }
        #expect(moved?["status"] as? Int == 200)
        #expect(moved?["redirects"] as? [String] == ["301 → http://127.0.0.1:\(p)/ok"])
    }
}
