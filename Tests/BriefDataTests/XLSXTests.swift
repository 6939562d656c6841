import BriefData
import BriefDiagnostics
import Foundation
import Testing

/// The bytes of `Tests/Fixtures/data/<name>`.
func fixtureBytes(_ name: String, filePath: String = #filePath) throws -> [UInt8] {
    let folder = URL(fileURLWithPath: filePath).deletingLastPathComponent().deletingLastPathComponent()
    return [UInt8](try Data(contentsOf: folder.appendingPathComponent("Fixtures/data/\(name)")))
}

func xlsx(_ name: String, metadata: DatasetMetadata = testMetadata) throws(DiagnosticError) -> Dataset {
    let bytes = (try? fixtureBytes("xlsx/" + name)) ?? []
    return try Dataset.parseXLSX(bytes, name: "t", path: "data/t.xlsx", metadata: metadata)
}

func xlsxErrors(_ name: String, metadata: DatasetMetadata = testMetadata) -> [Diagnostic] {
    failures { () throws(DiagnosticError) in try xlsx(name, metadata: metadata) }
}

func layoutMetadata(_ yaml: String) throws -> DatasetMetadata {
    try DatasetMetadata.decode(YAMLText.parse("title: T\nsource: S\n" + yaml), path: "data/t.yml")
}

/// `.xlsx` workbooks (fixtures written by Tests/Fixtures/data/xlsx/make_fixtures.py as minimal
/// Office Open XML).
@Suite struct XLSXTests {
    @Test func titleRowNotesRowAndDateSerialsReadLikeTheCSVExport() throws {
        let fromXLSX = try xlsx("sbp_trade.xlsx", metadata: try layoutMetadata("xlsx: {skip_rows: 1, footer_rows: 1}"))
        let fromCSV = try csv(try fixture("xlsx/sbp_trade.csv"), metadata: try layoutMetadata("csv: {skip_rows: 1, footer_rows: 1}"))
        #expect(fromXLSX.columnNames == ["period_end", "exports_to_us_musd", "imports_from_us_musd"])
        #expect(fromXLSX.columns.map(\.type) == [.date, .number, .number])
        #expect(texts(fromXLSX.column(named: "period_end")).first == "2018-06-30")
        #expect(fromXLSX.columns == fromCSV.columns)
        #expect(fromXLSX.csvText() == fromCSV.csvText())
        #expect(fromXLSX.jsonText() == fromCSV.jsonText())
    }

    @Test func the1904DateSystem() throws {
        let data = try xlsx("sbp_trade_1904.xlsx", metadata: try layoutMetadata("xlsx: {skip_rows: 1, footer_rows: 1}"))
        #expect(texts(data.column(named: "period_end")) == [
            "2018-06-30", "2019-06-30", "2020-06-30", "2021-06-30", "2022-06-30", "2023-06-30", "2024-06-30",
        ])
    }

    @Test func sheetRangeAndEveryKindOfCell() throws {
        let data = try xlsx("cells.xlsx", metadata: try layoutMetadata("xlsx: {sheet: Data, range: B2:E5}"))
        #expect(data.columnNames == ["label", "value", "when", "flag"])
        #expect(texts(data.column(named: "label")) == ["inline & <escaped>", "shared", "formula text"])
        // #N/A is a missing value in a number column.
        #expect(data.column(named: "value")?.values == [.number(1.5, text: "1.5"), .missing, .number(-2, text: "-2")])
        // Built-in format 14 is a date; serial 59 is 28 Feb 1900 and 61 is 1 March (60 is the
        // phantom 29 February); a time format gives hours and minutes.
        #expect(texts(data.column(named: "when")) == ["1900-02-28", "1900-03-01", "2020-01-01 12:00"])
        #expect(data.column(named: "when")?.type == .date)
        #expect(texts(data.column(named: "flag")) == ["TRUE", "FALSE", ""])
    }

    @Test func withoutARangeACellOutsideTheHeaderIsLocated() throws {
        let errors = xlsxErrors("cells.xlsx", metadata: try layoutMetadata("xlsx: {sheet: Data}"))
        #expect(summary(errors) == [
            "data/t.xlsx:6:6: Data!F6: cell \"ignored by the range\" is outside the table's columns (B–E, from the header in row 2)",
        ])
    }

    @Test func unknownSheetNamesTheSheets() throws {
        let errors = xlsxErrors("cells.xlsx", metadata: try layoutMetadata("xlsx: {sheet: data}"))
        #expect(summary(errors) == ["data/t.yml:3:15: data/t.xlsx has no sheet \"data\""])
        #expect(errors.first?.hint?.contains("Data") == true)
    }

    @Test func aBadCellIsNamedBySheetAndReference() throws {
        let meta = metadata(["value": ColumnMetadata(type: .number)])
        #expect(summary(xlsxErrors("bad_number.xlsx", metadata: meta)) == [
            "data/t.xlsx:7:2: Sheet1!B7: \"n/a?\" is not a number (column value is declared number)",
        ])
        // Undeclared, the column is text and nothing fails.
        #expect(try xlsx("bad_number.xlsx").column(named: "value")?.type == .text)
    }

    @Test func thePhantomLeapDayIsAnError() {
        #expect(summary(xlsxErrors("leap_bug.xlsx")) == [
            "data/t.xlsx:3:1: Sheet1!A3: serial 60 is 29 February 1900, a day that does not exist (Excel's 1900 leap-year bug)",
        ])
    }

    @Test func aSharedStringOutOfRange() {
        #expect(summary(xlsxErrors("bad_shared_string.xlsx")) == [
            "data/t.xlsx:3:1: Sheet1!A3: shared string \"99\" is not in the workbook's string table",
        ])
    }

    @Test func notAWorkbook() {
        let errors = failures { () throws(DiagnosticError) in
            try Dataset.parseXLSX(Array("year,value\n".utf8), name: "t", path: "data/t.xlsx", metadata: testMetadata)
        }
        #expect(summary(errors) == ["data/t.xlsx:1:1: data/t.xlsx is not an .xlsx workbook (not a ZIP archive)"])
        let truncated = ((try? fixtureBytes("xlsx/sbp_trade.xlsx")) ?? []).prefix(900)
        let broken = failures { () throws(DiagnosticError) in
            try Dataset.parseXLSX(Array(truncated), name: "t", path: "data/t.xlsx", metadata: testMetadata)
        }
        #expect(broken.count == 1)
        #expect(broken.first?.location.path == "data/t.xlsx")
    }

    /// FuzzCSV found a damaged ZIP directory that made ZIPFoundation's in-memory reader seek past
    /// the end and trap; the container is now checked first.
    @Test func aDamagedZIPDirectoryIsAnErrorNotACrash() {
        let errors = xlsxErrors("damaged_directory.xlsx")
        #expect(errors.count == 1)
        #expect(errors.first?.message.hasPrefix("data/t.xlsx is not an .xlsx workbook (") == true)
    }

    @Test func skipRowsBeyondTheSheet() throws {
        #expect(summary(xlsxErrors("bad_number.xlsx", metadata: try layoutMetadata("xlsx: {skip_rows: 40}"))) == [
            "data/t.yml:3:19: skip_rows: 40 skips every row of sheet \"Sheet1\" in data/t.xlsx",
        ])
    }
}
