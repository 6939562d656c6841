import BriefData
import BriefDiagnostics
import Testing

@Suite struct CSVParsingTests {
    @Test func readsHeaderAndRows() throws {
        let data = try csv("year,exports\n2020,1.5\n2021,2\n")
        #expect(data.columnNames == ["year", "exports"])
        #expect(data.rowCount == 2)
        #expect(data.name == "t")
        #expect(data.path == "data/t.csv")
        #expect(data.column(named: "exports")?.values == [.number(1.5, text: "1.5"), .number(2, text: "2")])
    }

    @Test func quotedFieldsKeepCommasAndDoubledQuotes() throws {
        let data = try csv("name,note\n\"Bed linen, table\",\"He said \"\"hi\"\"\"\n\"\",plain\n")
        #expect(texts(data.column(named: "name")) == ["Bed linen, table", ""])
        #expect(texts(data.column(named: "note")) == ["He said \"hi\"", "plain"])
        #expect(data.column(named: "name")?.values[1] == .missing)
    }

    @Test func embeddedNewlinesKeepLaterLineNumbersRight() {
        let text = "a,b,c\n1,\"two\nlines\",3\n4,\"x\ny\nz\",6\n7,8\n"
        let errors = csvErrors(text)
        #expect(summary(errors) == ["data/t.csv:7:1: row has 2 fields, header has 3"])
        #expect(errors.first?.sourceLine == "7,8")
    }

    @Test func embeddedNewlineIsPartOfTheValue() throws {
        let data = try csv("a,b\n1,\"two\nlines\"\n")
        #expect(texts(data.column(named: "b")) == ["two\nlines"])
    }

    @Test func byteOrderMarkIsStripped() throws {
        let data = try csv("\u{FEFF}year,value\n2020,1\n")
        #expect(data.columnNames == ["year", "value"])
        let errors = csvErrors("\u{FEFF}a,,c\n1,2,3\n")
        #expect(summary(errors) == ["data/t.csv:1:3: empty column name in the header"])
    }

    @Test func crlfReadsLikeLF() throws {
        let lf = try csv("a,b\n1,\"x\ny\"\n2,z\n")
        let crlf = try csv("a,b\r\n1,\"x\r\ny\"\r\n2,z\r\n")
        let cr = try csv("a,b\r1,\"x\ry\"\r2,z\r")
        #expect(crlf.columns == lf.columns)
        #expect(cr.columns == lf.columns)
    }

    @Test func crlfLineNumbersInErrors() {
        #expect(summary(csvErrors("a,b\r\n1,2\r\n3\r\n")) == ["data/t.csv:3:1: row has 1 field, header has 2"])
    }

    @Test func shortRowPointsAtRowStart() {
        let errors = csvErrors("country,year,exports,imports\nPakistan,2020,5,3\nIndia,2020,7\n")
        #expect(errors.count == 1)
        #expect(errors.first?.location == Location(path: "data/t.csv", line: 3, column: 1))
        #expect(errors.first?.message == "row has 3 fields, header has 4")
        #expect(errors.first?.severity == .error)
    }

    @Test func longRowPointsAtFirstExtraField() {
        let errors = csvErrors("a,b\n1,2\n3,\"4\",five,6\n")
        #expect(summary(errors) == ["data/t.csv:3:7: row has 4 fields, header has 2"])
    }

    @Test func unterminatedQuotePointsAtOpeningQuote() {
        let errors = csvErrors("a,b\n1,2\n3,\"four\n5,6\n")
        #expect(summary(errors) == ["data/t.csv:3:3: unterminated quoted field"])
        #expect(errors.first?.hint == "add the closing '\"'")
    }

    @Test func unterminatedQuoteInHeader() {
        #expect(summary(csvErrors("a,\"b\n")) == ["data/t.csv:1:3: unterminated quoted field"])
    }

    @Test func duplicateAndEmptyHeaderNames() {
        let errors = csvErrors("year,value, ,value\n2020,1,2,3\n")
        #expect(summary(errors) == [
            "data/t.csv:1:12: empty column name in the header",
            "data/t.csv:1:14: duplicate column name \"value\" in the header",
        ])
        #expect(errors.last?.hint == "column 2 has the same name")
    }

    @Test func strayQuoteInUnquotedField() {
        let errors = csvErrors("a,b\n1,say \"hi\"\n")
        #expect(summary(errors) == ["data/t.csv:2:3: stray quote in an unquoted field"])
    }

    @Test func textAfterClosingQuote() {
        #expect(summary(csvErrors("a,b\n\"x\"y,2\n")) == [
            "data/t.csv:2:1: text after the closing quote of a quoted field",
        ])
    }

    @Test func columnsCountCharactersNotBytes() {
        #expect(summary(csvErrors("a,b,c\nçé,ü,\"x\"y\n")) == [
            "data/t.csv:2:6: text after the closing quote of a quoted field",
        ])
    }

    @Test func errorsAreAllCollected() {
        let errors = csvErrors("a,b\n1\n2,3\n4,5,6\n7,\"8\"9\n")
        #expect(summary(errors) == [
            "data/t.csv:2:1: row has 1 field, header has 2",
            "data/t.csv:4:5: row has 3 fields, header has 2",
            "data/t.csv:5:3: text after the closing quote of a quoted field",
        ])
    }

    @Test func errorCollectionIsCapped() {
        let text = "a,b\n" + String(repeating: "1\n", count: 500)
        let errors = csvErrors(text)
        #expect(errors.count == 51)
        #expect(errors.filter { $0.severity == .error }.count == 50)
        #expect(errors.last?.severity == .note)
        #expect(errors.last?.message == "stopped after 50 errors; fix these and build again")
    }

    @Test func emptyFile() {
        #expect(summary(csvErrors("")) == ["data/t.csv:1:1: the file is empty; its first row must name the columns"])
        #expect(summary(csvErrors("\n\n")).count == 1)
    }

    @Test func headerOnlyIsAnEmptyDataset() throws {
        let data = try csv("a,b\n")
        #expect(data.rowCount == 0)
        #expect(data.columnNames == ["a", "b"])
    }

    @Test func blankLinesAndMissingFinalNewline() throws {
        let data = try csv("a,b\n\n1,2\n\n3,4")
        #expect(texts(data.column(named: "b")) == ["2", "4"])
    }

    @Test func trailingEmptyFieldIsMissing() throws {
        let data = try csv("a,b\n1,\n2,")
        #expect(data.column(named: "b")?.values == [.missing, .missing])
    }

    @Test func headerNamesAreTrimmed() throws {
        #expect(try csv(" year , value\n1,2\n").columnNames == ["year", "value"])
    }

    @Test func realDataFixture() throws {
        let data = try csv(try fixture("pakistan_trade_with_us_sbp_fy.csv"))
        #expect(data.columnNames.first == "fiscal_year")
        #expect(data.column(named: "fiscal_year")?.type == .text)
        #expect(data.column(named: "exports_to_us_musd")?.type == .number)
        #expect(data.column(named: "source_date")?.type == .date)
        #expect(data.value(column: "exports_to_us_musd", key: "FY2020-21") == .number(5030.724, text: "5030.724"))
        #expect(data.value(column: "imports_from_us_musd", key: "FY2017-18") == .missing)
        let notes = data.value(column: "notes", key: "FY2017-18")?.text ?? ""
        #expect(notes.hasPrefix("Reported as \"over $3.86 billion\""))
    }

    @Test func yearFixture() throws {
        let data = try csv(try fixture("us_census_goods_trade_with_pakistan_points.csv"))
        #expect(data.column(named: "year")?.type == .year)
        #expect(data.value(column: "us_trade_balance_musd", key: "2016") == .number(-1276.4, text: "-1276.4"))
    }
}
