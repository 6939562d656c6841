import ArgumentParser
import BriefSite
import Foundation

/// `brief diff --base <git ref | folder>`: builds the site with a change report against a base.
struct Diff: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Build the site with a change report comparing its content with a git ref or an earlier build.",
        discussion: """
            Builds the base content (from a temporary git worktree of the ref, or the manifest an \
            earlier brief build left in its output folder) and then the site, as brief build does, \
            with changes/index.html listing briefs added, removed and edited, each changed figure \
            as old → new with its sentence, each changed chart before and after, and datasets whose \
            rows changed. --format markdown also prints the report for $GITHUB_STEP_SUMMARY or a \
            pull-request comment.

            Examples:
              brief diff --base main                          # against the main branch
              brief diff --base origin/main --format markdown >> "$GITHUB_STEP_SUMMARY"
              brief diff --base ../site-main/Output           # against an earlier build
            """)

    enum Format: String, ExpressibleByArgument, CaseIterable {
        case text, markdown
    }

    @OptionGroup var site: SiteOptions

    @Option(help: ArgumentHelp("What to compare with: a git ref (main, origin/main, a commit) or an output folder an earlier brief build wrote.", valueName: "git ref | folder"))
    var base: String

    @Option(help: "The folder to write the site and its change report to; replaced whole on success.")
    var output = "Output"

    @Option(help: "Where to keep what the next build reuses (not published).")
    var cache: String?

    @Option(help: "text: the build summary only; markdown: the change report as Markdown on standard output too.")
    var format: Format = .text

    func run() throws {
        Terminal.summaryToStandardError = format == .markdown
        var notes: [String] = []
        let baseline: Baseline
        do {
            var isFolder: ObjCBool = false
            if FileManager.default.fileExists(atPath: base, isDirectory: &isFolder), isFolder.boolValue,
               FileManager.default.fileExists(atPath: base + "/" + SiteDiff.manifestPath) {
                baseline = try SiteDiff.baseline(folder: base)
            } else {
                baseline = try SiteDiff.baseline(gitRef: base, options: site.buildOptions, notes: &notes)
            }
        } catch {
            Terminal.error(error.description)
            throw ExitCode(1)
        }
        for note in notes { Terminal.note(note) }
        let builder = try Build.build(site: site, output: output, cache: cache, clean: false, prepare: { $0.baseline = baseline })
        if format == .markdown {
            print(builder?.reportMarkdown() ?? "", terminator: "")
        }
    }
}
