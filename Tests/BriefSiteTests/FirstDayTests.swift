import BriefTheme
import Foundation
import Testing
#if canImport(Glibc)
import Glibc
#endif

/// A new user's first day, through the real binary in empty temporary folders: `brief init`,
/// `brief new`, the errors that say what to run, `--version`, completions and help.
@Suite struct FirstDayTests {
    /// A fresh empty folder, removed when the value goes away.
    final class EmptyFolder: @unchecked Sendable {
        let path: String
        init() throws {
            path = FileManager.default.temporaryDirectory.appendingPathComponent("brief-firstday-\(UUID().uuidString)").path
            try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
        }
        deinit { try? FileManager.default.removeItem(atPath: path) }

        func write(_ relative: String, _ text: String) throws {
            let full = path + "/" + relative
            try FileManager.default.createDirectory(atPath: (full as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
            try Data(text.utf8).write(to: URL(fileURLWithPath: full))
        }

        func read(_ relative: String) -> String? {
            try? String(contentsOfFile: path + "/" + relative, encoding: .utf8)
        }

        func exists(_ relative: String) -> Bool { FileManager.default.fileExists(atPath: path + "/" + relative) }
    }

    /// `brief init site` in `folder`, checked to have worked.
    static func initSite(in folder: EmptyFolder, _ extra: [String] = []) throws -> String {
        let run = try BriefCLI.run(["init", "site", "--date", "2026-01-15"] + extra, in: folder.path)
        #expect(run.status == 0, "\(run.stdout)\(run.stderr)")
        return folder.path + "/site"
    }

    // MARK: brief init

    @Test func initMakesASiteThatBuildsAndPassesStrictCheck() throws {
        let folder = try EmptyFolder()
        let run = try BriefCLI.run(["init", "site", "--date", "2026-01-15"], in: folder.path)
        #expect(run.status == 0, "\(run.stdout)\(run.stderr)")
        #expect(run.stdout.contains("cd site") && run.stdout.contains("brief serve"))
        for path in ["site/Content/site.yml", "site/Content/briefs/exports-to-the-us.md", "site/Content/pages/about.md",
                     "site/Content/data/sbp_trade_with_us.csv", "site/Content/data/sbp_trade_with_us.yml", "site/.gitignore"] {
            #expect(folder.exists(path), "\(path) missing")
        }
        #expect(!folder.exists("site/Templates"), "the theme stays built in unless asked for")
        #expect(folder.read("site/Content/briefs/exports-to-the-us.md")?.contains("date: 2026-01-15\n") == true)

        let site = folder.path + "/site"
        let build = try BriefCLI.run(["build"], in: site)
        #expect(build.status == 0, "\(build.stdout)\(build.stderr)")
        let brief = try String(contentsOfFile: site + "/Output/briefs/exports-to-the-us/index.html", encoding: .utf8)
        #expect(brief.contains("<svg"), "the example brief has a chart")
        #expect(brief.contains("6,798.982"), "the prose figure is resolved from the dataset")
        #expect(FileManager.default.fileExists(atPath: site + "/Output/pages/about/index.html"))
        #expect(FileManager.default.fileExists(atPath: site + "/Output/data/sbp_trade_with_us/index.html"))
        #expect(FileManager.default.contents(atPath: site + "/Output/static/site.css").map([UInt8].init) == BuiltinTheme.files["static/site.css"])

        let check = try BriefCLI.run(["check", "--strict"], in: site)
        #expect(check.status == 0, "\(check.stdout)\(check.stderr)")
        #expect(check.stderr.contains("check: 0 error(s), 0 warning(s); OK"), "\(check.stderr)")
    }

    @Test func initWritesIntoTheCurrentEmptyFolder() throws {
        let folder = try EmptyFolder()
        try folder.write(".git/HEAD", "ref: refs/heads/main\n")
        let run = try BriefCLI.run(["init"], in: folder.path)
        #expect(run.status == 0, "\(run.stdout)\(run.stderr)")
        #expect(folder.exists("Content/site.yml"))
        #expect(!run.stdout.contains("  cd "), "no cd when the site is here")
    }

    @Test func initRefusesANonEmptyFolderAndWritesNothing() throws {
        let folder = try EmptyFolder()
        try folder.write("site/notes.txt", "mine\n")
        let run = try BriefCLI.run(["init", "site"], in: folder.path)
        #expect(run.status == 1)
        #expect(run.stderr.hasPrefix("error: site/ is not empty (notes.txt); brief init writes only into a new or empty folder"), "\(run.stderr)")
        #expect(!folder.exists("site/Content"))
        #expect(folder.read("site/notes.txt") == "mine\n")

        try folder.write("file", "x")
        let onFile = try BriefCLI.run(["init", "file"], in: folder.path)
        #expect(onFile.status == 1 && onFile.stderr.contains("is a file, not a folder"))
    }

    @Test func initWithTemplatesCopiesTheThemeOutAndStillBuilds() throws {
        let folder = try EmptyFolder()
        let site = try Self.initSite(in: folder, ["--templates"])
        let copied = loadTree(site + "/Templates", as: "").reduce(into: [String: [UInt8]]()) { $0[String($1.key.dropFirst())] = $1.value }
        #expect(copied == BuiltinTheme.files)
        let check = try BriefCLI.run(["check", "--strict"], in: site)
        #expect(check.status == 0, "\(check.stdout)\(check.stderr)")

        // Editing the copy changes the site: the copy is what is used.
        let footer = site + "/Templates/partials/footer.mustache"
        try Data("<footer><p>Edited footer</p></footer>\n".utf8).write(to: URL(fileURLWithPath: footer))
        #expect(try BriefCLI.run(["build"], in: site).status == 0)
        #expect(try String(contentsOfFile: site + "/Output/index.html", encoding: .utf8).contains("Edited footer"))
    }

    @Test func newTemplatesKeepsFilesAlreadyThere() throws {
        let folder = try EmptyFolder()
        let site = try Self.initSite(in: folder)
        try Data("<footer>Mine</footer>\n".utf8).write(to: URL(fileURLWithPath: site + "/footer-mine"))
        try FileManager.default.createDirectory(atPath: site + "/Templates/partials", withIntermediateDirectories: true)
        try FileManager.default.moveItem(atPath: site + "/footer-mine", toPath: site + "/Templates/partials/footer.mustache")
        let run = try BriefCLI.run(["new", "templates"], in: site)
        #expect(run.status == 0, "\(run.stderr)")
        #expect(run.stdout == "wrote \(BuiltinTheme.paths.count - 1) files to Templates/; kept 1 already there\n")
        #expect(try String(contentsOfFile: site + "/Templates/partials/footer.mustache", encoding: .utf8) == "<footer>Mine</footer>\n")
    }

    // MARK: brief new

    @Test func newBriefIsADraftWithTheGivenDateThatBuilds() throws {
        let folder = try EmptyFolder()
        let site = try Self.initSite(in: folder)
        let run = try BriefCLI.run(["new", "brief", "trade-deficit", "--date", "2026-02-03"], in: site)
        #expect(run.status == 0, "\(run.stderr)")
        #expect(run.stdout.hasPrefix("wrote Content/briefs/trade-deficit.md, a draft"), "\(run.stdout)")
        let text = try String(contentsOfFile: site + "/Content/briefs/trade-deficit.md", encoding: .utf8)
        #expect(text.hasPrefix("---\ntitle: Trade deficit\ndate: 2026-02-03\nsummary:\ntags: []\ndraft: true\n---\n"), "\(text)")

        let drafts = try BriefCLI.run(["build", "--drafts"], in: site)
        #expect(drafts.status == 0, "\(drafts.stderr)")
        #expect(FileManager.default.fileExists(atPath: site + "/Output/briefs/trade-deficit/index.html"))
        // The empty summary is there to be filled in: strict check with drafts says so.
        let strict = try BriefCLI.run(["check", "--strict", "--drafts"], in: site)
        #expect(strict.status == 1)
        #expect(strict.stdout.contains("Content/briefs/trade-deficit.md:2:1: warning: brief has no summary"), "\(strict.stdout)")
        // Without --drafts the draft is left out and the site is still clean.
        #expect(try BriefCLI.run(["check", "--strict"], in: site).status == 0)

        let again = try BriefCLI.run(["new", "brief", "trade-deficit"], in: site)
        #expect(again.status == 1)
        #expect(again.stderr.contains("Content/briefs/trade-deficit.md already exists; brief never overwrites a file"))
        #expect(try String(contentsOfFile: site + "/Content/briefs/trade-deficit.md", encoding: .utf8) == text)
    }

    @Test func newBriefTakesTodayFromTheClock() throws {
        let folder = try EmptyFolder()
        let site = try Self.initSite(in: folder)
        func today() -> String {
            let c = Calendar(identifier: .gregorian).dateComponents(in: TimeZone(secondsFromGMT: 0) ?? .current, from: Date())
            return String(format: "%04d-%02d-%02d", c.year ?? 0, c.month ?? 0, c.day ?? 0)
        }
        let before = today()
        let run = try BriefCLI.run(["new", "brief", "dated", "--title", "Dated: by the clock"], in: site, environment: ["TZ": "UTC"])
        let after = today()
        #expect(run.status == 0, "\(run.stderr)")
        let text = try String(contentsOfFile: site + "/Content/briefs/dated.md", encoding: .utf8)
        #expect(text.contains("date: \(before)\n") || text.contains("date: \(after)\n"), "\(text)")
        #expect(text.contains("title: \"Dated: by the clock\"\n"), "a title with ': ' is quoted")
    }

    @Test func newBriefRejectsABadSlugOrDateAndSuggestsOne() throws {
        let folder = try EmptyFolder()
        let site = try Self.initSite(in: folder)
        let slug = try BriefCLI.run(["new", "brief", "Trade Deficit"], in: site)
        #expect(slug.status == 64)
        #expect(slug.stderr.contains("'Trade Deficit' is not a valid brief slug") && slug.stderr.contains("try 'trade-deficit'"), "\(slug.stderr)")
        let date = try BriefCLI.run(["new", "brief", "x", "--date", "2026-02-30"], in: site)
        #expect(date.status == 64 && date.stderr.contains("--date must be a date written YYYY-MM-DD"))
        #expect(!FileManager.default.fileExists(atPath: site + "/Content/briefs/x.md"))
    }

    @Test func newPageBuilds() throws {
        let folder = try EmptyFolder()
        let site = try Self.initSite(in: folder)
        let run = try BriefCLI.run(["new", "page", "methodology"], in: site)
        #expect(run.status == 0, "\(run.stderr)")
        #expect(run.stdout.contains("- {title: Methodology, path: pages/methodology/}"))
        #expect(try String(contentsOfFile: site + "/Content/pages/methodology.md", encoding: .utf8).hasPrefix("---\ntitle: Methodology\n"))
        #expect(try BriefCLI.run(["build"], in: site).status == 0)
        #expect(FileManager.default.fileExists(atPath: site + "/Output/pages/methodology/index.html"))
        #expect(try BriefCLI.run(["check", "--strict"], in: site).status == 0)
    }

    static let csv = """
        fiscal_year,year,exports_musd,"label, with comma",reported,share: pct
        FY2020-21,2021,5030.724,first,2022-07-30,19.62
        FY2021-22,2022,6798.982,second,2022-07-30,20.95

        """

    @Test func newDatasetWritesMetadataThatCheckReportsUntilFilled() throws {
        let folder = try EmptyFolder()
        let site = try Self.initSite(in: folder)
        try folder.write("downloads/Trade Figures.csv", Self.csv)
        let run = try BriefCLI.run(["new", "dataset", "../downloads/Trade Figures.csv"], in: site)
        #expect(run.status == 0, "\(run.stdout)\(run.stderr)")
        #expect(run.stdout.contains("copied ../downloads/Trade Figures.csv to Content/data/trade_figures.csv"), "\(run.stdout)")
        #expect(run.stdout.contains("wrote Content/data/trade_figures.yml: 2 rows"))
        #expect(folder.read("site/Content/data/trade_figures.csv") == Self.csv, "the data is copied byte for byte")
        let meta = try #require(folder.read("site/Content/data/trade_figures.yml"))
        #expect(meta.contains("\ncolumns:\n  fiscal_year: {type: text}\n  year: {type: year}\n  exports_musd: {type: number}\n  label, with comma: {type: text}\n  reported: {type: date}\n  \"share: pct\": {type: number}\n"), "\(meta)")

        // Incomplete: title and source are reported, at their lines.
        let check = try BriefCLI.run(["check"], in: site)
        #expect(check.status == 1)
        #expect(check.stdout.contains("Content/data/trade_figures.yml:4:1: error: 'title' is empty"), "\(check.stdout)")
        #expect(check.stdout.contains("Content/data/trade_figures.yml:5:1: error: 'source' is empty"), "\(check.stdout)")
        #expect(try BriefCLI.run(["build"], in: site).status == 1)

        // Filled in: the site builds, with the dataset's page.
        let filled = meta
            .replacingOccurrences(of: "\ntitle:        #", with: "\ntitle: Trade figures  #")
            .replacingOccurrences(of: "\nsource:       #", with: "\nsource: State Bank of Pakistan, as reported by APP  #")
        try Data(filled.utf8).write(to: URL(fileURLWithPath: site + "/Content/data/trade_figures.yml"))
        let build = try BriefCLI.run(["build"], in: site)
        #expect(build.status == 0, "\(build.stderr)")
        let page = try String(contentsOfFile: site + "/Output/data/trade_figures/index.html", encoding: .utf8)
        #expect(page.contains("State Bank of Pakistan, as reported by APP") && page.contains("6,798.982"))
        #expect(try BriefCLI.run(["check", "--strict"], in: site).status == 0)

        // Never over an existing file.
        let again = try BriefCLI.run(["new", "dataset", "Content/data/trade_figures.csv"], in: site)
        #expect(again.status == 1 && again.stderr.contains("trade_figures.yml already exists"))
    }

    @Test func newDatasetOnAFileAlreadyInPlaceWritesOnlyTheMetadata() throws {
        let folder = try EmptyFolder()
        let site = try Self.initSite(in: folder)
        try Data(Self.csv.utf8).write(to: URL(fileURLWithPath: site + "/Content/data/figures.csv"))
        let run = try BriefCLI.run(["new", "dataset", "Content/data/figures.csv"], in: site)
        #expect(run.status == 0, "\(run.stderr)")
        #expect(!run.stdout.contains("copied"))
        #expect(FileManager.default.fileExists(atPath: site + "/Content/data/figures.yml"))
    }

    @Test func newDatasetRefusesABrokenFileAndWritesNothing() throws {
        let folder = try EmptyFolder()
        let site = try Self.initSite(in: folder)
        try folder.write("bad.csv", "a,b\n1,\"unterminated\n")
        let run = try BriefCLI.run(["new", "dataset", "../bad.csv"], in: site)
        #expect(run.status == 1)
        #expect(run.stderr.hasPrefix("../bad.csv:2:3: error:"), "\(run.stderr)")
        #expect(!FileManager.default.fileExists(atPath: site + "/Content/data/bad.csv"))
        #expect(!FileManager.default.fileExists(atPath: site + "/Content/data/bad.yml"))

        try folder.write("sheet.xlsx", "PK")
        let xlsx = try BriefCLI.run(["new", "dataset", "../sheet.xlsx"], in: site)
        #expect(xlsx.status == 1 && xlsx.stderr.contains("not .xlsx"))
    }

    // MARK: Errors that teach

    @Test func anEmptyFolderIsToldToRunInit() throws {
        let folder = try EmptyFolder()
        for command in [["build"], ["check"], ["serve"], [], ["new", "brief", "x"]] {
            let run = try BriefCLI.run(command, in: folder.path)
            #expect(run.status == 1, "\(command)")
            #expect(run.stderr.hasPrefix("error: no Content/ folder in "), "\(command): \(run.stderr)")
            #expect(run.stderr.contains("brief init my-site && cd my-site"), "\(command): \(run.stderr)")
        }
        #expect(!folder.exists("Output"))
    }

    @Test func aMissingSiteYmlOrTemplatesFolderSaysWhatToDo() throws {
        let folder = try EmptyFolder()
        try folder.write("Content/briefs/a.md", "---\ntitle: A\ndate: 2022-01-01\n---\nText.\n")
        let run = try BriefCLI.run(["build"], in: folder.path)
        #expect(run.status == 1)
        #expect(run.stderr.hasPrefix("Content/site.yml:1:1: error: missing site.yml; it needs at least a title (write 'title: My briefing' in it, or run 'brief init my-site'"), "\(run.stderr)")

        let site = try Self.initSite(in: folder)
        let templates = try BriefCLI.run(["build", "--templates", "theme"], in: site)
        #expect(templates.status == 1)
        #expect(templates.stderr.hasPrefix("error: templates folder theme/ not found"), "\(templates.stderr)")
        #expect(templates.stderr.contains("brief new templates --to theme"))
        #expect(!FileManager.default.fileExists(atPath: site + "/Output"))
    }

    @Test func anUnknownCommandSuggestsTheClosest() throws {
        let folder = try EmptyFolder()
        let build = try BriefCLI.run(["biuld"], in: folder.path)
        #expect(build.status == 64)
        #expect(build.stderr.hasPrefix("error: unknown command 'biuld'\ndid you mean 'brief build'?\n"), "\(build.stderr)")
        #expect(build.stderr.contains("the commands are: build, check, diff, serve, init, new, help"))
        let new = try BriefCLI.run(["nwe", "brief", "x"], in: folder.path)
        #expect(new.stderr.hasPrefix("error: unknown command 'nwe'\ndid you mean 'brief new'?\n"), "\(new.stderr)")
        let far = try BriefCLI.run(["publish"], in: folder.path)
        #expect(far.status == 64 && far.stderr.hasPrefix("error: unknown command 'publish'\nthe commands are:"), "\(far.stderr)")
        let sub = try BriefCLI.run(["new", "breif", "x"], in: folder.path)
        #expect(sub.status == 64 && sub.stderr.contains("brief"), "\(sub.stderr)")
    }

    // MARK: Version, completions, help

    @Test func versionAndCompletionScripts() throws {
        let folder = try EmptyFolder()
        let version = try BriefCLI.run(["--version"], in: folder.path)
        #expect(version.status == 0)
        #expect(version.stdout.wholeMatch(of: /\d+\.\d+\.\d+\n/) != nil, "\(version.stdout)")
        for shell in ["bash", "zsh", "fish"] {
            let script = try BriefCLI.run(["--generate-completion-script", shell], in: folder.path)
            #expect(script.status == 0, "\(shell)")
            for word in ["init", "serve", "dataset", "templates", "drafts"] {
                #expect(script.stdout.contains(word), "\(shell) completion lacks \(word)")
            }
        }
    }

    @Test(arguments: [["build"], ["check"], ["serve"], ["init"], ["new"], ["new", "brief"], ["new", "page"],
                      ["new", "dataset"], ["new", "templates"]])
    func everyCommandsHelpHasExamples(_ command: [String]) throws {
        let folder = try EmptyFolder()
        let run = try BriefCLI.run(["help"] + command, in: folder.path)
        #expect(run.status == 0)
        #expect(run.stdout.contains("Examples:"), "\(command): \(run.stdout)")
        #expect(run.stdout.contains("  brief " + command.joined(separator: " ")), "\(command): an example runs the command itself")
    }

    @Test func rootHelpShowsTheFirstSteps() throws {
        let folder = try EmptyFolder()
        let run = try BriefCLI.run(["--help"], in: folder.path)
        #expect(run.status == 0)
        for line in ["brief init my-site", "brief serve", "brief new brief", "brief check --strict"] {
            #expect(run.stdout.contains(line), "\(line)")
        }
    }
}
