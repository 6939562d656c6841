import BriefData
import BriefDiagnostics
import Testing

@Suite struct ColumnTypingTests {
    @Test func infersNumberYearDateAndText() throws {
        let data = try csv("""
            year,fiscal_year,code,value,day,month,label
            2019,2019,1999,-3.5,2020-01-31,2020-01,a
            2020,2020,2001,+4,2020-02-29,2020-12,b
            """)
        #expect(data.columns.map(\.type) == [.year, .year, .number, .number, .date, .date, .text])
    }

    @Test func yearNeedsFourDigitsInRange() throws {
        #expect(try csv("year\n2019\n3000\n").column(named: "year")?.type == .number)
        #expect(try csv("year\n2019\n2020.0\n").column(named: "year")?.type == .number)
        #expect(try csv("Year_Start\n1999\n\n").column(named: "Year_Start")?.type == .year)
    }

    @Test func mixedColumnsAreText() throws {
        let data = try csv("a,b\n1,2020-01-01\nx,2020\n")
        #expect(data.columns.map(\.type) == [.text, .text])
        #expect(data.column(named: "a")?.values == [.text("1"), .text("x")])
    }

    @Test func emptyColumnIsText() throws {
        let data = try csv("a,b\n1,\n2, \n")
        #expect(data.column(named: "b")?.type == .text)
        #expect(data.column(named: "b")?.values == [.missing, .missing])
    }

    @Test func missingValuesAreNeverZero() throws {
        let data = try csv("k,v\na,1\nb,\nc,  \nd,\"\"\ne,\" \"\n")
        #expect(data.column(named: "v")?.type == .number)
        #expect(data.column(named: "v")?.values == [.number(1, text: "1"), .missing, .missing, .missing, .missing])
        #expect(data.column(named: "v")?.values.compactMap(\.number) == [1])
    }

    @Test func numbersKeepTheirSourceTextTrimmed() throws {
        let data = try csv("v\n 6798.982 \n0.10\n1e3\n.5\n-0.25\n+7\n")
        #expect(data.column(named: "v")?.values == [
            .number(6798.982, text: "6798.982"), .number(0.1, text: "0.10"), .number(1000, text: "1e3"),
            .number(0.5, text: ".5"), .number(-0.25, text: "-0.25"), .number(7, text: "+7"),
        ])
    }

    @Test func datesAndNumbersAreTrimmedAroundMultibyteText() throws {
        let data = try csv("d,t\n 2020-01-31 ,\" é \"\n")
        #expect(data.column(named: "d")?.values == [.text("2020-01-31")])
        #expect(data.column(named: "t")?.values == [.text(" é ")])
        #expect(summary(csvErrors("t\n\" é😀 \"\n", metadata: metadata(["t": ColumnMetadata(type: .number)]))) == [
            "data/t.csv:2:1: \"é😀\" is not a number (column t is declared number)",
        ])
    }

    @Test func textKeepsItsSpaces() throws {
        #expect(try csv("t\n a b \nc\n").column(named: "t")?.values == [.text(" a b "), .text("c")])
    }

    @Test(arguments: [
        ("6798.982", 6798.982), ("-1276.4", -1276.4), ("+5", 5.0), (".5", 0.5), ("-.5", -0.5),
        ("1E-3", 0.001), ("2.5e+2", 250.0), ("007", 7.0), ("0.1", 0.1),
        ("123456789012345678901234567890", 123456789012345678901234567890.0),
        ("0.30000000000000004", 0.30000000000000004),
    ])
    func plainNumbers(text: String, value: Double) {
        #expect(PlainNumber.parse(text) == value)
    }

    @Test(arguments: ["1,234", "$1234", "12%", "1.", "", "-", "+", ".", "e5", "1e", "0x10", "nan", "inf",
                      "Infinity", "1 000", "١٢", "1e999", "--1", "1.2.3", " 1"])
    func notPlainNumbers(text: String) {
        #expect(PlainNumber.parse(text) == nil)
    }

    @Test func declaredNumberRejectsFormattedNumbers() {
        let meta = metadata(["exports_musd": ColumnMetadata(type: .number)])
        let errors = csvErrors("year,exports_musd\n2020,abc\n2021,\"$1,234\"\n2022,1234\n", metadata: meta)
        #expect(summary(errors) == [
            "data/t.csv:2:6: \"abc\" is not a number (column exports_musd is declared number)",
            "data/t.csv:3:6: \"$1,234\" is not a number (column exports_musd is declared number)",
        ])
        #expect(errors[0].hint == nil)
        #expect(errors[1].hint == "write numbers as plain decimals, e.g. 1234.5")
        #expect(errors[1].sourceLine == "2021,\"$1,234\"")
    }

    @Test func declaredYearAndDate() throws {
        let meta = metadata(["y": ColumnMetadata(type: .year), "d": ColumnMetadata(type: .date)])
        let errors = csvErrors("y,d\n2020,2020-02-30\n20x1,31/01/2020\n0999,2021-07\n", metadata: meta)
        #expect(summary(errors) == [
            "data/t.csv:2:6: \"2020-02-30\" is not a valid date (column d is declared date)",
            "data/t.csv:3:1: \"20x1\" is not a year (column y is declared year)",
            "data/t.csv:3:6: \"31/01/2020\" is not a date (column d is declared date)",
        ])
        #expect(errors[1].hint == "write years as four digits, e.g. 2024")
        #expect(errors[2].hint == "write dates as YYYY-MM-DD or YYYY-MM, e.g. 2024-01-31, or declare the column's format, e.g. format: \"%d %b %Y\"")
    }

    @Test func inferredDateColumnReportsImpossibleDates() {
        #expect(summary(csvErrors("d\n2020-01-31\n2021-13-01\n")) == [
            "data/t.csv:3:1: \"2021-13-01\" is not a valid date (the other cells of column d are dates)",
        ])
    }

    @Test func declaredTextKeepsNumbersAsText() throws {
        let data = try csv("code\n007\n", metadata: metadata(["code": ColumnMetadata(type: .text)]))
        #expect(data.column(named: "code")?.values == [.text("007")])
    }

    @Test func declaredYearValuesAreNumbers() throws {
        let data = try csv("y\n2020\n", metadata: metadata(["y": ColumnMetadata(type: .year)]))
        #expect(data.column(named: "y")?.values == [.number(2020, text: "2020")])
    }

    @Test func metadataLabelAndUnitAreApplied() throws {
        let meta = metadata(["exports": ColumnMetadata(type: .number, unit: "USD millions", label: "Exports")])
        let column = try csv("year,exports\n2020,1\n", metadata: meta).column(named: "exports")
        #expect(column?.label == "Exports")
        #expect(column?.unit == "USD millions")
        #expect(column?.displayName == "Exports")
    }

    @Test func metadataColumnMissingFromDataWithDidYouMean() {
        let at = Location(path: "data/t.yml", line: 9, column: 3)
        let errors = csvErrors("year,exports\n2020,1\n", metadata: metadata(["exprts": ColumnMetadata(location: at)]))
        #expect(summary(errors) == [
            "data/t.yml:9:3: metadata describes column \"exprts\", but data/t.csv has no such column",
        ])
        #expect(errors.first?.hint == "did you mean 'exports'?")
    }

    @Test func metadataColumnFarFromAnyName() {
        let errors = csvErrors("year,exports\n2020,1\n", metadata: metadata(["zzzzzzzz": ColumnMetadata()]))
        #expect(summary(errors) == [
            "data/t.yml:1:1: metadata describes column \"zzzzzzzz\", but data/t.csv has no such column",
        ])
        #expect(errors.first?.hint == "its columns are year, exports")
    }

    @Test func calendarDates() throws {
        #expect(CalendarDate(parsing: "1970-01-01")?.daysSinceEpoch == 0)
        #expect(CalendarDate(parsing: "2000-03-01")?.daysSinceEpoch == 11017)
        #expect(CalendarDate(parsing: "1969-12-31")?.daysSinceEpoch == -1)
        #expect(CalendarDate(parsing: "2024-02-29") != nil)
        #expect(CalendarDate(parsing: "2023-02-29") == nil)
        #expect(CalendarDate(parsing: "1900-02-29") == nil)
        #expect(CalendarDate(parsing: "2000-02-29") != nil)
        #expect(CalendarDate(parsing: "2024-00") == nil)
        #expect(CalendarDate(parsing: "2024-1-01") == nil)
        #expect(CalendarDate(parsing: "2024-06")?.description == "2024-06")
        #expect(try #require(CalendarDate(parsing: "2024-06-01")) > #require(CalendarDate(parsing: "2024-06")))
        #expect(Value.text("2021-07-05").date == CalendarDate(year: 2021, month: 7, day: 5))
    }
}
