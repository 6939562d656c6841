import ArgumentParser
import BriefData
import BriefDiagnostics
import Foundation

/// `brief new brief|page|dataset|templates`: new files from templates, never over an old one.
struct New: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Start a new brief, page or dataset, or copy the theme out to edit.",
        discussion: """
            Examples:
              brief new brief trade-deficit                  # Content/briefs/trade-deficit.md, dated today
              brief new brief trade-deficit --date 2026-03-01
              brief new page methodology                     # Content/pages/methodology.md
              brief new dataset ~/Downloads/exports.csv      # Content/data/exports.csv and exports.yml
              brief new templates                            # the built-in theme, copied to Templates/
            """,
        subcommands: [NewBrief.self, NewPage.self, NewDataset.self, NewTemplates.self])
}

/// Where `brief new` writes: the content folder of an existing site.
struct ContentOption: ParsableArguments {
    @Option(help: ArgumentHelp("The site's content folder.", valueName: "folder"), completion: .directory)
    var content = "Content"

    var folder: String { content.hasSuffix("/") ? String(content.dropLast()) : content }

    func requireSite() throws {
        if let problem = SiteLayout.problem(content: folder, templates: nil) {
            FileHandle.standardError.write(Data(problem.utf8))
            throw ExitCode(1)
        }
    }
}

/// Checks a slug given on the command line and suggests one when it is not valid.
func validateSlug(_ slug: String, what: String) throws {
    let valid = !slug.isEmpty && slug.first != "-"
        && slug.unicodeScalars.allSatisfy { ($0 >= "a" && $0 <= "z") || ($0 >= "0" && $0 <= "9") || $0 == "-" }
    guard !valid else { return }
    let suggestion = Scaffold.slug(slug)
    throw ValidationError("'\(slug)' is not a valid \(what) slug: use only a-z, 0-9 and '-' (the slug becomes the page's URL)"
        + (suggestion.isEmpty ? "" : "; try '\(suggestion)'"))
}

func writeOrFail(_ path: String, _ text: String) throws {
    do { try Scaffold.create(path, text) } catch {
        Terminal.error(String(describing: error))
        throw ExitCode(1)
    }
}

struct NewBrief: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "brief",
        abstract: "Start a brief: Content/briefs/<slug>.md, a draft dated today.",
        discussion: """
            The brief starts as a draft: `brief serve --drafts` shows it, and deleting its \\
            `draft: true` line publishes it.

            Examples:
              brief new brief trade-deficit
              brief new brief trade-deficit --date 2026-03-01 --title "The trade deficit, explained"
            """)

    @Argument(help: ArgumentHelp("The brief's file name and URL: a-z, 0-9 and '-'.", valueName: "slug"))
    var slug: String

    @Option(help: ArgumentHelp("The brief's date, YYYY-MM-DD. (default: today)", valueName: "date"))
    var date: String?

    @Option(help: ArgumentHelp("The brief's title. (default: from the slug)", valueName: "title"))
    var title: String?

    @OptionGroup var content: ContentOption

    func validate() throws {
        try validateSlug(slug, what: "brief")
        if let date, !Scaffold.isDate(date) {
            throw ValidationError("--date must be a date written YYYY-MM-DD, like 2026-03-01")
        }
    }

    func run() throws {
        try content.requireSite()
        let path = "\(content.folder)/briefs/\(slug).md"
        try writeOrFail(path, """
            ---
            title: \(YAMLText.scalar(title ?? Scaffold.title(fromSlug: slug)))
            date: \(date ?? Scaffold.today())
            summary:
            tags: []
            draft: true
            ---

            Start with the finding, in a sentence or two. Quote a figure from a dataset in \
            `\(content.folder)/data/` with a code span like `` `@dataset.column[row]` ``, and draw a chart \
            with a fenced `chart` block (see an example brief from `brief init`).

            """)
        print("""
            wrote \(Scaffold.shown(path)), a draft: `brief serve --drafts` shows it; \
            delete its `draft: true` line to publish it
            """)
    }
}

struct NewPage: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "page",
        abstract: "Start a page outside the briefs: Content/pages/<slug>.md.",
        discussion: """
            Examples:
              brief new page methodology
              brief new page contact --title "Contact us"
            """)

    @Argument(help: ArgumentHelp("The page's file name and URL: a-z, 0-9 and '-'.", valueName: "slug"))
    var slug: String

    @Option(help: ArgumentHelp("The page's title. (default: from the slug)", valueName: "title"))
    var title: String?

    @OptionGroup var content: ContentOption

    func validate() throws { try validateSlug(slug, what: "page") }

    func run() throws {
        try content.requireSite()
        let path = "\(content.folder)/pages/\(slug).md"
        let pageTitle = title ?? Scaffold.title(fromSlug: slug)
        try writeOrFail(path, """
            ---
            title: \(YAMLText.scalar(pageTitle))
            summary:
            ---

            Write the page here, in Markdown.

            """)
        print("""
            wrote \(Scaffold.shown(path)); to list it in the menu, add to nav in \(content.folder)/site.yml:
              - {title: \(YAMLText.scalar(pageTitle)), path: pages/\(slug)/}
            """)
    }
}

struct NewDataset: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "dataset",
        abstract: "Add a data file to Content/data/ with a metadata file to fill in.",
        discussion: """
            Reads the file, infers each column's type (number, year, date or text) and writes \\
            <name>.yml beside the data with the columns and the provenance fields. title and \\
            source are left empty on purpose: `brief check` reports them until you fill them in. \\
            A file outside the content folder is copied into it; nothing is ever overwritten.

            Examples:
              brief new dataset ~/Downloads/exports.csv          # Content/data/exports.csv + exports.yml
              brief new dataset Content/data/exports.csv         # already in place: writes exports.yml
              brief new dataset figures.json --name trade_with_us
            """)

    @Argument(help: ArgumentHelp("The data file: .csv (RFC 4180, UTF-8) or .json (an array of flat objects).", valueName: "file"),
              completion: .file(extensions: DatasetFile.extensions))
    var file: String

    @Option(help: ArgumentHelp("The dataset's name in charts and prose: a-z, 0-9, '-' and '_'. (default: from the file name)", valueName: "name"))
    var name: String?

    @OptionGroup var content: ContentOption

    func validate() throws {
        if let name, !DatasetNames.isValid(name) {
            throw ValidationError("--name '\(name)' may use only a-z, 0-9, '-' and '_'")
        }
    }

    func run() throws {
        try content.requireSite()
        let fm = FileManager.default
        guard fm.fileExists(atPath: file) else {
            Terminal.error("\(file): no such file")
            throw ExitCode(1)
        }
        let stem = ((file as NSString).lastPathComponent as NSString).deletingPathExtension
        let datasetName = name ?? Scaffold.slug(stem, separator: "_")
        guard DatasetNames.isValid(datasetName) else {
            Terminal.error("cannot make a dataset name from '\(stem)': pass one with --name")
            throw ExitCode(1)
        }
        let dataset: Dataset
        do {
            dataset = try DatasetFile.read(file, name: datasetName)
        } catch {
            Terminal.report(error.diagnostics)
            Terminal.error("\(file) was not added; fix it and run this again")
            throw ExitCode(1)
        }
        let ext = (file as NSString).pathExtension.lowercased()
        let dataPath = "\(content.folder)/data/\(datasetName).\(ext)"
        let metaPath = "\(content.folder)/data/\(datasetName).yml"
        let inPlace = realPath(file) != nil && realPath(file) == realPath(dataPath)
        if fm.fileExists(atPath: metaPath) {
            Terminal.error("\(metaPath) already exists; brief never overwrites a file")
            throw ExitCode(1)
        }
        for other in DatasetFile.extensions where other != ext && fm.fileExists(atPath: "\(content.folder)/data/\(datasetName).\(other)") {
            Terminal.error("\(content.folder)/data/\(datasetName).\(other) already exists; pick another name with --name")
            throw ExitCode(1)
        }
        do {
            if !inPlace {
                guard let bytes = fm.contents(atPath: file) else {
                    Terminal.error("cannot read \(file)")
                    throw ExitCode(1)
                }
                try Scaffold.create(dataPath, [UInt8](bytes))
            }
            try Scaffold.create(metaPath, DatasetMetadataTemplate.text(for: dataset, fileName: "\(datasetName).\(ext)"))
        } catch let exit as ExitCode {
            throw exit
        } catch {
            Terminal.error(String(describing: error))
            throw ExitCode(1)
        }
        let summary = dataset.columns.map { "\($0.name) (\($0.type.rawValue))" }.joined(separator: ", ")
        print("""
            \(inPlace ? "" : "copied \(file) to \(Scaffold.shown(dataPath))\n")\
            wrote \(Scaffold.shown(metaPath)): \(dataset.rowCount) row\(dataset.rowCount == 1 ? "" : "s"); columns \(summary)
            next: fill in its title and source (brief check reports them until you do), then chart it:
              ```chart
              type: line
              data: \(datasetName)
              x: \(dataset.columns.first?.name ?? "x")
              y: \(dataset.columns.dropFirst().first { $0.type == .number }?.name ?? "y")
              title: What the chart shows
              ```
            """)
    }

    private func realPath(_ path: String) -> String? {
        guard let resolved = realpath(path, nil) else { return nil }
        defer { free(resolved) }
        return String(cString: resolved)
    }
}

struct NewTemplates: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "templates",
        abstract: "Copy the built-in theme into Templates/ to customise it.",
        discussion: """
            Files already in the folder are kept, so this also restores a template you deleted. \\
            You may then delete every file you do not change: the built-in theme fills the gaps, \\
            and keeping only your changes makes brief's future theme updates reach your site.

            Examples:
              brief new templates
              brief new templates --to theme && brief build --templates theme
            """)

    @Option(help: ArgumentHelp("The folder to copy the theme into.", valueName: "folder"), completion: .directory)
    var to = "Templates"

    func run() throws {
        let result: (written: [String], kept: [String])
        do { result = try Scaffold.copyTheme(to: to.hasSuffix("/") ? String(to.dropLast()) : to) } catch {
            Terminal.error(String(describing: error))
            throw ExitCode(1)
        }
        var line = "wrote \(result.written.count) files to \(to)/"
        if !result.kept.isEmpty { line += "; kept \(result.kept.count) already there" }
        print(line)
    }
}

/// Dataset names as BriefSite accepts them.
enum DatasetNames {
    static func isValid(_ name: String) -> Bool {
        !name.isEmpty && name.unicodeScalars.allSatisfy {
            ($0 >= "a" && $0 <= "z") || ($0 >= "0" && $0 <= "9") || $0 == "-" || $0 == "_"
        }
    }
}

/// Writing values into YAML that Brief reads back as the same text.
enum YAMLText {
    /// `text` as a YAML scalar: plain when that reads back unchanged, else double-quoted.
    static func scalar(_ text: String) -> String {
        let reserved: Set<String> = ["true", "false", "yes", "no", "on", "off", "null", "~", "y", "n"]
        let plainSafe = !text.isEmpty && text.first.map { !" -?:,[]{}#&*!|>'\"%@`".contains($0) } == true
            && !text.contains(": ") && !text.contains(" #") && text.last != " " && text.last != ":"
            && !reserved.contains(text.lowercased()) && Double(text) == nil
            && text.unicodeScalars.allSatisfy { $0.value >= 0x20 && $0 != "\u{7F}" }
        if plainSafe { return text }
        var out = "\""
        for c in text.unicodeScalars {
            switch c {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\t": out += "\\t"
            default:
                if c.value < 0x20 || c.value == 0x7F { out += String(format: "\\x%02X", c.value) } else { out.unicodeScalars.append(c) }
            }
        }
        return out + "\""
    }
}

/// The metadata file `brief new dataset` writes.
enum DatasetMetadataTemplate {
    static func text(for dataset: Dataset, fileName: String) -> String {
        var text = """
            # Where the figures in \(fileName) come from, written by `brief new dataset`.
            # title and source are required: `brief check` reports them until you fill them in.
            # The other fields are optional and shown to readers on the dataset's page.
            title:        # required: what the figures are, e.g. Pakistan's exports to the US by fiscal year
            source:       # required: who published them, e.g. State Bank of Pakistan
            source_url:   # the page you took them from
            publisher:    # who put them out, if not the source itself
            retrieved:    # when you took them, YYYY-MM-DD
            units:        # e.g. USD millions
            period:       # e.g. Pakistan fiscal year (July–June)
            confidence:   # high, medium or low, and why
            caveats:      # revisions, differing bases, gaps
            license:
            notes:
            # Column types as read from the data (number, year, date or text). Add what readers
            # should see, e.g. {type: number, unit: USD millions, label: Exports to the US}.
            columns:

            """
        for column in dataset.columns {
            text += "  \(YAMLText.scalar(column.name)): {type: \(column.type.rawValue)}\n"
        }
        return text
    }
}
