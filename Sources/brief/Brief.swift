import ArgumentParser
import BriefDiagnostics
import BriefSite
import Foundation

@main
struct BriefCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "brief",
        abstract: "Build a static briefing site from Markdown, data and templates.",
        subcommands: [Build.self],
        defaultSubcommand: Build.self
    )
}

/// Options shared by the commands that read a site.
struct SiteOptions: ParsableArguments {
    @Option(help: "The folder with site.yml, briefs/, pages/, data/ and assets/.")
    var content = "Content"

    @Option(help: "The folder with the Mustache templates and static/.")
    var templates = "Templates"

    @Flag(help: "Also build briefs marked draft.")
    var drafts = false

    var buildOptions: BuildOptions {
        BuildOptions(contentDir: content, templatesDir: templates, drafts: drafts)
    }
}

struct Build: ParsableCommand {
    static let configuration = CommandConfiguration(abstract: "Build the site into the output folder.")

    @OptionGroup var site: SiteOptions

    @Option(help: "The folder to write the site to; replaced whole on success.")
    var output = "Output"

    func run() throws {
        let start = ContinuousClock.now
        let result = Site.build(.disk("."), options: site.buildOptions)
        Terminal.report(result.diagnostics)
        guard result.succeeded else {
            Terminal.error("build failed: \(result.diagnostics.filter { $0.severity == .error }.count) error(s); \(output)/ was left as it was")
            throw ExitCode(1)
        }
        do {
            try OutputWriter.write(result.outputs, to: output, protecting: [site.content, site.templates])
        } catch {
            Terminal.error(error.description)
            throw ExitCode(1)
        }
        let elapsed = start.duration(to: .now)
        let ms = elapsed.components.seconds * 1000 + elapsed.components.attoseconds / 1_000_000_000_000_000
        var summary = "built \(result.pageCount) pages (\(result.chartCount) charts) into \(output)/ in \(ms) ms"
        for note in result.notes { summary += "\nnote: \(note)" }
        print(summary)
    }
}

/// Printing for people: diagnostics to standard error, like a compiler.
enum Terminal {
    static func report(_ diagnostics: [Diagnostic]) {
        for diagnostic in diagnostics {
            FileHandle.standardError.write(Data((diagnostic.formatted() + "\n").utf8))
        }
    }

    static func error(_ message: String) {
        FileHandle.standardError.write(Data("error: \(message)\n".utf8))
    }
}
