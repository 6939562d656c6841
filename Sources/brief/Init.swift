import ArgumentParser
import Foundation

/// `brief init [folder]`: a starter site that builds and passes `brief check --strict`.
struct Init: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Start a new site: a working example to edit.",
        discussion: """
            Writes Content/site.yml, an example brief with a chart and a table, a dataset with its \\
            sources, an About page and a .gitignore. The folder must be new or empty (dotfiles \\
            such as .git are allowed). The theme stays built into brief unless you ask for a copy.

            Examples:
              brief init my-site && cd my-site && brief serve
              brief init                          # in the current, empty folder
              brief init my-site --templates      # also copy the theme to my-site/Templates/ to edit
            """)

    @Argument(help: ArgumentHelp("The folder to create the site in.", valueName: "folder"), completion: .directory)
    var folder = "."

    @Flag(help: "Also copy the built-in templates into Templates/ to customise them.")
    var templates = false

    @Option(help: ArgumentHelp("The example brief's date, YYYY-MM-DD. (default: today)", valueName: "date"))
    var date: String?

    func validate() throws {
        if let date, !Scaffold.isDate(date) {
            throw ValidationError("--date must be a date written YYYY-MM-DD, like 2026-03-01")
        }
    }

    func run() throws {
        let fm = FileManager.default
        var isDirectory: ObjCBool = false
        if fm.fileExists(atPath: folder, isDirectory: &isDirectory) {
            guard isDirectory.boolValue else {
                Terminal.error("\(folder) is a file, not a folder")
                throw ExitCode(1)
            }
            let entries = ((try? fm.contentsOfDirectory(atPath: folder)) ?? []).filter { !$0.hasPrefix(".") }.sorted()
            if !entries.isEmpty {
                let shown = entries.prefix(3).joined(separator: ", ") + (entries.count > 3 ? ", …" : "")
                Terminal.error("\(folder == "." ? "this folder" : folder + "/") is not empty (\(shown)); "
                    + "brief init writes only into a new or empty folder: try `brief init my-site`")
                throw ExitCode(1)
            }
        }
        let root = folder.hasSuffix("/") ? String(folder.dropLast()) : folder
        func inside(_ path: String) -> String { root == "." ? path : root + "/" + path }
        var written: [String] = []
        do {
            for (path, text) in StarterSite.files(date: date ?? Scaffold.today()) {
                try Scaffold.create(inside(path), text)
                written.append(path)
            }
            if templates {
                written += try Scaffold.copyTheme(to: inside("Templates")).written
            }
        } catch {
            Terminal.error(String(describing: error))
            throw ExitCode(1)
        }
        let cd = root == "." ? "" : "  cd \(Scaffold.shown(root))\n"
        print("""
            Created a site in \(root == "." ? "this folder" : Scaffold.shown(root) + "/") (\(written.count) files\(templates ? ", with the theme in Templates/" : "")). Next:
            \(cd)  brief serve                      # preview at http://127.0.0.1:8000/, reloads on save
              brief new brief my-first-brief   # start a brief in Content/briefs/
              brief check --strict             # what CI runs
              brief build                      # the finished site, in Output/
            """)
    }
}
