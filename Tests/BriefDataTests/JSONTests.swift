import BriefData
import BriefDiagnostics
import Testing

@Suite struct JSONParsingTests {
    @Test func readsAnArrayOfFlatObjects() throws {
        let data = try json("""
            [
              {"year": 2020, "exports": 1.50, "ok": true},
              {"year": 2021, "exports": null, "note": "a \\"quoted\\" word\\n\\u00e9\\ud83d\\ude00"},
              {"ok": false, "year": 2022}
            ]
            """)
        #expect(data.columnNames == ["year", "exports", "ok", "note"])
        #expect(data.column(named: "year")?.type == .year)
        #expect(data.column(named: "exports")?.values == [.number(1.5, text: "1.50"), .missing, .missing])
        #expect(data.column(named: "ok")?.values == [.text("true"), .missing, .text("false")])
        #expect(texts(data.column(named: "note")) == ["", "a \"quoted\" word\né😀", ""])
    }

    @Test func emptyArray() throws {
        let data = try json(" [ ] ")
        #expect(data.rowCount == 0)
        #expect(data.columns.isEmpty)
    }

    @Test func stringsAreTypedLikeCSVCells() throws {
        let data = try json(#"[{"d": "2020-01-31", "n": "12.5"}, {"d": "2021-02", "n": 3}]"#)
        #expect(data.columns.map(\.type) == [.date, .number])
    }

    @Test func topLevelMustBeAnArray() {
        let errors = jsonErrors(#"{"year": 2020}"#)
        #expect(summary(errors) == ["data/t.json:1:1: a JSON dataset must be an array of objects, not an object"])
        #expect(errors.first?.hint == "write [{\"column\": value, …}, …], one object per row")
    }

    @Test func nestedValuesAreErrorsAtTheirLocation() {
        let errors = jsonErrors("""
            [
              {"a": 1, "b": {"c": [1, {"d": "]}"}]}},
              {"a": 2, "b": [1, 2]},
              {"a": 3, "b": 4}
            ]
            """)
        #expect(summary(errors) == [
            "data/t.json:2:17: a row's values must be text, numbers, true, false or null, not an object",
            "data/t.json:3:17: a row's values must be text, numbers, true, false or null, not an array",
        ])
    }

    @Test func itemsMustBeObjects() {
        #expect(summary(jsonErrors(#"[{"a": 1}, 5, "x"]"#)) == [
            "data/t.json:1:12: row 2 must be an object, not a number",
            "data/t.json:1:15: row 3 must be an object, not a string",
        ])
    }

    @Test func nanAndInfinity() {
        let errors = jsonErrors("[{\"a\": NaN},\n {\"a\": Infinity},\n {\"a\": -Infinity}]")
        #expect(summary(errors) == [
            "data/t.json:1:8: NaN is not a JSON number",
            "data/t.json:2:8: Infinity is not a JSON number",
            "data/t.json:3:8: -Infinity is not a JSON number",
        ])
        #expect(errors.first?.hint == "write null for a missing value")
    }

    @Test func trailingGarbage() {
        #expect(summary(jsonErrors("[{\"a\": 1}]\nx")) == ["data/t.json:2:1: unexpected text after the JSON array"])
        #expect(summary(jsonErrors("[{\"a\": 1}] ]")) == ["data/t.json:1:12: unexpected text after the JSON array"])
    }

    @Test func syntaxErrors() {
        #expect(summary(jsonErrors("")) == [
            "data/t.json:1:1: the file is empty; a JSON dataset is an array of objects, one per row",
        ])
        #expect(summary(jsonErrors("[{\"a\": 1},]")) == ["data/t.json:1:11: trailing comma after the last row"])
        #expect(summary(jsonErrors("[{\"a\": 1}")) == ["data/t.json:1:10: unterminated array; add the closing ']'"])
        #expect(summary(jsonErrors("[{\"a\": 1 \"b\": 2}]")) == ["data/t.json:1:10: expected ',' or '}' in row 1"])
        #expect(summary(jsonErrors("[{a: 1}]")) == ["data/t.json:1:3: expected a key in double quotes in row 1"])
        #expect(summary(jsonErrors("[{\"a\" 1}]")) == ["data/t.json:1:7: expected ':' after the key \"a\""])
        #expect(summary(jsonErrors("[{\"a\": tru}]")) == ["data/t.json:1:8: expected a value, found 't'"])
        #expect(summary(jsonErrors("[{\"a\": 'x'}]")) == ["data/t.json:1:8: expected a value, found '''"])
        #expect(summary(jsonErrors("[{\"a\": \"x}]")) == ["data/t.json:1:8: unterminated string"])
        #expect(summary(jsonErrors("[{\"a\": \"x\ny\"}]")) == [
            "data/t.json:1:10: line break or control character inside a string",
        ])
        #expect(summary(jsonErrors(#"[{"a": "\x"}]"#)) == [#"data/t.json:1:9: invalid escape \x in a string"#])
        #expect(summary(jsonErrors(#"[{"a": "\ud800"}]"#)) == [#"data/t.json:1:9: unpaired surrogate in a \u escape"#])
        #expect(summary(jsonErrors(#"[{"a": "\u12"}]"#)) == [#"data/t.json:1:9: invalid \u escape; it needs four hex digits"#])
    }

    @Test func invalidNumbers() {
        #expect(summary(jsonErrors(#"[{"a": 01}, {"a": 1.}, {"a": -}]"#)) == [
            "data/t.json:1:8: \"01\" is not a valid JSON number",
            "data/t.json:1:19: \"1.\" is not a valid JSON number",
            "data/t.json:1:30: \"-\" is not a valid JSON number",
        ])
    }

    @Test func duplicateAndEmptyKeys() {
        #expect(summary(jsonErrors(#"[{"a": 1, "a": 2}, {"": 3}]"#)) == [
            "data/t.json:1:11: duplicate key \"a\" in row 1",
            "data/t.json:1:21: empty key in row 2",
        ])
    }

    @Test func typeContradictionPointsAtTheValue() {
        let meta = metadata(["v": ColumnMetadata(type: .number)])
        #expect(summary(jsonErrors("[\n  {\"v\": 1},\n  {\"v\": \"none\"}\n]", metadata: meta)) == [
            "data/t.json:3:9: \"none\" is not a number (column v is declared number)",
        ])
    }

    @Test func deepNestingDoesNotRecurse() {
        let deep = String(repeating: "[", count: 200_000) + String(repeating: "]", count: 200_000)
        #expect(summary(jsonErrors(deep)) == ["data/t.json:1:2: row 1 must be an object, not an array"])
        let deepInRow = "[{\"a\": " + String(repeating: "{\"b\": ", count: 100_000) + "1" + String(repeating: "}", count: 100_000) + "}]"
        #expect(jsonErrors(deepInRow).count == 1)
        let unclosed = "[" + String(repeating: "[", count: 100_000)
        #expect(summary(jsonErrors(unclosed)) == [
            "data/t.json:1:2: row 1 must be an object, not an array",
            "data/t.json:1:2: unterminated array",
        ])
    }

    @Test func rowsWithDisjointKeysCannotBlowUpTheTable() {
        // 1,100 rows, each with its own key: 1.2 million cells for a 20 kB file.
        let text = "[" + (0..<1_100).map { "{\"k\($0)\": 1}" }.joined(separator: ",") + "]"
        let errors = jsonErrors(text)
        #expect(errors.count == 1)
        #expect(errors.first?.message == "the rows share too few keys: 1000 keys over 1001 rows")
    }

    @Test func byteOrderMarkAndCRLF() throws {
        let data = try json("\u{FEFF}[\r\n{\"a\": 1}\r\n]\r\n")
        #expect(data.column(named: "a")?.values == [.number(1, text: "1")])
        #expect(summary(jsonErrors("\u{FEFF}[\r\n{\"a\": NaN}]")) == ["data/t.json:2:7: NaN is not a JSON number"])
    }
}
