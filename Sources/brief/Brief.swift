import ArgumentParser
import BriefDiagnostics
import BriefSite
import BriefTheme
import Foundation

@main
struct BriefCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "brief",
        abstract: "Build a static briefing site from Markdown, data and templates.",
        discussion: """
            Briefs are Markdown files in Content/briefs/, figures are CSV or JSON files in \
            Content/data/ with their sources beside them, and the site goes to Output/. Without a \
            Templates/ folder the built-in theme is used; a Templates/ folder overrides it file by file.

            Start a site and preview it:
              brief init my-site
              cd my-site
              brief serve                     # open http://127.0.0.1:8000/

            Add to it:
              brief new brief trade-deficit   # Content/briefs/trade-deficit.md
              brief new dataset ~/figures.csv # copies it to Content/data/ and writes its metadata

            Publish:
              brief check --strict            # what CI runs: exit 1 on any problem
              brief build                     # write the site to Output/

            With no command, brief runs build. `brief help <command>` shows each command's examples.
            """,
        version: BriefVersion.current,
        subcommands: [Build.self, Check.self, Diff.self, Serve.self, Init.self, New.self],
        defaultSubcommand: Build.self
    )

    /// Parses and runs, after catching a misspelt command: with `build` as the default
    /// subcommand, ArgumentParser would otherwise report `brief biuld` as an unexpected argument.
    static func main() {
        let arguments = Array(CommandLine.arguments.dropFirst())
        if let message = CommandNames.unknownCommandMessage(arguments, known: knownCommandNames) {
            FileHandle.standardError.write(Data(message.utf8))
            Foundation.exit(ExitCode.validationFailure.rawValue)
        }
        Self.main(nil)
    }

    static var knownCommandNames: [String] {
        configuration.subcommands.compactMap { $0.configuration.commandName ?? $0._commandName } + ["help"]
    }
}

/// Options shared by the commands that read a site.
struct SiteOptions: ParsableArguments {
    @Option(help: ArgumentHelp("The folder with site.yml, briefs/, pages/, data/ and assets/.", valueName: "folder"),
            completion: .directory)
    var content = "Content"

    @Option(name: .customLong("templates"),
            help: ArgumentHelp("The folder with your own Mustache templates and static/ files, overriding the built-in theme file by file. (default: Templates, if it exists)", valueName: "folder"),
            completion: .directory)
    var templatesOption: String?

    @Flag(help: "Also build briefs marked draft.")
    var drafts = false

    @Option(name: .customLong("base-url"),
            help: ArgumentHelp("The address the site is published at, replacing site.yml's base_url: feed.xml, sitemap.xml, canonical links and og:url are made absolute under it.", valueName: "URL"))
    var baseURL: String?

    func validate() throws {
        if let baseURL, let problem = BuildOptions.baseURLProblem(baseURL) { throw ValidationError("--base-url: \(problem)") }
    }

    var templates: String { templatesOption ?? "Templates" }

    var buildOptions: BuildOptions {
        BuildOptions(contentDir: content, templatesDir: templates, drafts: drafts,
                     builtinTemplates: BuiltinTheme.files, baseURL: baseURL)
    }

    /// Stops with an error that says what to run when the folders a build needs are missing.
    func requireSite() throws {
        if let problem = SiteLayout.problem(content: content, templates: templatesOption) {
            FileHandle.standardError.write(Data(problem.utf8))
            throw ExitCode(1)
        }
    }
}

struct Build: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Build the site into the output folder, re-rendering only what changed.",
        discussion: """
            On success prints one summary line; on failure prints every problem as \
            path:line:col: error: message, exits 1 and leaves the output folder as it was.

            Examples:
              brief build                                 # Content/ to Output/, reusing what did not change
              brief build --clean                         # render everything again
              brief build --drafts --output /tmp/preview  # include drafts, write elsewhere
              brief build --content site/Content --templates site/Templates
            """)

    @OptionGroup var site: SiteOptions

    @Option(help: "The folder to write the site to; replaced whole on success.")
    var output = "Output"

    @Option(help: "Where to keep what the next build reuses (not published). Default: .brief-cache/<output name> beside the output folder, so each output folder has its own.")
    var cache: String?

    @Flag(help: "Render everything, ignoring what earlier builds kept.")
    var clean = false

    @Flag(help: "Say what the earlier build was trusted for, and how many inputs were read to decide it.")
    var explain = false

    func run() throws {
        try Self.build(site: site, output: output, cache: cache, clean: clean, explain: explain, prepare: nil)
    }

    /// Builds `site` into `output` (what `brief build` does), letting `prepare` set up the
    /// builder first (`brief diff` gives it a baseline). Prints the summary line.
    @discardableResult
    static func build(site: SiteOptions, output: String, cache: String?, clean: Bool, explain: Bool = false,
                      prepare: ((IncrementalBuilder) throws -> Void)?) throws -> IncrementalBuilder? {
        try site.requireSite()
        let start = ContinuousClock.now
        let cache = cache ?? IncrementalBuilder.defaultCache(for: output)
        // One build per output folder at a time (an editor's save hook and a terminal): the
        // second waits. The lock lives until run() returns; the kernel drops it if we crash.
        let lock: OutputLock
        do {
            try OutputWriter.check(output: output, protecting: [site.content, site.templates, cache])
            lock = try OutputLock.acquire(output: output) {
                let folder = output.hasSuffix("/") ? output : output + "/"
                Terminal.note("waiting for another brief build of \(folder) to finish (\(OutputLock.fileName))")
            }
        } catch {
            Terminal.error(error.description)
            throw ExitCode(1)
        }
        defer { withExtendedLifetime(lock) {} }
        // What the earlier build of this output folder can be trusted for is decided in one place.
        let previous = PreviousBuild(output: output, cache: cache, options: site.buildOptions, clean: clean)
        if explain { Terminal.note(previous.explanation) }
        // brief diff (a `prepare`) always builds: its change report depends on the base, not only on the inputs.
        if prepare == nil, case .unchanged(let repeated) = previous.verdict {
            // No input changed: the output folder already holds this build.
            FileHandle.standardError.write(Data(repeated.warnings.utf8))
            previous.recordUnchanged()
            Terminal.summary(summary(output: output, pages: repeated.pageCount, charts: repeated.chartCount, since: start,
                                     rendered: 0, unchanged: repeated.outputCount, removed: 0, notes: repeated.notes))
            return nil
        }
        let builder = IncrementalBuilder(fs: .disk("."), options: site.buildOptions, keepOutputs: false)
        previous.restore(into: builder)
        // Pages go into a staging folder beside the output as they are made; it replaces the
        // output in one step only when the whole build succeeded.
        let staging: OutputStaging
        do {
            staging = try OutputStaging(output: output, protecting: [site.content, site.templates, cache])
        } catch {
            Terminal.error(error.description)
            throw ExitCode(1)
        }
        try prepare?(builder)
        let progress = Progress.start(builder.progress)
        let result = builder.build(clean: clean, staging: staging)
        progress.stop()
        Terminal.report(result.diagnostics)
        guard result.succeeded else {
            staging.abandon()
            Terminal.error("build failed: \(result.diagnostics.filter { $0.severity == .error }.count) error(s); \(output)/ was left as it was")
            throw ExitCode(1)
        }
        do {
            for file in result.outputs { staging.write(file.path, file.bytes) }
            staging.carryOver(result.unchanged)
            // The previous output is removed in the background while the cache is saved.
            try staging.commit(cleanupInBackground: true)
        } catch {
            Terminal.error(error.description)
            throw ExitCode(1)
        }
        do { try builder.save(to: cache, for: output) } catch {
            Terminal.warning("could not keep the build cache in \(cache)/: \(error.localizedDescription); the next build will render everything")
        }
        if prepare == nil { previous.record(result, warnings: result.diagnostics.map { $0.formatted() + "\n" }.joined()) }
        staging.finishCleanup()
        // On standard error when standard output carries a report (brief diff --format markdown).
        Terminal.summary(summary(output: output, pages: result.pageCount, charts: result.chartCount, since: start, rendered: result.renderedCount,
                                 unchanged: result.unchanged.count, removed: result.removed.count, notes: result.notes))
        return builder
    }

    static func summary(output: String, pages: Int, charts: Int, since start: ContinuousClock.Instant, rendered: Int, unchanged: Int, removed: Int,
                 notes: [String]) -> String {
        let elapsed = start.duration(to: .now)
        let ms = elapsed.components.seconds * 1000 + elapsed.components.attoseconds / 1_000_000_000_000_000
        var summary = "built \(pages) pages (\(charts) charts) into \(output)/ in \(ms) ms"
        summary += ": \(rendered) rendered, \(unchanged) unchanged, \(removed) removed"
        for note in notes { summary += "\nnote: \(note)" }
        return summary
    }
}

/// Printing for people: diagnostics to standard error, like a compiler.
enum Terminal {
    static func report(_ diagnostics: [Diagnostic]) {
        for diagnostic in diagnostics {
            FileHandle.standardError.write(Data((diagnostic.formatted() + "\n").utf8))
        }
    }

    /// The one-line build summary: standard output, unless a report goes there.
    nonisolated(unsafe) static var summaryToStandardError = false
    static func summary(_ text: String) {
        if summaryToStandardError { FileHandle.standardError.write(Data((text + "\n").utf8)) } else { print(text) }
    }

    static func error(_ message: String) {
        FileHandle.standardError.write(Data("error: \(message)\n".utf8))
    }

    static func note(_ message: String) {
        FileHandle.standardError.write(Data("note: \(message)\n".utf8))
    }

    static func warning(_ message: String) {
        FileHandle.standardError.write(Data("warning: \(message)\n".utf8))
    }
}

/// A one-line progress display on a terminal for builds that take more than a second.
final class Progress: @unchecked Sendable {
    private var timer: DispatchSourceTimer?
    private var shown = false

    /// Shows `counts` on standard error every quarter second once the build has run for a second,
    /// and only on a terminal (CI logs get just the summary line).
    static func start(_ counts: BuildProgress) -> Progress {
        let progress = Progress()
        guard isatty(STDERR_FILENO) != 0 else { return progress }
        let timer = DispatchSource.makeTimerSource(queue: .global())
        timer.schedule(deadline: .now() + 1, repeating: 0.25)
        timer.setEventHandler { [weak progress] in
            guard let progress else { return }
            let c = counts.snapshot
            progress.shown = true
            let line = c.outputsTotal > 0
                ? "pages \(c.outputs)/\(c.outputsTotal), \(c.charts) charts"
                : "briefs \(c.bodies)/\(c.bodiesTotal), \(c.charts) charts"
            FileHandle.standardError.write(Data("\r\u{1B}[Kbuilding: \(line)".utf8))
        }
        timer.resume()
        progress.timer = timer
        return progress
    }

    func stop() {
        timer?.cancel()
        if shown { FileHandle.standardError.write(Data("\r\u{1B}[K".utf8)) }
    }
}
