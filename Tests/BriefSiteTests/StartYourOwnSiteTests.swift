import Foundation
import Testing
#if canImport(Glibc)
import Glibc
#endif

/// README's "Start your own site", run as written (but for `make install`, which the debug
/// binary stands in for, and serve's port, which is any free one): the five commands must take an
/// empty folder to a served site.
@Suite struct StartYourOwnSiteTests {
    /// The commands of the first shell block under "## Start your own site", comments removed.
    static func readmeCommands() throws -> [String] {
        let readme = try String(contentsOfFile: packageRoot + "/README.md", encoding: .utf8)
        guard let section = readme.range(of: "\n## Start your own site\n"),
              let open = readme.range(of: "```sh\n", range: section.upperBound..<readme.endIndex),
              let close = readme.range(of: "\n```", range: open.upperBound..<readme.endIndex)
        else { throw CLIProblem("README has no \"Start your own site\" section with a sh block") }
        return readme[open.upperBound..<close.lowerBound].split(separator: "\n").map { line in
            let command = line.range(of: "#").map { line[..<$0.lowerBound] } ?? line[...]
            return command.trimmingCharacters(in: .whitespaces)
        }.filter { !$0.isEmpty }
    }

    struct CLIProblem: Error, CustomStringConvertible {
        var description: String
        init(_ description: String) { self.description = description }
    }

    @Test func theReadmeBlockIsFiveCommandsFromInstallToServe() throws {
        let commands = try Self.readmeCommands()
        #expect(commands.count == 5, "\(commands)")
        #expect(commands.first?.hasPrefix("make install PREFIX=") == true)
        #expect(commands.last?.hasPrefix("brief serve") == true)
    }

    @Test func theReadmeCommandsTakeAnEmptyFolderToAServedSite() throws {
        let commands = try Self.readmeCommands()
        let root = FileManager.default.temporaryDirectory.appendingPathComponent("brief-readme-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: root, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: root) }
        var folder = root
        for command in commands.dropFirst() {  // make install: the binary under test stands in for it
            let words = command.split(separator: " ").map(String.init)
            if words.first == "cd", words.count == 2 {
                folder += "/" + words[1]
                continue
            }
            #expect(words.first == "brief", "\(command)")
            if words.dropFirst().first == "serve" {
                try serveAndFetchHome(Array(words.dropFirst()), in: folder)
                continue
            }
            let run = try BriefCLI.run(Array(words.dropFirst()), in: folder)
            #expect(run.status == 0, "\(command): \(run.stdout)\(run.stderr)")
        }
    }

    /// Starts `brief serve` on a free port, fetches the home page, stops it with SIGTERM.
    func serveAndFetchHome(_ arguments: [String], in folder: String) throws {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: BriefCLI.binary)
        process.arguments = arguments + ["--port", "0"]
        process.currentDirectoryURL = URL(fileURLWithPath: folder)
        let out = Pipe()
        process.standardOutput = out
        process.standardError = FileHandle.nullDevice
        try process.run()
        // A guard, not an assertion: a server that never starts is stopped so the test ends.
        let pid = process.processIdentifier
        let guardTimer = DispatchWorkItem { if process.isRunning { kill(pid, SIGKILL) } }
        DispatchQueue.global().asyncAfter(deadline: .now() + 60, execute: guardTimer)
        defer {
            guardTimer.cancel()
            if process.isRunning { process.terminate() }
            process.waitUntilExit()
        }
        var seen = ""
        var port: Int?
        while port == nil {
            let chunk = out.fileHandleForReading.availableData
            if chunk.isEmpty { break }
            seen += String(decoding: chunk, as: UTF8.self)
            if let match = seen.firstMatch(of: /Serving at http:\/\/127\.0\.0\.1:(\d+)\//) { port = Int(match.1) }
        }
        let served = try #require(port, "serve printed no address: \(seen)")
        let (status, body) = try Self.get("/", port: served)
        #expect(status == 200)
        #expect(body.contains("<title>") && body.contains("My briefing"), "\(body.prefix(500))")
        let (briefStatus, brief) = try Self.get("/briefs/exports-to-the-us/", port: served)
        #expect(briefStatus == 200 && brief.contains("<svg"), "the example brief is served with its chart")
        process.terminate()
        process.waitUntilExit()
        #expect(process.terminationStatus == 0, "serve stops cleanly on SIGTERM")
    }

    /// A plain HTTP/1.1 GET over a loopback socket: status and body.
    static func get(_ path: String, port: Int) throws -> (Int, String) {
        let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        guard fd >= 0 else { throw CLIProblem("socket failed") }
        defer { close(fd) }
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = in_port_t(UInt16(port).bigEndian)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        let connected = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { connect(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) }
        }
        guard connected == 0 else { throw CLIProblem("connect to port \(port) failed") }
        let request = Array("GET \(path) HTTP/1.1\r\nHost: 127.0.0.1:\(port)\r\nConnection: close\r\n\r\n".utf8)
        guard request.withUnsafeBytes({ send(fd, $0.baseAddress, $0.count, 0) }) == request.count else {
            throw CLIProblem("send failed")
        }
        var response: [UInt8] = []
        var buffer = [UInt8](repeating: 0, count: 65536)
        while true {
            let n = buffer.withUnsafeMutableBytes { recv(fd, $0.baseAddress, $0.count, 0) }
            if n <= 0 { break }
            response += buffer[0..<n]
        }
        let text = String(decoding: response, as: UTF8.self)
        guard let statusLine = text.split(separator: "\r\n").first,
              let status = statusLine.split(separator: " ").dropFirst().first.flatMap({ Int($0) })
        else { throw CLIProblem("no HTTP status in \(text.prefix(200))") }
        let body = text.range(of: "\r\n\r\n").map { String(text[$0.upperBound...]) } ?? ""
        return (status, body)
    }
}
