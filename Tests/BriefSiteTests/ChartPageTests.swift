import BriefSite
import Foundation
#if canImport(FoundationXML)
import FoundationXML
#endif
import Testing

/// Each chart's page and standalone SVG, and each brief's social card (issue 14, items 5 and 6).
@Suite struct ChartPageTests {
    static let page = "briefs/exports-rise/charts/chart-1/index.html"
    static let svg = "briefs/exports-rise/charts/chart-1/chart.svg"
    static let card = "briefs/exports-rise/card.png"

    static func files(_ result: BuildResult) -> [String: [UInt8]] {
        Dictionary(uniqueKeysWithValues: result.outputs.map { ($0.path, $0.bytes) })
    }

    /// A PNG's width and height, from its IHDR chunk.
    static func pngSize(_ png: [UInt8]) -> (Int, Int)? {
        guard png.count > 24, png.starts(with: [0x89, 0x50, 0x4E, 0x47]) else { return nil }
        func be(_ i: Int) -> Int { png[i..<(i + 4)].reduce(0) { $0 << 8 | Int($1) } }
        return (be(16), be(20))
    }

    @Test func chartRoutes() {
        let chart = Route.chart(.brief("x"), "fig-a")
        #expect(chart.path == "briefs/x/charts/fig-a/index.html")
        #expect(Route.chart(.page("about"), "chart-1").path == "pages/about/charts/chart-1/index.html")
        #expect(Route.chartSVG(.brief("x"), "fig-a").path == "briefs/x/charts/fig-a/chart.svg")
        #expect(Route.socialCard("x").path == "briefs/x/card.png")
        #expect(chart.href(to: .chartSVG(.brief("x"), "fig-a")) == "chart.svg")
        #expect(chart.href(to: .brief("x")) == "../../../../briefs/x/index.html")
        #expect(Route.brief("x").href(to: chart) == "charts/fig-a/index.html")
        #expect(Route.brief("x").href(to: .socialCard("x")) == "card.png")
        #expect(chart.url(base: "https://e.org/") == "https://e.org/briefs/x/charts/fig-a/")
    }

    @Test func everyChartHasAPageAndTheBriefLinksToIt() throws {
        let result = buildFixture()
        #expect(!result.diagnostics.contains { $0.severity == .error }, "\(result.diagnostics)")
        let files = Self.files(result)
        let brief = String(decoding: try #require(files["briefs/exports-rise/index.html"]), as: UTF8.self)
        #expect(brief.contains("<a href=\"charts/chart-1/index.html\">Share, embed or download this chart<span class=\"sr-only\">: Exports outgrew imports</span></a>")
                || brief.contains("<a href=\"../../briefs/exports-rise/charts/chart-1/index.html\">Share, embed or download this chart"))
        let page = String(decoding: try #require(files[Self.page]), as: UTF8.self)
        // The chart: its figure with both drawings and the data table, its source and download.
        #expect(page.contains("<figure class=\"chart chart-line\" id=\"chart-1\">"))
        #expect(page.contains("class=\"chart-svg chart-wide\"") && page.contains("class=\"chart-svg chart-narrow\""))
        #expect(page.contains("<details class=\"chart-data\">"))
        #expect(page.contains("<a href=\"../../../../data/exports/index.html\">"))
        #expect(page.contains("<a href=\"../../../../data/exports.csv\" download>Download the data (CSV)</a>"))
        // Not a link to itself; the SVG download, the way back and the embed code.
        #expect(!page.contains("class=\"chart-links\""))
        #expect(page.contains("<a href=\"chart.svg\" download=\"exports-rise-chart-1.svg\">Download the chart (SVG)</a>"))
        #expect(page.contains("From the brief <a href=\"../../../../briefs/exports-rise/index.html\">Exports to the US rose</a>"))
        #expect(page.contains("&lt;img src=&quot;https://example.org/briefing/briefs/exports-rise/charts/chart-1/chart.svg&quot;"))
        #expect(page.contains("&lt;a href=&quot;https://example.org/briefing/briefs/exports-rise/charts/chart-1/&quot;&gt;Fixture Briefing&lt;/a&gt;"))
        // Its own URL in the sitemap.
        let sitemap = String(decoding: try #require(files["sitemap.xml"]), as: UTF8.self)
        #expect(sitemap.contains("<loc>https://example.org/briefing/briefs/exports-rise/charts/chart-1/</loc>"))
    }

    @Test func theStandaloneSVGCarriesItsStyles() throws {
        let files = Self.files(buildFixture())
        let svg = String(decoding: try #require(files[Self.svg]), as: UTF8.self)
        #expect(svg.hasPrefix("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<svg xmlns=\"http://www.w3.org/2000/svg\" class=\"chart-svg chart-wide\""))
        #expect(svg.contains("<style>") && !svg.contains("var(--"))
        #expect(svg.contains("<title id=\"chart-1-wide-title\">Exports outgrew imports</title>"))
        #expect(!svg.contains("@@brief"))
        let parser = XMLParser(data: Data(svg.utf8))
        #expect(parser.parse(), "\(parser.parserError.map { "\($0)" } ?? "")")
    }

    @Test func everyBriefHasASocialCard() throws {
        let result = buildFixture()
        let files = Self.files(result)
        let png = try #require(files[Self.card])
        let size = try #require(Self.pngSize(png))
        #expect(size.0 == 1200 && size.1 == 630)
        let brief = String(decoding: try #require(files["briefs/exports-rise/index.html"]), as: UTF8.self)
        #expect(brief.contains("<meta property=\"og:image\" content=\"https://example.org/briefing/briefs/exports-rise/card.png\">"))
        #expect(brief.contains("<meta property=\"og:image:width\" content=\"1200\">"))
        #expect(brief.contains("<meta name=\"twitter:card\" content=\"summary_large_image\">"))
        #expect(brief.contains("<meta property=\"og:image:alt\" content=\"“Exports to the US rose” on Fixture Briefing, with its chart “Exports outgrew imports”\">"))
        // A brief without a chart still gets a card; pages other than briefs get none.
        #expect(files["briefs/balance/card.png"].flatMap(Self.pngSize).map { $0 == (1200, 630) } == true)
        let home = String(decoding: try #require(files["index.html"]), as: UTF8.self)
        #expect(!home.contains("og:image"))
        // Without base_url the address is relative to the brief's page.
        let relative = Self.files(buildFixture(["Content/site.yml": String(decoding: fixtureFiles()["Content/site.yml"]!, as: UTF8.self)
            .replacingOccurrences(of: "base_url: https://example.org/briefing/\n", with: "")]))
        let page = String(decoding: try #require(relative["briefs/exports-rise/index.html"]), as: UTF8.self)
        #expect(page.contains("<meta property=\"og:image\" content=\"card.png\">"))
    }

    @Test func cardsDependOnTitleAndLeadChartOnly() throws {
        let base = Self.files(buildFixture())
        let briefText = String(decoding: fixtureFiles()["Content/briefs/exports-rise.md"]!, as: UTF8.self)
        // Prose around the chart: the same card, the same chart page.
        let prose = Self.files(buildFixture(["Content/briefs/exports-rise.md": briefText.replacingOccurrences(
            of: "A second heading with the same text.", with: "Other words.")]))
        #expect(prose[Self.card] == base[Self.card])
        #expect(prose[Self.svg] == base[Self.svg])
        // The title: another card.
        let retitled = Self.files(buildFixture(["Content/briefs/exports-rise.md": briefText.replacingOccurrences(
            of: "title: Exports to the US rose", with: "title: Exports to the US fell")]))
        #expect(retitled[Self.card] != base[Self.card])
        // The chart's data: another card, SVG and chart page.
        let csv = String(decoding: fixtureFiles()["Content/data/exports.csv"]!, as: UTF8.self)
        let data = Self.files(buildFixture(["Content/data/exports.csv": csv.replacingOccurrences(of: "6798.982", with: "1000")]))
        #expect(data[Self.card] != base[Self.card])
        #expect(data[Self.svg] != base[Self.svg])
        #expect(data[Self.page] != base[Self.page])
        #expect(String(decoding: data[Self.page] ?? [], as: UTF8.self).contains("1,000"))
    }

    /// Same inputs, same PNG bytes: two `brief build` processes with different time zones,
    /// locales and fontconfig set-ups (one pointed at a configuration with other fonts and an
    /// empty cache folder) write byte-identical social cards.
    @Test func cardsAreTheSameBytesWhateverTheMachinesFontSetUp() throws {
        let a = try ScratchProject(name: "a"), b = try ScratchProject(name: "b")
        let home = b.root + "/../home"
        try FileManager.default.createDirectory(atPath: home + "/cache", withIntermediateDirectories: true)
        // A fontconfig file that offers only DejaVu Serif and keeps its cache in an empty folder.
        try """
        <?xml version="1.0"?>
        <!DOCTYPE fontconfig SYSTEM "urn:fontconfig:fonts.dtd">
        <fontconfig><dir>/usr/share/fonts/truetype/dejavu</dir><cachedir>\(home)/cache</cachedir>
        <selectfont><acceptfont><glob>*/DejaVuSerif*</glob></acceptfont><rejectfont><glob>*</glob></rejectfont></selectfont>
        <alias><family>sans-serif</family><prefer><family>DejaVu Serif</family></prefer></alias></fontconfig>
        """.write(toFile: home + "/fonts.conf", atomically: true, encoding: .utf8)
        let first = try BriefCLI.run(["build"], in: a.root, environment: ["TZ": "UTC", "LANG": "C", "LC_ALL": "C"])
        let second = try BriefCLI.run(["build"], in: b.root, environment: [
            "TZ": "Asia/Karachi", "LANG": "ur_PK.UTF-8", "LC_ALL": "ur_PK.UTF-8", "HOME": home,
            "XDG_CACHE_HOME": home + "/cache", "FONTCONFIG_FILE": home + "/fonts.conf",
        ])
        #expect(first.status == 0 && second.status == 0, "\(first.stderr)\(second.stderr)")
        let x = a.tree("Output"), y = b.tree("Output")
        let cards = x.keys.filter { $0.hasSuffix("/card.png") }.sorted()
        #expect(cards == ["briefs/balance/card.png", "briefs/exports-rise/card.png"])
        for card in cards {
            #expect(x[card] != nil && x[card] == y[card], "\(card) differs between the two builds")
        }
        #expect(x == y)
    }
}
