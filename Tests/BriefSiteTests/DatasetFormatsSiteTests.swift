import BriefSite
import Foundation
import Testing

/// Issue 19 through the whole pipeline: `.xlsx` datasets publish as CSV and JSON, long data
/// charts with `series:`, and site.yml's `smart_punctuation` reaches every body.
@Suite struct DatasetFormatsSiteTests {
    static let workbook = (try? [UInt8](Data(contentsOf: URL(fileURLWithPath: packageRoot + "/Tests/Fixtures/data/xlsx/sbp_trade.xlsx")))) ?? []

    func page(_ result: BuildResult, _ path: String) -> String? {
        result.outputs.first { $0.path == path }.map(text)
    }

    @Test func xlsxDatasetsPublishAsCSVAndJSONAndChart() throws {
        var files = fixtureFiles([
            "Content/data/sbp.yml": "title: Trade with the US\nsource: State Bank of Pakistan\nxlsx: {sheet: SBP trade, skip_rows: 1, footer_rows: 1}\n",
            "Content/briefs/workbook.md": brief("""
            ```chart
            type: line
            data: sbp
            x: period_end
            y: exports_to_us_musd
            title: Exports to the US by fiscal year end
            ```
            """),
        ])
        files["Content/data/sbp.xlsx"] = Self.workbook
        // The owner file Excel keeps beside an open workbook is not a dataset.
        files["Content/data/~$sbp.xlsx"] = Array("owner".utf8)
        let result = Site.build(.inMemory(bytes: files), options: BuildOptions())
        #expect(result.diagnostics.filter { $0.severity == .error }.map(\.message) == [])
        let csv = try #require(page(result, "data/sbp.csv"))
        #expect(csv.hasPrefix("period_end,exports_to_us_musd,imports_from_us_musd\n2018-06-30,3860,\n"))
        #expect(page(result, "data/sbp.json")?.contains("\"period_end\": \"2018-06-30\"") == true)
        #expect(!result.outputs.contains { $0.path.hasSuffix(".xlsx") })
        #expect(page(result, "briefs/workbook/index.html")?.contains("chart-svg") == true)
    }

    @Test func smartPunctuationIsOnByDefaultAndSwitchable() throws {
        let body = "Exports -- and \"imports\" --- rose."
        let on = buildFixture(["Content/briefs/punct.md": brief(body)])
        #expect(page(on, "briefs/punct/index.html")?.contains("Exports \u{2013} and \u{201C}imports\u{201D} \u{2014} rose.") == true)
        let site = String(decoding: fixtureFiles()["Content/site.yml"] ?? [], as: UTF8.self)
        let off = buildFixture(["Content/briefs/punct.md": brief(body), "Content/site.yml": site + "smart_punctuation: false\n"])
        #expect(page(off, "briefs/punct/index.html")?.contains("Exports -- and &quot;imports&quot; --- rose.") == true)
    }
}
