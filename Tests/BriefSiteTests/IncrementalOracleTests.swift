import Foundation
import Testing

/// The oracle: after each of a scripted sequence of edits, an incremental build's Output/ is
/// byte-identical to a clean build of the same inputs in a fresh folder. (Only changes/index.html
/// is left out of the comparison: it describes the difference from the previous build, which a
/// fresh folder does not have.)
@Suite(.serialized) struct IncrementalOracleTests {
    struct Edit: Sendable {
        var name: String
        var apply: @Sendable (ScratchProject) throws -> Void
        init(_ name: String, _ apply: @escaping @Sendable (ScratchProject) throws -> Void) {
            self.name = name
            self.apply = apply
        }
    }

    static let brief = "Content/briefs/exports-rise.md"
    static let edits: [Edit] = [
        Edit("brief text", { try $0.replace(brief, "A second heading with the same text.", "A second heading, with new words zebra.") }),
        Edit("brief title", { try $0.replace(brief, "title: Exports to the US rose", "title: Exports to the US rose sharply") }),
        Edit("tag added", { try $0.replace(brief, "tags: [trade, exports]", "tags: [trade, exports, crisis]") }),
        Edit("tag removed", { try $0.replace(brief, "tags: [trade, exports, crisis]", "tags: [trade]") }),
        Edit("summary", { try $0.replace(brief, "summary: Exports grew through the crisis.", "summary: Exports grew.") }),
        Edit("date reorders briefs", { try $0.replace(brief, "date: 2022-07-03", "date: 2022-09-03") }),
        Edit("template", { try $0.replace("Templates/brief.mustache", "<p class=\"kicker\">{{t.brief.kicker}}</p>", "<p class=\"kicker\">{{t.brief.kicker}}:</p>") }),
        Edit("partial", { try $0.replace("Templates/partials/footer.mustache", "{{t.footer.book}}</a>", "{{t.footer.book}}!</a>") }),
        Edit("layout", { try $0.replace("Templates/layout.mustache", "<main id=\"main\" tabindex=\"-1\">", "<main id=\"main\" class=\"m\" tabindex=\"-1\">") }),
        Edit("language file", { try $0.replace("Templates/i18n/en.yml", "skip: Skip to content", "skip: Skip to the content") }),
        Edit("language file: chart text", { try $0.replace("Templates/i18n/en.yml", "data_summary: Data for this chart", "data_summary: The chart's data") }),
        Edit("CSS", { try $0.replace("Templates/static/site.css", "--measure: 68ch;", "--measure: 66ch;") }),
        Edit("CSV cell", { try $0.replace("Content/data/exports.csv", "6798.982", "6799.0") }),
        Edit("CSV row added", { try $0.replace("Content/data/exports.csv", "FY2021-22,6799.0,\n", "FY2021-22,6799.0,\nFY2022-23,6000.1,\n") }),
        Edit("dataset metadata", { try $0.replace("Content/data/exports.yml", "units: USD millions", "units: millions of US dollars") }),
        Edit("site.yml", { try $0.replace("Content/site.yml", "title: Fixture Briefing", "title: The Fixture Briefing") }),
        Edit("nav", { try $0.replace("Content/site.yml", "  - {title: Data, path: data/}\n", "") }),
        Edit("key figure", { try $0.replace("Content/site.yml", "format: usd_millions", "format: exact") }),
        Edit("chart spec", { try $0.replace(brief, "title: Exports outgrew imports", "title: Exports rose faster than imports") }),
        Edit("prose figure", { try $0.replace(brief, "`@exports.exports_musd[FY2021-22]|usd_millions`", "`@exports.exports_musd[FY2020-21]|usd_millions`") }),
        Edit("heading added", { try $0.replace("Content/briefs/balance.md", "Pakistan runs a surplus.", "Pakistan runs a surplus.\n\n### Detail\n\nMore.") }),
        Edit("page text", { try $0.replace("Content/pages/about.md", "This site exists for tests.", "This site exists for tests only.") }),
        Edit("page added", { try $0.write("Content/pages/method.md", "---\ntitle: Method\n---\nHow it is made.\n") }),
        Edit("page deleted", { try $0.remove("Content/pages/method.md") }),
        Edit("brief added", { try $0.write("Content/briefs/new-one.md", "---\ntitle: New one\ndate: 2022-10-01\nsummary: New.\ntags: [fresh]\n---\nA new brief citing `@exports.exports_musd[FY2018-19]`.\n") }),
        Edit("brief renamed", {
            try $0.move("Content/briefs/balance.md", "Content/briefs/trade-balance.md")
            try $0.replace(brief, "(balance.md#what-it-shows)", "(trade-balance.md#what-it-shows)")
        }),
        Edit("brief deleted", { try $0.remove("Content/briefs/new-one.md") }),
        Edit("editor-style atomic replace", {
            let text = try $0.read(brief).replacingOccurrences(of: "See [the balance]", with: "Read [the balance]")
            try $0.write("Content/briefs/.exports-rise.md.tmp", text)
            try $0.move("Content/briefs/.exports-rise.md.tmp", brief)
        }),
        Edit("draft published", { try $0.replace("Content/briefs/draft-note.md", "draft: true", "draft: false\nsummary: Now out.") }),
        Edit("asset added", { try $0.write("Content/assets/notes.txt", "notes") }),
        Edit("asset deleted", { try $0.remove("Content/assets/notes.txt") }),
        Edit("dataset added", {
            try $0.write("Content/data/shares.csv", "year,share\n2020,19.6\n2021,21.1\n")
            try $0.write("Content/data/shares.yml", "title: Shares\nsource: Test source\n")
        }),
        Edit("dataset used", { try $0.replace("Content/briefs/draft-note.md", "Draft text.", "Share: `@shares.share[2021]|percent`.") }),
        Edit("dataset cell the brief cites", { try $0.replace("Content/data/shares.csv", "21.1", "21.2") }),
        Edit("base_url removed", { try $0.replace("Content/site.yml", "base_url: https://example.org/briefing/\n", "") }),
        Edit("base_url added back", { try $0.write("Content/site.yml", (try $0.read("Content/site.yml")) + "base_url: https://example.org/b/\n") }),
        Edit("touch without change", {
            try FileManager.default.setAttributes([.modificationDate: Date()], ofItemAtPath: $0.root + "/" + brief)
        }),
        Edit("two edits of one file within one second", {
            // Same size, back to back, with a build between: the stat may not move at all.
            try $0.replace(brief, "A second heading, with new words zebra.", "A second heading, with new words zebre.")
            _ = try BriefCLI.run(["build"], in: $0.root)
            try $0.replace(brief, "A second heading, with new words zebre.", "A second heading, with new words zebro.")
        }),
        Edit("nav item added", { try $0.replace("Content/site.yml", "  - {title: About, path: pages/about/}\n", "  - {title: About, path: pages/about/}\n  - {title: Topics, path: /tags/}\n") }),
        Edit("nav item renamed", { try $0.replace("Content/site.yml", "{title: About,", "{title: About us,") }),
        Edit("key figure label", { try $0.replace("Content/site.yml", "label: Exports to the US", "label: US exports") }),
        Edit("key figure added", { try $0.replace("Content/site.yml", "    format: exact\n", "    format: exact\n  - label: Share\n    data: shares\n    column: share\n    format: percent\n") }),
        Edit("site description", { try $0.replace("Content/site.yml", "description: A small site for Brief's tests", "description: A small site for tests") }),
        Edit("smart punctuation off", { try $0.write("Content/site.yml", (try $0.read("Content/site.yml")) + "smart_punctuation: false\n") }),
        Edit("smart punctuation on", { try $0.replace("Content/site.yml", "smart_punctuation: false\n", "") }),
        Edit("dataset title", { try $0.replace("Content/data/exports.yml", "title: Pakistan's trade with the US (SBP)", "title: Pakistan–US trade (SBP)") }),
        Edit("dataset column label", { try $0.replace("Content/data/exports.yml", "label: Exports to the US}", "label: Exports to the United States}") }),
        Edit("dataset renamed", {
            try $0.move("Content/data/shares.csv", "Content/data/portion.csv")
            try $0.move("Content/data/shares.yml", "Content/data/portion.yml")
            try $0.replace("Content/briefs/draft-note.md", "@shares.share[2021]", "@portion.share[2021]")
            try $0.replace("Content/site.yml", "data: shares", "data: portion")
        }),
        Edit("CSV row deleted", { try $0.replace("Content/data/exports.csv", "FY2018-19,4042.701,2097.595\n", "") }),
        Edit("table caption", { try $0.replace(brief, "caption: SBP figures", "caption: State Bank figures") }),
        Edit("footnote added", { try $0.replace(brief, "new words zebro.", "new words zebro.[^n]\n\n[^n]: A note.") }),
        Edit("author added", { try $0.replace(brief, "authors: [Fixture Author]", "authors: [Fixture Author, Second Author]") }),
        Edit("link to another brief added", { try $0.replace("Content/briefs/trade-balance.md", "Pakistan runs a surplus.", "Pakistan runs a surplus. See [the note](draft-note.md).") }),
        Edit("linked brief retitled", { try $0.replace("Content/briefs/draft-note.md", "title: Not ready", "title: Ready now") }),
        Edit("page summary", { try $0.replace("Content/pages/about.md", "summary: What this fixture is.", "summary: Why this fixture exists.") }),
        Edit("asset replaced", { try $0.write("Content/assets/pixel.png", "not really a picture") }),
        Edit("JS static file", { try $0.replace("Templates/static/search.js", "// Search that works from file://", "// Search that works from file:// pages") }),
        Edit("print CSS", { try $0.replace("Templates/static/print.css", "@page { margin: 18mm 16mm; }", "@page { margin: 20mm 16mm; }") }),
        Edit("static file added", { try $0.write("Templates/static/extra.css", "body { margin: 0; }\n") }),
        Edit("static file removed", { try $0.remove("Templates/static/extra.css") }),
        Edit("header partial", { try $0.replace("Templates/partials/header.mustache", "{{t.header.search_label}}</label>", "{{t.header.search_label}}:</label>") }),
        Edit("tags template", { try $0.replace("Templates/tags.mustache", "<h1>{{page.title}}</h1>", "<h1>{{page.title}}!</h1>") }),
        Edit("datasets template", { try $0.replace("Templates/datasets.mustache", "<h1>{{page.title}}</h1>", "<h1>{{page.title}}!</h1>") }),
        Edit("link to another brief removed", { try $0.replace("Content/briefs/trade-balance.md", " See [the note](draft-note.md).", "") }),
        Edit("brief made a draft again", { try $0.replace("Content/briefs/draft-note.md", "draft: false", "draft: true") }),
    ]

    @Test func incrementalBuildsEqualCleanBuilds() throws {
        #expect(Self.edits.count >= 50)
        let project = try ScratchProject()
        let first = try BriefCLI.run(["build"], in: project.root)
        try #require(first.status == 0, "\(first.stderr)")
        for edit in Self.edits {
            try edit.apply(project)
            let incremental = try BriefCLI.run(["build"], in: project.root)
            try #require(incremental.status == 0, "\(edit.name): \(incremental.stderr)")
            let fresh = try ScratchProject(name: "fresh")
            try FileManager.default.removeItem(atPath: fresh.root + "/Content")
            try FileManager.default.removeItem(atPath: fresh.root + "/Templates")
            try FileManager.default.copyItem(atPath: project.root + "/Content", toPath: fresh.root + "/Content")
            try FileManager.default.copyItem(atPath: project.root + "/Templates", toPath: fresh.root + "/Templates")
            let clean = try BriefCLI.run(["build", "--clean"], in: fresh.root)
            try #require(clean.status == 0, "\(edit.name): \(clean.stderr)")
            var a = project.tree("Output"), b = fresh.tree("Output")
            a["changes/index.html"] = nil
            b["changes/index.html"] = nil
            #expect(Set(a.keys) == Set(b.keys), "\(edit.name): different files")
            for (path, bytes) in a where b[path] != bytes {
                Issue.record("\(edit.name): \(path) differs from a clean build")
            }
        }
    }

    /// A chart's page, its SVG and its brief's card follow the data the chart draws: an
    /// incremental build re-makes them (and only the figures' outputs, not the unrelated ones)
    /// and they equal a clean build's.
    @Test func chartPageFollowsItsData() throws {
        let project = try ScratchProject()
        #expect(try BriefCLI.run(["build"], in: project.root).status == 0)
        let chart = "Output/briefs/exports-rise/charts/chart-1/"
        let before = try project.read(chart + "index.html"), svgBefore = try project.read(chart + "chart.svg")
        let cardBefore = project.tree("Output")["briefs/exports-rise/card.png"]
        #expect(before.contains("6,798.982"))
        try project.replace("Content/data/exports.csv", "6798.982", "6799.5")
        let run = try BriefCLI.run(["build"], in: project.root)
        #expect(run.status == 0, "\(run.stderr)")
        let after = try project.read(chart + "index.html")
        #expect(after != before && after.contains("6,799.5") && !after.contains("6,798.982"))
        #expect(try project.read(chart + "chart.svg") != svgBefore)
        #expect(project.tree("Output")["briefs/exports-rise/card.png"] != cardBefore)
        let fresh = try ScratchProject(name: "fresh")
        try fresh.replace("Content/data/exports.csv", "6798.982", "6799.5")
        #expect(try BriefCLI.run(["build", "--clean"], in: fresh.root).status == 0)
        var a = project.tree("Output"), b = fresh.tree("Output")
        a["changes/index.html"] = nil
        b["changes/index.html"] = nil
        #expect(a == b)
    }

    @Test func oneBriefTextEditRendersThatBriefAndThePagesShowingIt() throws {
        let project = try ScratchProject()
        #expect(try BriefCLI.run(["build"], in: project.root).status == 0)
        let again = try BriefCLI.run(["build"], in: project.root)
        #expect(again.stdout.contains(": 0 rendered,"), "\(again.stdout)")
        try project.replace(Self.brief, "A second heading with the same text.", "A second heading with fresh words.")
        let edited = try BriefCLI.run(["build"], in: project.root)
        // The brief's page, and the pages that show its body: the book, the search index (body
        // words), the Atom feed (full content), the changes page and its manifest.
        #expect(edited.stdout.contains(": 6 rendered,"), "\(edited.stdout)")
        let changes = try project.read("Output/changes/index.html")
        #expect(changes.contains("Briefs edited"))
        #expect(changes.contains("../briefs/exports-rise/index.html"))
    }

    @Test func renamingABriefRemovesItsOldPage() throws {
        let project = try ScratchProject()
        #expect(try BriefCLI.run(["build"], in: project.root).status == 0)
        #expect(FileManager.default.fileExists(atPath: project.root + "/Output/briefs/balance/index.html"))
        try project.move("Content/briefs/balance.md", "Content/briefs/trade-balance.md")
        try project.replace(Self.brief, "(balance.md#what-it-shows)", "(trade-balance.md#what-it-shows)")
        let run = try BriefCLI.run(["build"], in: project.root)
        #expect(run.status == 0, "\(run.stderr)")
        #expect(!FileManager.default.fileExists(atPath: project.root + "/Output/briefs/balance/index.html"))
        #expect(FileManager.default.fileExists(atPath: project.root + "/Output/briefs/trade-balance/index.html"))
        // The page, its two citation downloads (cite.bib, cite.ris) and its social card.
        #expect(run.stdout.contains(", 4 removed"), "\(run.stdout)")
    }

    @Test func identicalBuildsGiveIdenticalChangesPages() throws {
        let project = try ScratchProject()
        #expect(try BriefCLI.run(["build"], in: project.root).status == 0)
        let first = try project.read("Output/changes/index.html")
        #expect(try BriefCLI.run(["build"], in: project.root).status == 0)
        #expect(try project.read("Output/changes/index.html") == first)
        #expect(first.contains("No changes"))
    }
}
