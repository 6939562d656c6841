import BriefData
import BriefDiagnostics
import Testing

/// Dates as publishers write them: declared strftime-like formats, the unambiguous formats
/// read without a declaration, and day/month order that only a declaration can settle.
@Suite struct DateFormatTests {
    func format(_ pattern: String) throws -> DateFormat { try DateFormat.parse(pattern).get() }

    @Test(arguments: [
        ("%b %d %Y", "Jan 1 2000", "2000-01-01"),
        ("%b %d %Y", "Sept 30 2019", "2019-09-30"),
        ("%B %d, %Y", "June 30, 2019", "2019-06-30"),
        ("%d/%m/%Y", "30/06/2019", "2019-06-30"),
        ("%m/%d/%Y", "06/30/2019", "2019-06-30"),
        ("%m/%d/%y", "6/30/19", "2019-06-30"),
        ("%m/%d/%y", "1/2/70", "1970-01-02"),
        ("%d.%m.%Y", "30.06.2019", "2019-06-30"),
        ("%Y%m%d", "20190630", "2019-06-30"),
        ("%Y Q%q", "2019 Q3", "2019-07"),
        ("%b-%y", "Jun-19", "2019-06"),
        ("%Y", "2019", "2019-01"),
    ])
    func declaredFormats(pattern: String, text: String, iso: String) throws {
        let moment = try #require(try format(pattern).read(text))
        #expect(moment.date.description == iso)
    }

    @Test func timesAreFractionsOfADay() throws {
        let noon = try #require(try format("%Y-%m-%d %H:%M").read("2010-01-01 12:00"))
        let midnight = try #require(try format("%Y-%m-%d %H:%M").read("2010-01-01 00:00"))
        #expect(noon.days - midnight.days == 0.5)
        #expect(midnight.days == 14_610)
        #expect(try format("%Y-%m-%d %H:%M").read("2010-01-01 24:00") == nil)
    }

    @Test(arguments: ["Foo 1 2000", "Jan 32 2000", "Feb 29 2019", "Jan 1 2000x", "Jan  1", ""])
    func impossibleOrMisshapenDatesDoNotRead(text: String) throws {
        #expect(try format("%b %d %Y").read(text) == nil)
    }

    @Test func badPatterns() {
        #expect(DateFormat.parse("%Y-%Q") == .failure(.unknownDirective("%Q")))
        #expect(DateFormat.parse("%m/%d") == .failure(.noYear))
        #expect(DateFormat.parse("%Y%") == .failure(.danglingPercent))
    }

    @Test(arguments: [
        ("dialects/slash_dates_tab.csv", "period_end", ["2019-06-30", "2020-06-30"]),
        ("dialects/month_name_dates.csv", "period_end", ["2019-06-30", "2020-06-30", "2021-06-30"]),
        ("dialects/quarters.csv", "quarter", ["2020-01", "2020-04", "2020-07", "2020-10", "2021-01"]),
        ("dialects/year_month.csv", "month", ["2020-01", "2020-02", "2020-03"]),
        ("dialects/datetimes.csv", "observed", ["2010-01-01", "2010-01-01", "2010-01-02"]),
    ])
    func inferredFormats(file: String, column: String, dates: [String]) throws {
        let data = try csv(try fixture(file))
        let dateColumn = try #require(data.column(named: column))
        #expect(dateColumn.type == .date)
        #expect(dateColumn.values.compactMap { dateColumn.dateTime($0)?.date.description } == dates)
        // Cells keep the text their source wrote.
        #expect(texts(dateColumn).first == String(try fixture(file).split(separator: "\n")[1].split(whereSeparator: { $0 == "," || $0 == "\t" })[0]))
    }

    @Test func ambiguousDatesAreALocatedErrorAskingForAFormat() throws {
        let errors = csvErrors(try fixture("dialects/ambiguous_dates.csv"))
        #expect(summary(errors) == [
            "data/t.csv:2:1: \"30/06/2019\" is an ambiguous date: day/month or month/day? (column period_end)",
        ])
        // Only day-first fits every cell, so that is the format suggested.
        #expect(errors.first?.hint == "declare the column's format in the metadata: columns: {period_end: {type: date, format: \"%d/%m/%Y\"}}")
        let either = csvErrors("d,v\n01/02/2003,1\n")
        #expect(either.first?.hint == "declare the column's format in the metadata: columns: {d: {type: date, format: \"%d/%m/%Y\"} or format: \"%m/%d/%Y\"}}" || either.first?.hint?.contains("format: \"%m/%d/%Y\"") == true)
    }

    @Test func declaredFormatReadsUSDates() throws {
        let meta = metadata(["period_end": ColumnMetadata(type: .date, dateFormat: try format("%m/%d/%Y"))])
        let data = try csv(try fixture("dialects/declared_us_dates.csv"), metadata: meta)
        let column = try #require(data.column(named: "period_end"))
        #expect(column.type == .date)
        #expect(column.dateFormat?.pattern == "%m/%d/%Y")
        #expect(column.values.compactMap { column.dateTime($0)?.date.description } == ["2019-06-30", "2020-06-30"])
    }

    @Test func declaredFormatRejectsOtherShapesAtTheCell() throws {
        let meta = metadata(["d": ColumnMetadata(type: .date, dateFormat: try format("%b %d %Y"))])
        let errors = csvErrors("d,v\nJan 1 2000,1\n01/02/2000,2\n2000-01-03,3\n", metadata: meta)
        // ISO dates are read in every date column (so annotations can use them too).
        #expect(summary(errors) == ["data/t.csv:3:1: \"01/02/2000\" is not a date (column d is declared date)"])
        #expect(errors.first?.hint == "column d is read with format \"%b %d %Y\"")
    }

    @Test func declaredDateWithoutFormatInfersTheFormat() throws {
        let meta = metadata(["d": ColumnMetadata(type: .date)])
        let data = try csv("d\nJan 1 2000\nFeb 1 2000\n", metadata: meta)
        #expect(data.column(named: "d")?.dateFormat?.pattern == "%b %d %Y")
    }

    @Test func fiscalYearsStayOrderedText() throws {
        let data = try csv("fiscal_year,v\nFY2021-22,1\nFY2019-20,2\nFY2020-21,3\n")
        #expect(data.column(named: "fiscal_year")?.type == .text)
        #expect(texts(data.column(named: "fiscal_year")) == ["FY2021-22", "FY2019-20", "FY2020-21"])
    }

    @Test func mixedFormatsInOneColumnAreText() throws {
        let data = try csv("d\nJan 1 2000\n2000/01/02\n")
        #expect(data.column(named: "d")?.type == .text)
    }

    @Test func formatInTheMetadata() throws {
        let meta = try DatasetMetadata.decode(
            YAMLText.parse("title: T\nsource: S\ncolumns:\n  d: {format: \"%d %b %Y\"}\n"), path: "data/t.yml")
        #expect(meta.columns["d"]?.type == .date)
        #expect(meta.columns["d"]?.dateFormat?.pattern == "%d %b %Y")
        func errors(_ yaml: String) -> [String] {
            do {
                _ = try DatasetMetadata.decode(YAMLText.parse("title: T\nsource: S\ncolumns:\n" + yaml), path: "data/t.yml")
                return []
            } catch {
                return summary(error.diagnostics)
            }
        }
        #expect(errors("  d: {format: \"%d %Q\"}\n") == [
            "data/t.yml:4:15: date format \"%d %Q\" of column 'd' uses %Q, which Brief does not know",
        ])
        #expect(errors("  d: {type: number, format: \"%Y\"}\n") == [
            "data/t.yml:4:21: 'format' applies to date columns; column 'd' is declared number",
        ])
    }
}
