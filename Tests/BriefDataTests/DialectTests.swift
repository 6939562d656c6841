import BriefData
import BriefDiagnostics
import Testing

/// CSV as statistical publishers and spreadsheets write it: `;` delimiters, decimal commas,
/// digit groups, percent signs, missing-value markers, title rows and notes rows.
@Suite struct DialectTests {
    func layout(_ yaml: String) throws -> DatasetMetadata {
        try DatasetMetadata.decode(YAMLText.parse("title: T\nsource: S\n" + yaml), path: "data/t.yml")
    }

    @Test func semicolonsAndDecimalCommasFromTheMetadata() throws {
        let meta = try layout("csv: {delimiter: \";\", decimal_mark: \",\"}")
        let data = try csv(try fixture("dialects/semicolon_decimal_comma.csv"), metadata: meta)
        #expect(data.columnNames == ["fiscal_year", "exports_to_us_musd", "imports_from_us_musd"])
        let exports = try #require(data.column(named: "exports_to_us_musd"))
        #expect(exports.type == .number)
        #expect(exports.values.map(\.number) == [4042.701, 3897.852, 5030.724, 6798.982])
        // The kept text is the same digits as a plain decimal, so downloads read back anywhere.
        #expect(texts(exports) == ["4042.701", "3897.852", "5030.724", "6798.982"])
        #expect(data.csvText().hasPrefix("fiscal_year,exports_to_us_musd,imports_from_us_musd\nFY2018-19,4042.701,2097.595\n"))
    }

    @Test func semicolonIsInferredFromTheHeader() throws {
        let data = try csv("a;b\n1;2\n3;4\n")
        #expect(data.columnNames == ["a", "b"])
        #expect(data.column(named: "b")?.values.map(\.number) == [2, 4])
        // A comma in the header keeps commas.
        #expect(try csv("a,b;c\n1,2;3\n").columnNames == ["a", "b;c"])
        // A quoted semicolon is not a delimiter.
        #expect(try csv("\"a;b\"\n1\n").columnNames == ["a;b"])
        // Tabs too.
        #expect(try csv(try fixture("dialects/slash_dates_tab.csv")).columnNames == ["period_end", "exports_to_us_musd"])
    }

    @Test func titleRowsNotesRowsBOMCRLFAndMissingMarkers() throws {
        let meta = try layout("csv: {skip_rows: 3, footer_rows: 2}")
        let data = try csv(try fixture("dialects/title_and_notes.csv"), metadata: meta)
        #expect(data.columnNames == ["fiscal_year", "exports_to_us_musd", "imports_from_us_musd"])
        #expect(texts(data.column(named: "fiscal_year")) == ["FY2017-18", "FY2018-19", "FY2022-23", "FY2023-24"])
        let imports = try #require(data.column(named: "imports_from_us_musd"))
        #expect(imports.type == .number)
        // "..", "n.a." and "-" are missing values, never zero.
        #expect(imports.values == [.missing, .number(2097.595, text: "2097.595"), .missing, .missing])
    }

    @Test func withoutTheLayoutTheTitleRowIsALocatedErrorWithAHint() throws {
        let errors = csvErrors(try fixture("dialects/title_and_notes.csv"))
        // The title line "Data Source,World Development Indicators," is read as the header.
        #expect(summary(errors).first == "data/t.csv:1:42: empty column name in the header")
        #expect(errors.first?.hint?.contains("csv: {skip_rows: N}") == true)
    }

    @Test func notesRowWithoutFooterRowsSuggestsFooterRows() throws {
        let errors = csvErrors("year,value\n2020,1\n2021,2\nSource: SBP\n")
        #expect(summary(errors) == ["data/t.csv:4:1: row has 1 field, header has 2"])
        #expect(errors.first?.hint == "if the last lines are notes, leave them out in the metadata: csv: {footer_rows: N}")
    }

    @Test func skipAndFooterRowsThatLeaveNothingPointAtTheMetadata() throws {
        let skip = try layout("csv: {skip_rows: 9}")
        #expect(summary(csvErrors("a,b\n1,2\n", metadata: skip)) == [
            "data/t.yml:3:18: skip_rows: 9 skips every line of data/t.csv",
        ])
        let footer = try layout("csv:\n  footer_rows: 5\n")
        #expect(summary(csvErrors("a,b\n1,2\n", metadata: footer)) == [
            "data/t.yml:4:16: footer_rows: 5 leaves no lines of data/t.csv to read",
        ])
    }

    @Test func thousandsSeparatorsAndPercentSignsInQuotedNumbers() throws {
        let data = try csv(try fixture("dialects/thousands_percent.csv"))
        let exports = try #require(data.column(named: "exports_to_us_musd"))
        #expect(exports.type == .number)
        #expect(texts(exports) == ["4042.701", "3897.852", "5030.724"])
        let share = try #require(data.column(named: "us_share_pct"))
        #expect(share.type == .number)
        #expect(share.values.map(\.number) == [16.7, 17.3, 19.6])
        #expect(share.unit == "%")
    }

    @Test(arguments: [
        ("1,234", 1234.0), ("12,345,678.5", 12_345_678.5), ("-1,000", -1000), ("50%", 50), ("0.5 %", 0.5),
    ])
    func groupedNumbers(text: String, value: Double) throws {
        let data = try csv("v\n\"\(text)\"\n")
        #expect(data.column(named: "v")?.values.first?.number == value)
    }

    @Test(arguments: ["1,23", "12,3456", "1,,234", ",123", "1,234,", "$1,234", "1.234,5"])
    func badlyGroupedNumbersAreText(text: String) throws {
        let data = try csv("v\n\"\(text)\"\n")
        #expect(data.column(named: "v")?.type == .text)
    }

    @Test func europeanNumbersWithSpaceGroups() throws {
        let meta = try layout("csv: {delimiter: \";\", decimal_mark: \",\", thousands: \" \"}")
        let data = try csv("v;w\n1 234,5;2\n12;-0,25\n", metadata: meta)
        #expect(data.column(named: "v")?.values.map(\.number) == [1234.5, 12])
        #expect(data.column(named: "w")?.values.map(\.number) == [2, -0.25])
        // With a decimal comma, "1.5" is not a number (the dot is not a decimal mark there).
        let typed = metadata(["v": ColumnMetadata(type: .number)])
        var declared = typed
        declared.layout = meta.layout
        #expect(summary(csvErrors("v\n1.5\n", metadata: declared)) == [
            "data/t.csv:2:1: \"1.5\" is not a number (column v is declared number)",
        ])
    }

    @Test func declaredMissingMarkersReplaceTheDefaults() throws {
        let meta = try layout("csv: {missing: [\"x\", \"(NA)\"]}")
        let data = try csv("label,v\nx,(NA)\na,2\n", metadata: meta)
        #expect(data.column(named: "v")?.values == [.missing, .number(2, text: "2")])
        // Declared markers apply to text columns too.
        #expect(data.column(named: "label")?.values == [.missing, .text("a")])
        // "-" is no longer a marker, so the column is text.
        #expect(try csv("v\n-\n2\n", metadata: meta).column(named: "v")?.type == .text)
    }

    @Test func defaultMarkersLeaveTextColumnsAlone() throws {
        let data = try csv("code,v\nNA,1\n-,2\nPK,..\n")
        #expect(texts(data.column(named: "code")) == ["NA", "-", "PK"])
        #expect(data.column(named: "v")?.values.map(\.number) == [1, 2, nil])
    }

    @Test func decimalCommaHintNamesTheKey() {
        let meta = metadata(["v": ColumnMetadata(type: .number)])
        let errors = csvErrors("v\n\"3897,852\"\n", metadata: meta)
        #expect(errors.first?.hint == "write numbers as plain decimals, e.g. 1234.5, or declare a decimal comma: csv: {decimal_mark: \",\"}")
    }

    @Test func layoutMistakesAreLocated() {
        func errors(_ yaml: String) -> [String] {
            do {
                _ = try DatasetMetadata.decode(YAMLText.parse("title: T\nsource: S\n" + yaml), path: "data/t.yml")
                return []
            } catch {
                return summary(error.diagnostics)
            }
        }
        #expect(errors("csv: {delimiter: \"#\"}") == ["data/t.yml:3:18: unknown delimiter \"#\""])
        #expect(errors("csv: {skip_rows: two}") == ["data/t.yml:3:18: 'skip_rows' must be a whole number of rows, not \"two\""])
        #expect(errors("csv: {decimal_mark: \";\"}") == ["data/t.yml:3:21: 'decimal_mark' must be \".\" or \",\", not \";\""])
        #expect(errors("csv: {decimal_mark: \",\", thousands: \",\"}") == ["data/t.yml:3:37: 'thousands' and 'decimal_mark' are both \",\""])
        #expect(errors("csv: {skip_row: 1}") == ["data/t.yml:3:7: unknown key 'skip_row' in 'csv'"])
        #expect(errors("csv: {sheet: Data}") == ["data/t.yml:3:7: unknown key 'sheet' in 'csv'"])
        #expect(errors("xlsx: {range: A1-B2}") == ["data/t.yml:3:15: 'range' must be a cell range such as A3:D40, not \"A1-B2\""])
        #expect(errors("csv: {}\nxlsx: {}") == ["data/t.yml:4:1: dataset metadata has both 'csv' and 'xlsx'; keep the one that matches the data file"])
        #expect(errors("csv: 3") == ["data/t.yml:3:6: 'csv' must be a mapping such as {delimiter: \";\", skip_rows: 2}, not a single value"])
    }

    @Test func declarationsThatDoNotFitTheFileAreLocated() throws {
        let semicolon = try layout("csv: {delimiter: \";\"}")
        #expect(summary(csvErrors("a,b\n1,2\n", metadata: semicolon)) == [
            "data/t.yml:3:18: delimiter: \";\" does not appear in the header of data/t.csv, which is separated by commas",
        ])
        let comma = try layout("csv: {delimiter: \";\", decimal_mark: \",\"}")
        #expect(summary(csvErrors("a;b\n1.5;2,5\n2;3\n", metadata: comma)) == [
            "data/t.yml:3:37: column a writes numbers with a decimal point, but the metadata declares decimal_mark: \",\"",
        ])
    }

    @Test func aBlockForAnotherKindOfFileIsLocated() throws {
        let xlsxMeta = try layout("xlsx: {sheet: Data}")
        #expect(summary(csvErrors("a\n1\n", metadata: xlsxMeta)) == [
            "data/t.yml:3:1: 'xlsx' describes an .xlsx workbook, but data/t.csv is a CSV file",
        ])
        let csvMeta = try layout("csv: {delimiter: \";\"}")
        #expect(summary(jsonErrors("[]", metadata: csvMeta)) == [
            "data/t.yml:3:1: 'csv' describes a CSV file, but data/t.json is a JSON file",
        ])
    }

    @Test func cellRanges() {
        #expect(CellRange("A3:D40")?.description == "A3:D40")
        #expect(CellRange("b2")?.description == "B2")
        #expect(CellRange("AA1:AB2")?.firstColumn == 27)
        #expect(CellRange("AA1:AB2")?.lastColumn == 28)
        #expect(CellRange("D1:A1") == nil)
        #expect(CellRange("A0") == nil)
        #expect(CellRange("1A") == nil)
        #expect(CellRange.columnName(16_384) == "XFD")
    }
}
