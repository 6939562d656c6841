import BriefCharts
import BriefSite
import Foundation
import Testing

/// No HTML page over the weight budget, whatever the data size: long series are drawn at
/// screen resolution, tables in briefs show a page of rows, dataset pages are paged.
@Suite struct PageWeightTests {
    static let budget = 300_000

    /// A random walk of `count` hourly values, the same in every run.
    static func longCSV(_ count: Int) -> String {
        var state: UInt64 = 42
        var v = 1000.0
        var out = "hour,load_mw\n"
        out.reserveCapacity(count * 16)
        for i in 0..<count {
            state = state &* 6364136223846793005 &+ 1442695040888963407
            v += (Double(state >> 11) / Double(1 << 53) - 0.5) * 10
            out += "\(i)," + String(format: "%.1f", v) + "\n"
        }
        return out
    }

    static let longSite: BuildResult = {
        let csv = longCSV(200_000)
        return buildFixture([
            "Content/data/load.csv": csv,
            "Content/data/load.yml": """
            title: Hourly load
            source: Generated for the page-weight test
            source_url: https://example.org/load
            units: MW
            columns:
              hour: {type: number, label: Hour}
              load_mw: {type: number, unit: MW, label: Load}
            """,
            "Content/briefs/load.md": brief(title: "Load", extra: "summary: A long series.\n", """
            Load over 200,000 hours.

            ```chart
            type: line
            data: load
            x: hour
            y: load_mw
            title: Hourly load
            ```

            ```table
            data: load
            ```
            """),
        ])
    }()

    @Test func aTwoHundredThousandRowChartMakesALightPage() throws {
        let result = Self.longSite
        #expect(result.succeeded, "\(result.diagnostics.map(\.description))")
        let page = try #require(result.outputs.first { $0.path == "briefs/load/index.html" })
        #expect(page.bytes.count < Self.budget, "brief page is \(page.bytes.count) bytes")
        let html = text(page)
        // The chart still shows the data's extremes (its description is computed on every row)
        // and the page says where the rest of the rows are.
        let values = Self.longCSV(200_000).split(separator: "\n").dropFirst().compactMap { Double($0.split(separator: ",")[1]) }
        let highest = try #require(values.max())
        #expect(html.contains("highest \(Self.grouped(highest)) MW"))
        #expect(html.contains("200,000 rows; the first and last 25 are shown."))
        #expect(html.contains("href=\"../../data/load.csv\" download>Download the full data (CSV)</a>"))
    }

    @Test func aLongDatasetIsPagedUnderBudgetAndLinked() throws {
        let result = Self.longSite
        // 20 pages of 500 rows; the other 190,000 rows are in the downloads only.
        let pages = result.outputs.filter { $0.path.hasPrefix("data/load/") }
        #expect(pages.count == 20)
        for page in result.outputs where page.path.hasSuffix(".html") {
            #expect(page.bytes.count < Self.budget, "\(page.path) is \(page.bytes.count) bytes")
        }
        let first = try #require(result.outputs.first { $0.path == "data/load/index.html" })
        #expect(text(first).contains("Rows 1\u{2013}500 of 10,000 (page 1 of 20)"))
        #expect(text(first).contains("href=\"page/2/index.html\""))
        #expect(text(first).contains("These pages list the first 10,000 of 200,000 rows"))
        let middle = try #require(result.outputs.first { $0.path == "data/load/page/2/index.html" })
        #expect(text(middle).contains("<a rel=\"prev\" href=\"../../../../data/load/index.html\""))
        #expect(text(middle).contains("<a rel=\"next\" href=\"../../../../data/load/page/3/index.html\""))
        #expect(text(middle).contains("href=\"../../../../data/load.csv\""))
        let last = try #require(result.outputs.first { $0.path == "data/load/page/20/index.html" })
        #expect(text(last).contains("Rows 9,501\u{2013}10,000 of 10,000 (page 20 of 20)"))
        #expect(!text(last).contains("rel=\"next\""))
        // The first 10,000 rows are each on exactly one page, in order; the downloads hold all.
        let rows = pages.sorted { $0.path.count == $1.path.count ? $0.path < $1.path : $0.path.count < $1.path.count }
            .flatMap { text($0).components(separatedBy: "<th scope=\"row\" class=\"num\">").dropFirst().map { $0.prefix { $0 != "<" } } }
        #expect(rows == (0..<10_000).map { Substring(TablePage.grouped($0)) })
        let csv = try #require(result.outputs.first { $0.path == "data/load.csv" })
        #expect(text(csv).split(separator: "\n").count == 200_001)
    }

    /// Every link between the pages of a paged table lands on a page that exists.
    @Test func pagerLinksResolve() throws {
        let result = Self.longSite
        let paths = Set(result.outputs.map(\.path))
        var links = 0
        for page in result.outputs where page.path.hasPrefix("data/load/") {
            var folder = page.path.split(separator: "/").dropLast().map(String.init)
            let html = text(page)
            for rel in ["<a rel=\"prev\" href=\"", "<a rel=\"next\" href=\""] {
                for part in html.components(separatedBy: rel).dropFirst() {
                    var target = folder
                    for step in part.prefix(while: { $0 != "\"" }).split(separator: "/") {
                        if step == ".." { target.removeLast() } else { target.append(String(step)) }
                    }
                    #expect(paths.contains(target.joined(separator: "/")), "\(page.path) links to \(target)")
                    links += 1
                }
            }
            folder = []
        }
        // 19 next links and 19 previous links, above and below each table.
        #expect(links == 2 * 2 * 19)
    }

    @Test func theRealSiteIsUnderBudget() throws {
        let result = Site.build(.inMemory(bytes: RealSiteTests.files))
        let pages = result.outputs.filter { $0.path.hasSuffix(".html") }
        #expect(pages.count > 20)
        for page in pages {
            #expect(page.bytes.count < Self.budget, "\(page.path) is \(page.bytes.count) bytes")
        }
    }

    static func grouped(_ v: Double) -> String {
        let tenths = Int((v * 10).rounded())
        var whole = String(tenths / 10)
        var out = ""
        while whole.count > 3 { out = "," + whole.suffix(3) + out; whole = String(whole.dropLast(3)) }
        return whole + out + "." + String(abs(tenths % 10))
    }
}
