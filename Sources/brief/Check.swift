import ArgumentParser
import BriefData
import BriefDiagnostics
import BriefSite
import Foundation

/// `brief check`: the CI gate. Builds in memory, writes nothing, exits 1 on any error (and on
/// warnings with --strict).
struct Check: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Check the site without writing anything; exit 1 on problems.",
        discussion: """
            Errors: broken links and anchors, unknown datasets or columns, datasets without a \
            source, charts without a title, images without alt text. Warnings (a brief without a \
            summary) fail only with --strict.

            Examples:
              brief check                         # before you commit
              brief check --strict --format github  # in CI: annotations on the pull request
              brief check --format json > problems.json
              brief check --reproducible          # build twice under other TZ and LANG, compare bytes
            """)

    enum Format: String, ExpressibleByArgument, CaseIterable {
        case text, github, json
    }

    @OptionGroup var site: SiteOptions

    @Option(help: "How to print problems: text (path:line:col), github (workflow annotations) or json.")
    var format: Format = .text

    @Flag(help: "Fail on warnings too.")
    var strict = false

    @Flag(help: "Also build twice in separate processes with different TZ and LANG and compare every byte.")
    var reproducible = false

    @Flag(help: "Also list datasets likely out of date (from retrieved: and release: in their metadata) and the briefs using them, as warnings.")
    var stale = false

    @Option(help: ArgumentHelp("The date --stale counts from (default: today, UTC; or the BRIEF_TODAY environment variable).", valueName: "YYYY-MM-DD"))
    var today: String?

    @Flag(help: "Also check every outside link over the network (opt-in; never part of the default check).")
    var external = false

    @OptionGroup var externalOptions: ExternalLinkOptions

    func validate() throws {
        if let today, CalendarDate(parsing: today)?.day == nil { throw ValidationError("--today must be a date like 2026-12-01, not '\(today)'") }
    }

    func run() throws {
        try site.requireSite()
        var extra: [String: Any] = [:]
        var diagnostics: [Diagnostic]
        if stale {
            let day = try Self.today(today)
            let check = StaleCheck.run(.disk("."), options: site.buildOptions, today: day)
            diagnostics = check.diagnostics + check.stale.map { .warning(at: $0.location, $0.message) }
            extra["stale"] = check.stale.map { s -> [String: Any] in
                ["name": s.name, "title": s.title, "path": s.location.path, "line": s.location.line, "retrieved": s.retrieved,
                 "release": s.release, "age_days": s.age, "limit_days": s.limit, "briefs": s.briefs]
            }
            extra["today"] = day.description
        } else {
            diagnostics = Site.build(.disk("."), options: site.buildOptions).diagnostics
        }
        let succeeded = !diagnostics.contains { $0.severity == .error }
        if external && succeeded {
            let report = try ExternalLinks.check(site: site, options: externalOptions)
            diagnostics += report.diagnostics
            extra["external"] = report.json
        }
        print(Self.render(diagnostics, format: format, extra: extra), terminator: "")
        var failed = diagnostics.contains { $0.severity == .error || (strict && $0.severity == .warning) }
        if reproducible && succeeded {
            if let difference = try compareSeparateBuilds() {
                print(Self.render([difference], format: format), terminator: "")
                failed = true
            } else if format == .text {
                print("reproducible: two builds with different TZ and LANG are byte-identical")
            }
        }
        if format == .text {
            let errors = diagnostics.filter { $0.severity == .error }.count
            let warnings = diagnostics.filter { $0.severity == .warning }.count
            FileHandle.standardError.write(Data("check: \(errors) error(s), \(warnings) warning(s)\(failed ? "" : "; OK")\n".utf8))
        }
        if failed { throw ExitCode(1) }
    }

    /// `--today`, else `BRIEF_TODAY`, else the UTC date now: injectable, so output is deterministic in tests.
    static func today(_ option: String?) throws -> CalendarDate {
        if let text = option ?? ProcessInfo.processInfo.environment["BRIEF_TODAY"] {
            guard let day = CalendarDate(parsing: text), day.day != nil else {
                throw ValidationError("BRIEF_TODAY must be a date like 2026-12-01, not '\(text)'")
            }
            return day
        }
        var now = time(nil)
        var parts = tm()
        gmtime_r(&now, &parts)
        return CalendarDate(year: Int(parts.tm_year) + 1900, month: Int(parts.tm_mon) + 1, day: Int(parts.tm_mday))
            ?? CalendarDate(year: 2000, month: 1, day: 1)!
    }

    static func render(_ diagnostics: [Diagnostic], format: Format, extra: [String: Any] = [:]) -> String {
        switch format {
        case .text:
            return diagnostics.map { $0.formatted() + "\n" }.joined()
        case .github:
            // https://docs.github.com/actions/reference/workflow-commands-for-github-actions
            return diagnostics.map { d in
                let level = d.severity == .error ? "error" : (d.severity == .warning ? "warning" : "notice")
                let message = d.message + (d.hint.map { " (\($0))" } ?? "")
                return "::\(level) file=\(escapeProperty(d.location.path)),line=\(d.location.line),col=\(d.location.column)::\(escapeData(message))\n"
            }.joined()
        case .json:
            let items = diagnostics.map { d -> [String: Any] in
                var item: [String: Any] = ["severity": d.severity.rawValue, "path": d.location.path,
                                           "line": d.location.line, "column": d.location.column, "message": d.message]
                if let hint = d.hint { item["hint"] = hint }
                if let line = d.sourceLine { item["source"] = line }
                return item
            }
            let data = (try? JSONSerialization.data(withJSONObject: extra.merging(["diagnostics": items]) { _, new in new },
                                                    options: [.sortedKeys, .prettyPrinted])) ?? Data()
            return String(decoding: data, as: UTF8.self) + "\n"
        }
    }

    static func escapeData(_ s: String) -> String {
        s.replacingOccurrences(of: "%", with: "%25").replacingOccurrences(of: "\r", with: "%0D")
            .replacingOccurrences(of: "\n", with: "%0A")
    }

    static func escapeProperty(_ s: String) -> String {
        escapeData(s).replacingOccurrences(of: ":", with: "%3A").replacingOccurrences(of: ",", with: "%2C")
    }

    /// Runs `brief build --clean` twice in child processes with different TZ/LANG into temporary
    /// folders and returns a diagnostic naming the first differing file and byte, or nil.
    func compareSeparateBuilds() throws -> Diagnostic? {
        let fm = FileManager.default
        let scratch = fm.temporaryDirectory.appendingPathComponent("brief-reproducible-\(getpid())").path
        try? fm.removeItem(atPath: scratch)
        try fm.createDirectory(atPath: scratch, withIntermediateDirectories: true)
        defer { try? fm.removeItem(atPath: scratch) }
        let environments = [
            ["TZ": "UTC", "LANG": "C", "LC_ALL": "C"],
            ["TZ": "Pacific/Kiritimati", "LANG": "de_DE.UTF-8", "LC_ALL": "de_DE.UTF-8"],
        ]
        for (n, overrides) in environments.enumerated() {
            let process = Process()
            process.executableURL = URL(fileURLWithPath: "/proc/self/exe").resolvingSymlinksInPath()
            var args = ["build", "--clean", "--content", site.content,
                        "--output", "\(scratch)/out\(n)", "--cache", "\(scratch)/cache\(n)"]
            if let templates = site.templatesOption { args += ["--templates", templates] }
            if site.drafts { args.append("--drafts") }
            if let base = site.baseURL { args += ["--base-url", base] }
            process.arguments = args
            process.environment = ProcessInfo.processInfo.environment.merging(overrides) { _, new in new }
            process.standardOutput = FileHandle.nullDevice
            try process.run()
            process.waitUntilExit()
            guard process.terminationStatus == 0 else {
                return .error(at: SourceLocation(path: site.content, line: 1, column: 1),
                              "reproducibility build \(n + 1) failed (exit \(process.terminationStatus))")
            }
        }
        let a = try tree("\(scratch)/out0"), b = try tree("\(scratch)/out1")
        for path in Set(a.keys).union(b.keys).sorted() {
            guard let x = a[path], let y = b[path] else {
                return .error(at: SourceLocation(path: path, line: 1, column: 1), "file made by only one of two builds")
            }
            if x != y {
                let offset = zip(x, y).enumerated().first { $0.element.0 != $0.element.1 }?.offset ?? min(x.count, y.count)
                let line = x.prefix(offset).filter { $0 == 0x0A }.count + 1
                return .error(at: SourceLocation(path: path, line: line, column: 1),
                              "two builds differ at byte \(offset) (TZ and LANG changed between them)")
            }
        }
        return nil
    }

    private func tree(_ root: String) throws -> [String: [UInt8]] {
        var files: [String: [UInt8]] = [:]
        let fm = FileManager.default
        guard let walker = fm.enumerator(atPath: root) else { return files }
        while let relative = walker.nextObject() as? String {
            var isDirectory: ObjCBool = false
            if fm.fileExists(atPath: root + "/" + relative, isDirectory: &isDirectory), !isDirectory.boolValue {
                files[relative] = Array(fm.contents(atPath: root + "/" + relative) ?? Data())
            }
        }
        return files
    }
}
