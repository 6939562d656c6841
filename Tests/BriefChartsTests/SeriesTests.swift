@testable import BriefCharts
import BriefData
import BriefDiagnostics
import Foundation
import Testing

/// The text of `Tests/Fixtures/data/<name>`.
func fixtureText(_ name: String, filePath: String = #filePath) throws -> String {
    let folder = URL(fileURLWithPath: filePath).deletingLastPathComponent().deletingLastPathComponent()
    return try String(contentsOf: folder.appendingPathComponent("Fixtures/data/\(name)"), encoding: .utf8)
}

func fixtureData(_ name: String, filePath: String = #filePath) throws -> [UInt8] {
    let folder = URL(fileURLWithPath: filePath).deletingLastPathComponent().deletingLastPathComponent()
    return [UInt8](try Data(contentsOf: folder.appendingPathComponent("Fixtures/data/\(name)")))
}

/// Long ("tidy") data: `series:` draws one series per value of a column; a repeated x value
/// is never drawn silently.
@Suite struct SeriesTests {
    func decode(_ yaml: String, datasets: [String: Dataset] = Fixtures.all) throws(DiagnosticError) -> ChartSpec {
        try ChartSpec.decode(MiniYAML.parse(yaml), datasets: datasets)
    }

    func errors(_ yaml: String, datasets: [String: Dataset] = Fixtures.all) -> [String] {
        do {
            _ = try decode(yaml, datasets: datasets)
            return []
        } catch {
            return error.diagnostics.map { "\($0.location.line):\($0.location.column): \($0.message)" + ($0.hint.map { " (\($0))" } ?? "") }
        }
    }

    static let long = """
    type: line
    data: us_aid_long
    x: us_fiscal_year
    y: appropriated_musd
    title: Aid
    """

    @Test func repeatedXWithoutSeriesIsALocatedErrorNamingTheValueAndRows() {
        #expect(errors(Self.long) == [
            "3:4: x value \"FY2008\" repeats in data rows 1, 2 and 3 of us_aid_long (and 10 more repeated values); a line chart draws one point per x value (draw one series per category with 'series: category')",
        ])
        #expect(errors(Self.long.replacingOccurrences(of: "type: line", with: "type: bar")).first?.contains("a bar chart draws one bar per x value") == true)
        #expect(errors(Self.long.replacingOccurrences(of: "type: line", with: "type: area")).count == 1)
        // Scatter plots may repeat x.
        #expect(errors(Self.long.replacingOccurrences(of: "type: line", with: "type: scatter")) == [])
    }

    @Test func repeatedXOnANumericAxisComparesPositions() {
        let ds = Fixtures.dataset("d", [
            .init("year", .year, ["2020", "2021", "2020"]), .init("v", .number, ["1", "2", "3"]),
        ])
        #expect(errors("type: line\ndata: d\nx: year\ny: v\ntitle: T", datasets: ["d": ds]) == [
            "3:4: x value \"2020\" repeats in data rows 1 and 3 of d; a line chart draws one point per x value (add 'series: <column>' naming the column that tells these rows apart, or give each series its own column)",
        ])
    }

    @Test func seriesMistakes() {
        #expect(errors(Self.long + "\nseries: categry") == [
            "6:9: unknown column \"categry\" in chart series (did you mean 'category'?)",
        ])
        #expect(errors(Self.long + "\nseries: us_fiscal_year") == [
            "6:9: 'series' and 'x' are both column \"us_fiscal_year\" ('series' names the column whose values tell the lines apart, e.g. series: source)",
        ])
        #expect(errors(Self.long.replacingOccurrences(of: "y: appropriated_musd", with: "y: [appropriated_musd, appropriated_musd]") + "\nseries: category") == [
            "4:4: with 'series', 'y' names one column; it lists 2 ('series: category' already draws one series per value of category)",
        ])
        let many = Fixtures.dataset("many", [
            .init("x", .text, (0..<9).map { "x\($0)" }), .init("g", .text, (0..<9).map { "g\($0)" }), .init("v", .number, (0..<9).map(String.init)),
        ])
        #expect(errors("type: bar\ndata: many\nx: x\ny: v\nseries: g\ntitle: T", datasets: ["many": many]) == [
            "5:9: a chart shows at most 8 series; column \"g\" has 9 values (chart fewer groups, e.g. in a dataset cut to the ones the chart is about)",
        ])
        let gaps = Fixtures.dataset("gaps", [
            .init("x", .text, ["a", "b", "c"]), .init("g", .text, ["p", "", "q"]), .init("v", .number, ["1", "2", "3"]),
        ])
        #expect(errors("type: line\ndata: gaps\nx: x\ny: v\nseries: g\ntitle: T", datasets: ["gaps": gaps]) == [
            "5:9: column \"g\" is empty in data row 2 of gaps; every row needs a series (fill in the cells, or remove those rows)",
        ])
        let twice = Fixtures.dataset("twice", [
            .init("x", .text, ["a", "a", "a"]), .init("g", .text, ["p", "q", "p"]), .init("v", .number, ["1", "2", "3"]),
        ])
        #expect(errors("type: bar\ndata: twice\nx: x\ny: v\nseries: g\ntitle: T", datasets: ["twice": twice]) == [
            "3:4: x value \"a\" with g \"p\" repeats in data rows 1 and 3 of twice; a bar chart draws one bar per x value and series (remove the repeated rows, or chart a dataset with one row per x and g)",
        ])
    }

    @Test func longDataIsPivotedInFirstAppearanceOrder() throws {
        let spec = try decode(Self.long + "\nseries: category")
        #expect(spec.series == "category")
        let data = PlotData(spec: spec, dataset: Fixtures.usAidLong)
        #expect(data.xTexts == ["FY2008", "FY2009", "FY2010", "FY2011", "FY2012", "FY2013", "FY2014", "FY2015", "FY2016", "FY2017", "FY2018"])
        #expect(data.series.map(\.name) == ["Security-related", "Economic-related", "Coalition Support Funds"])
        #expect(data.series.map(\.index) == [0, 1, 2])
        #expect(data.series[0].values.first == 517)
        #expect(data.series[1].values.last == 84)
        // No row for Coalition Support Funds in FY2017 and FY2018: a gap, never zero.
        #expect(data.series[2].values.suffix(3) == [550, nil, nil])
        #expect(data.series.allSatisfy { $0.unit == "USD millions" })
    }

    @Test func longAndWideDataDrawTheSameMarks() throws {
        let long = try decode(Self.long.replacingOccurrences(of: "type: line", with: "type: bar") + "\nseries: category")
        let wide = try decode("""
        type: bar
        data: us_assistance
        x: us_fiscal_year
        y: [security_related_musd, economic_related_musd, coalition_support_funds_reimbursements_musd]
        title: Aid
        """)
        // us_assistance has the same three series (and a FY2020 request row the long data lacks).
        var trimmed = Fixtures.usAid
        for i in trimmed.columns.indices { trimmed.columns[i].values = Array(trimmed.columns[i].values.prefix(11)) }
        func marks(_ spec: ChartSpec, _ ds: Dataset) -> String {
            let html = ChartRenderer.figure(spec, dataset: ds, context: context())
            guard let start = html.range(of: "<g class=\"marks\">"), let end = html.range(of: "</g>\n", range: start.upperBound..<html.endIndex) else { return "" }
            return String(html[start.lowerBound..<end.upperBound])
        }
        #expect(!marks(long, Fixtures.usAidLong).isEmpty)
        #expect(marks(long, Fixtures.usAidLong) == marks(wide, trimmed))
    }

    @Test func legendTableAndDescriptionPerSeries() throws {
        let spec = try decode(Self.long + "\nseries: category")
        let html = ChartRenderer.figure(spec, dataset: Fixtures.usAidLong, context: context())
        #expect(html.contains("<th scope=\"col\" class=\"num\">Security-related <span class=\"unit\">(USD millions)</span></th>"))
        #expect(html.contains("<th scope=\"col\" class=\"num\">Coalition Support Funds <span class=\"unit\">(USD millions)</span></th>"))
        #expect(html.contains("Line chart of Appropriated by US fiscal year, one series per Category (Security-related, Economic-related and Coalition Support Funds), from FY2008 to FY2018."))
        #expect(html.contains("Coalition Support Funds: lowest 353 USD millions in FY2013, highest 1,499 USD millions in FY2010, latest 550 USD millions in FY2016. 2 of 11 values missing."))
        #expect(html.contains("series-3"))
    }

    @Test func directLabelsNameEachSeries() throws {
        // Security- and economic-related aid only: both series reach FY2018, so lines get labels.
        var two = Fixtures.usAidLong
        let keep = two.columns[1].values.indices.filter { two.columns[1].values[$0].text != "Coalition Support Funds" }
        for c in two.columns.indices { two.columns[c].values = keep.map { two.columns[c].values[$0] } }
        let spec = try decode(Self.long + "\nseries: category", datasets: ["us_aid_long": two])
        let html = ChartRenderer.figure(spec, dataset: two, context: context())
        #expect(html.contains("<g class=\"direct-labels\" aria-hidden=\"true\"><text class=\"label series-1\""))
        #expect(html.contains(">Security-related</text>"))
        #expect(html.contains(">Economic-related</text></g>"))
    }

    @Test func stackedAreasOfLongData() throws {
        let spec = try decode(Self.long.replacingOccurrences(of: "type: line", with: "type: area") + "\nseries: category\nstacked: true")
        let data = PlotData(spec: spec, dataset: Fixtures.usAidLong)
        let stacks = data.stacked(ChartSpec.Kind.area.traits.stacking ?? .running)
        // FY2008: security 517, then economic 507 on top, then CSF 1019 on top of both.
        #expect(stacks[0][0]?.hi == 517)
        #expect(stacks[1][0]?.lo == 517)
        #expect(stacks[2][0]?.hi == 2043)
        // No CSF row in FY2017: that layer has no area there, never a zero-height one.
        #expect(stacks[2][9] == nil)
        let html = ChartRenderer.figure(spec, dataset: Fixtures.usAidLong, context: context())
        #expect(svgs(in: html).allSatisfy { $0.contains("<path class=\"area series-3\"") && xmlError($0) == nil })
    }

    @Test func scatterOfLongDataKeepsEveryRow() throws {
        let spec = try decode(Self.long.replacingOccurrences(of: "type: line", with: "type: scatter") + "\nseries: category")
        let data = PlotData(spec: spec, dataset: Fixtures.usAidLong)
        #expect(data.count == 31)
        #expect(data.sparse)
        let html = ChartRenderer.figure(spec, dataset: Fixtures.usAidLong, context: context())
        #expect(html.contains("<tr><th scope=\"row\">FY2008</th><td>Coalition Support Funds</td><td class=\"num\">1,019</td></tr>"))
        #expect(!html.contains("values missing"))
    }

    // MARK: - From files, as analysts get them

    @Test func longFormatCSVWithThreeSeriesPerYear() throws {
        let text = try fixtureText("long/us_aid_long.csv")
        let dataset = try Dataset.parseCSV(text, name: "us_aid_long", path: "Content/data/us_aid_long.csv",
                                           metadata: DatasetMetadata(title: "US aid", source: "CRS"))
        let datasets = ["us_aid_long": dataset]
        #expect(errors(Self.long, datasets: datasets).first?.hasPrefix("3:4: x value \"FY2008\" repeats in data rows 1, 2 and 3 of us_aid_long") == true)
        let spec = try decode(Self.long + "\nseries: category", datasets: datasets)
        let data = PlotData(spec: spec, dataset: dataset)
        #expect(data.count == 11)
        #expect(data.series.map(\.name) == ["Security-related", "Economic-related", "Coalition Support Funds"])
        let figure = ChartRenderer.figure(spec, dataset: dataset, context: context())
        #expect(svgs(in: figure).allSatisfy { xmlError($0) == nil })
        #expect(svgs(in: figure).allSatisfy { $0.components(separatedBy: "<path class=\"line series-").count == 4 })
    }

    @Test func xlsxWithTitleNotesAndDateSerialsDrawsTheSameChartAsItsCSVExport() throws {
        let chart = """
        type: line
        data: sbp
        x: period_end
        y: [exports_to_us_musd, imports_from_us_musd]
        title: Exports to the US outgrew imports
        annotations:
          - {x: 2022-06-30, label: Record}
        """
        var meta = DatasetMetadata(title: "SBP trade", source: "State Bank of Pakistan")
        meta.layout = TableLayout(skipRows: 1, footerRows: 1)
        let fromXLSX = try Dataset.parseXLSX(try fixtureData("xlsx/sbp_trade.xlsx"), name: "sbp", path: "Content/data/sbp.xlsx", metadata: meta)
        let fromCSV = try Dataset.parseCSV(try fixtureText("xlsx/sbp_trade.csv"), name: "sbp", path: "Content/data/sbp.csv", metadata: meta)
        let a = try decode(chart, datasets: ["sbp": fromXLSX])
        let b = try decode(chart, datasets: ["sbp": fromCSV])
        let htmlA = ChartRenderer.figure(a, dataset: fromXLSX, context: context())
        let htmlB = ChartRenderer.figure(b, dataset: fromCSV, context: context())
        #expect(PlotData(spec: a, dataset: fromXLSX).axis == .date)
        #expect(svgs(in: htmlA).count == 2)
        #expect(svgs(in: htmlA) == svgs(in: htmlB))
        #expect(htmlA == htmlB)
    }

    @Test func everydayDatesGetATimeScale() throws {
        let monthNames = try Dataset.parseCSV(try fixtureText("dialects/month_name_dates.csv"), name: "d", path: "d.csv",
                                              metadata: DatasetMetadata(title: "T", source: "S"))
        let iso = Fixtures.dataset("d", [
            .init("period_end", .date, ["2019-06-30", "2020-06-30", "2021-06-30"]),
            .init("exports_to_us_musd", .number, ["4042.701", "3897.852", "5030.724"]),
        ])
        let yaml = "type: line\ndata: d\nx: period_end\ny: exports_to_us_musd\ntitle: T\nannotations:\n  - {x: Jun 30 2020, label: Dip}"
        let a = try decode(yaml, datasets: ["d": monthNames])
        let b = try decode(yaml.replacingOccurrences(of: "Jun 30 2020", with: "2020-06-30"), datasets: ["d": iso])
        #expect(PlotData(spec: a, dataset: monthNames).axis == .date)
        func drawing(_ html: String) -> [String] {
            // The drawings without their <desc> and their points' names, whose text quotes the dates
            // as the source wrote them.
            svgs(in: html).map {
                $0.replacingOccurrences(of: #"<desc[^>]*>[^<]*</desc>"#, with: "", options: .regularExpression)
                    .replacingOccurrences(of: #"<title>[^<]*</title></circle>"#, with: "</circle>", options: .regularExpression)
            }
        }
        #expect(drawing(ChartRenderer.figure(a, dataset: monthNames, context: context()))
                == drawing(ChartRenderer.figure(b, dataset: iso, context: context())))
        #expect(errors(yaml.replacingOccurrences(of: "Jun 30 2020", with: "Jun 31 2020"), datasets: ["d": monthNames]) == [
            "7:9: annotation x \"Jun 31 2020\" is not a date (YYYY-MM-DD or %b %d %Y)",
        ])
    }
}
