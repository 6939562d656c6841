@testable import BriefCharts
import BriefData
import BriefDiagnostics
import Testing

@Suite struct DecodeTests {
    func errors(_ yaml: String) -> [Diagnostic] {
        do {
            _ = try ChartSpec.decode(MiniYAML.parse(yaml), datasets: Fixtures.all)
            return []
        } catch {
            return error.diagnostics
        }
    }

    func describe(_ d: [Diagnostic]) -> [String] {
        d.map { "\($0.location.line):\($0.location.column): \($0.message)" + ($0.hint.map { " (\($0))" } ?? "") }
    }

    @Test func fullSpec() throws {
        let spec = try ChartSpec.decode(MiniYAML.parse("""
        type: line
        data: sbp_trade_with_us
        x: fiscal_year
        y: [exports_to_us_musd, imports_from_us_musd]
        title: Exports to the US outgrew imports
        subtitle: USD, Pakistan fiscal years
        caption: SBP figures
        x_label: Fiscal year
        y_label: USD
        format: usd_millions
        y_min: 0
        y_max: 8000
        stacked: false
        annotations:
          - {x: FY2021-22, label: Record year}
          - {y: 5000, label: $5bn}
          - {x: FY2021-22, y: 6798.982, label: Record}
        """), datasets: Fixtures.all)
        #expect(spec.kind == .line)
        #expect(spec.y == ["exports_to_us_musd", "imports_from_us_musd"])
        #expect(spec.format == .usdMillions)
        #expect(spec.yMin == 0 && spec.yMax == 8000)
        #expect(spec.annotations.count == 3)
        #expect(spec.annotations[2] == ChartAnnotation(x: "FY2021-22", y: 6798.982, label: "Record",
                                                        location: SourceLocation(path: MiniYAML.path, line: 17, column: 5)))
        #expect(spec.xLabel == "Fiscal year" && spec.yLabel == "USD")
        #expect(spec.location == SourceLocation(path: MiniYAML.path, line: 1, column: 1))
    }

    @Test func unknownKey() {
        let d = errors("""
        type: line
        data: sbp_trade_with_us
        x: fiscal_year
        y: exports_to_us_musd
        tittle: Exports
        """)
        #expect(describe(d) == [
            "1:1: chart needs a 'title' (a title says what the chart shows, e.g. 'Exports to the US doubled')",
            "5:1: unknown key 'tittle' in chart (did you mean 'title'?)",
        ])
    }

    @Test func unknownDatasetAndColumns() {
        #expect(describe(errors("""
        type: line
        data: sbp_trade_with_usa
        x: fiscal_year
        y: exports
        title: T
        """)) == ["2:7: unknown dataset \"sbp_trade_with_usa\" (did you mean 'sbp_trade_with_us'?)"])

        #expect(describe(errors("""
        type: line
        data: sbp_trade_with_us
        x: fiscal_yaer
        y: [exports_to_us_musd, imprts_from_us_musd, gdp]
        title: T
        """)) == [
            "3:4: unknown column \"fiscal_yaer\" in chart x (did you mean 'fiscal_year'?)",
            "4:25: unknown column \"imprts_from_us_musd\" in chart y (did you mean 'imports_from_us_musd'?)",
            "4:46: unknown column \"gdp\" in chart y (columns of sbp_trade_with_us: fiscal_year, exports_to_us_musd, imports_from_us_musd, balance_musd_computed, source_publisher)",
        ])
    }

    @Test func wrongTypes() {
        #expect(describe(errors("""
        type: bar
        data: sbp_trade_with_us
        x: fiscal_year
        y: {a: b}
        title: T
        stacked: maybe
        y_min: 1,000
        format: usd_million
        """)) == [
            "4:4: 'y' must be a column name or a list of column names, not a mapping",
            "6:10: 'stacked' must be true or false, not \"maybe\"",
            "7:8: 'y_min' must be a number, not \"1,000\" (write 1000)",
            "8:9: unknown format \"usd_million\" (did you mean 'usd_millions'?)",
        ])
    }

    @Test func kindRules() {
        #expect(describe(errors("""
        type: line
        data: sbp_trade_with_us
        x: fiscal_year
        y: [exports_to_us_musd, source_publisher]
        title: T
        stacked: true
        horizontal: true
        """)) == [
            "4:25: column \"source_publisher\" holds text; a chart's y needs a number column",
            "6:1: 'stacked' applies to bar and area charts, not line charts",
            "7:1: 'horizontal' applies to bar charts, not line charts",
        ])
        #expect(describe(errors("""
        type: pie
        data: sbp_trade_with_us
        x: fiscal_year
        y: exports_to_us_musd
        title: T
        """)) == ["1:7: unknown chart type \"pie\" (did you mean 'line'?)"])
    }

    @Test func missingKeys() {
        #expect(describe(errors("caption: nothing else")) == [
            "1:1: chart needs 'data', the name of a dataset in Content/data",
            "1:1: chart needs 'x', the column along the horizontal axis",
            "1:1: chart needs 'y', a number column or a list of them",
            "1:1: chart needs a 'title' (a title says what the chart shows, e.g. 'Exports to the US doubled')",
            "1:1: chart needs a 'type' (line, bar, area, scatter, slope, range or timeline)",
        ])
        let notMapping = (try? ChartSpec.decode(.sequence([], at: SourceLocation(path: "a.md", line: 3, column: 1)), datasets: [:])) == nil
        #expect(notMapping)
    }

    @Test func annotations() {
        #expect(describe(errors("""
        type: line
        data: sbp_trade_with_us
        x: fiscal_year
        y: exports_to_us_musd
        title: T
        annotations:
          - {x: FY2021-23, label: Record}
          - {y: high, label: Five}
          - {y: 5000}
          - {y: 5000, label: ok, colour: red}
        """)) == [
            "7:9: annotation x \"FY2021-23\" is not a value of column fiscal_year (did you mean 'FY2021-22'?)",
            "8:9: 'y' must be a number, not \"high\"",
            "9:5: annotation needs a 'label'",
            "10:26: unknown key 'colour' in annotation (known keys: x, y, label)",
        ])
    }

    @Test func tableSpec() throws {
        let spec = try TableSpec.decode(MiniYAML.parse("""
        data: sbp_trade_with_us
        columns: [fiscal_year, exports_to_us_musd]
        caption: Exports
        format: {exports_to_us_musd: usd_millions}
        """), datasets: Fixtures.all)
        #expect(spec.columns == ["fiscal_year", "exports_to_us_musd"])
        #expect(spec.formats == ["exports_to_us_musd": .usdMillions])

        do {
            _ = try TableSpec.decode(MiniYAML.parse("""
            data: sbp_trade_with_us
            columns: [fiscal_year, exports]
            format: {exports_to_us_musd: money}
            sort: up
            """), datasets: Fixtures.all)
            Issue.record("expected errors")
        } catch {
            #expect(describe(error.diagnostics) == [
                "2:24: unknown column \"exports\" in table columns (columns of sbp_trade_with_us: fiscal_year, exports_to_us_musd, imports_from_us_musd, balance_musd_computed, source_publisher)",
                "3:30: unknown format \"money\" (formats: number, integer, percent, usd_millions, usd_millions_words, date_long, exact)",
                "4:1: unknown key 'sort' in table (known keys: data, columns, caption, format)",
            ])
        }
    }
}
