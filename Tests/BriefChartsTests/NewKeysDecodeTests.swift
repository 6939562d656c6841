@testable import BriefCharts
import BriefData
import BriefDiagnostics
import Testing

/// Every key of the newer kinds and annotations reports its mistakes at the key or value, with
/// "did you mean" where a close name exists.
@Suite struct NewKeysDecodeTests {
    func errors(_ yaml: String) -> [String] {
        do {
            _ = try ChartSpec.decode(MiniYAML.parse(yaml), datasets: GoldenTests.datasets)
            return []
        } catch {
            return error.diagnostics.map {
                "\($0.location.line):\($0.location.column): \($0.message)" + ($0.hint.map { " (\($0))" } ?? "")
            }
        }
    }

    static let cases: [(name: String, yaml: String, expected: [String])] = [
        ("misspelt kind", """
        type: slop
        data: products_two_periods
        x: period
        y: value_musd
        series: product
        title: T
        """, ["1:7: unknown chart type \"slop\" (did you mean 'slope'?)"]),
        ("facet column misspelt", """
        type: line
        data: us_aid_long
        x: us_fiscal_year
        y: appropriated_musd
        facet: categroy
        title: T
        """, ["5:8: unknown column \"categroy\" in chart facet (did you mean 'category'?)"]),
        ("facet on a scatter plot", """
        type: scatter
        data: us_aid_long
        x: us_fiscal_year
        y: appropriated_musd
        facet: category
        title: T
        """, ["5:1: 'facet' applies to line, bar and area charts, not scatter charts"]),
        ("facet with one panel", """
        type: line
        data: sbp_trade_with_us
        x: fiscal_year
        y: exports_to_us_musd
        facet: fiscal_year
        title: T
        """, ["5:8: 'facet' is column \"fiscal_year\", which the chart already uses as 'x' ('facet' names the column whose values get a panel each, e.g. facet: product)"]),
        ("highlight not a series", """
        type: line
        data: sbp_trade_with_us
        x: fiscal_year
        y: [exports_to_us_musd, imports_from_us_musd]
        highlight: Exports to the UK
        title: T
        """, ["5:12: highlight \"Exports to the UK\" is not a series of this chart (did you mean 'Exports to the US'?)"]),
        ("band end not an x value", """
        type: line
        data: sbp_trade_with_us
        x: fiscal_year
        y: exports_to_us_musd
        title: T
        bands:
          - {from: FY2021-22, to: FY2032-23, label: Crisis}
        """, ["7:27: band 'to' x \"FY2032-23\" is not a value of column fiscal_year (did you mean 'FY2022-23'?)"]),
        ("band key misspelt", """
        type: line
        data: sbp_trade_with_us
        x: fiscal_year
        y: exports_to_us_musd
        title: T
        bands:
          - {from: FY2021-22, too: FY2022-23}
        """, ["7:5: band needs 'to', an x value (e.g. - {from: FY2021-22, to: FY2022-23, label: Crisis})",
              "7:23: unknown key 'too' in band (did you mean 'to'?)"]),
        ("band backwards", """
        type: line
        data: sbp_trade_with_us
        x: fiscal_year
        y: exports_to_us_musd
        title: T
        bands:
          - {from: FY2022-23, to: FY2021-22}
        """, ["7:27: band 'to' (FY2021-22) comes before 'from' (FY2022-23) in column fiscal_year (swap them)"]),
        ("callout key misspelt", """
        type: line
        data: sbp_trade_with_us
        x: fiscal_year
        y: exports_to_us_musd
        title: T
        callouts:
          - {x: FY2021-22, y: 6798.982, txt: Record}
        """, ["7:5: callout needs 'text', the note to show", "7:33: unknown key 'txt' in callout (did you mean 'text'?)"]),
        ("callout y not a number", """
        type: line
        data: sbp_trade_with_us
        x: fiscal_year
        y: exports_to_us_musd
        title: T
        callouts:
          - {x: FY2021-22, y: 6798.982bn, text: Record}
        """, ["7:23: 'y' must be a number, not \"6798.982bn\""]),
        ("callouts on a horizontal bar chart", """
        type: bar
        data: sbp_trade_with_us
        x: fiscal_year
        y: exports_to_us_musd
        horizontal: true
        title: T
        callouts:
          - {x: FY2021-22, y: 6798.982, text: Record}
        """, ["7:1: 'callouts' applies to line, bar, area and scatter charts drawn upright, not horizontal bar charts"]),
        ("range with one y", """
        type: range
        data: exports_compared
        x: fiscal_year
        y: sbp_goods_musd
        title: T
        """, ["4:4: a range chart needs 'y: [from_column, to_column]', two columns; it lists 1 (e.g. y: [sbp_goods_musd, commerce_adviser_musd]: one dot each, joined by a line)"]),
        ("slope over seven x values", """
        type: slope
        data: sbp_trade_with_us
        x: fiscal_year
        y: exports_to_us_musd
        title: T
        """, ["3:4: a slope chart compares two x values; column \"fiscal_year\" has 7 (\"FY2017-18\", \"FY2018-19\", \"FY2019-20\", \"FY2020-21\", \"FY2021-22\", \"FY2022-23\", …) (chart a dataset cut to the two fiscal_year values to compare, or use a line chart)"]),
        ("timeline over text", """
        type: timeline
        data: sbp_trade_with_us
        x: fiscal_year
        label: source_publisher
        title: T
        """, ["3:4: a timeline chart's x needs a date column; column \"fiscal_year\" holds text (declare the column as {type: date} in the dataset's .yml, or chart a column of YYYY-MM-DD dates)"]),
        ("timeline label misspelt", """
        type: timeline
        data: tifa
        x: date
        label: evnt
        title: T
        """, ["4:8: unknown column \"evnt\" in chart label (did you mean 'event'?)"]),
        ("timeline without label", """
        type: timeline
        data: tifa
        x: date
        title: T
        """, ["1:1: a timeline chart needs 'label', the column of event text (e.g. label: event)"]),
        ("timeline with y", """
        type: timeline
        data: tifa
        x: date
        y: event
        label: event
        title: T
        """, ["4:1: 'y' doesn't apply to timeline charts (a timeline places events by their date ('x') and shows their 'label')",
              "4:4: column \"event\" holds text; a chart's y needs a number column"]),
        ("label on a line chart", """
        type: line
        data: sbp_trade_with_us
        x: fiscal_year
        y: exports_to_us_musd
        label: source_publisher
        title: T
        """, ["5:1: 'label' applies to timeline charts, not line charts (annotations label a point or a line: annotations: [{x: …, label: …}])"]),
    ]

    @Test(arguments: cases.map(\.name))
    func reportsItsMistake(_ name: String) throws {
        let c = try #require(Self.cases.first { $0.name == name })
        #expect(errors(c.yaml) == c.expected)
    }

    @Test func theNewKeysDecode() throws {
        let spec = try ChartSpec.decode(MiniYAML.parse("""
        type: line
        data: us_aid_long
        x: us_fiscal_year
        y: appropriated_musd
        facet: category
        title: T
        bands:
          - {from: FY2009, to: FY2011, label: Kerry–Lugar–Berman}
        """), datasets: GoldenTests.datasets)
        #expect(spec.facet == "category")
        #expect(spec.bands == [ChartBand(from: "FY2009", to: "FY2011", label: "Kerry–Lugar–Berman",
                                         location: SourceLocation(path: MiniYAML.path, line: 8, column: 5))])
    }
}
