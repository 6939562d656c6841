import BriefData
import BriefDiagnostics
import Testing

@Suite struct SerialiseTests {
    @Test func csvTextQuotesOnlyWhenNeeded() throws {
        let data = try csv("name,value,note\n\"Plain\",\"6798.982\",\"a, b\"\nsay \"\"x\"\",,\"line\nbreak\"\n"
            .replacingOccurrences(of: "say \"\"x\"\"", with: "\"say \"\"x\"\"\""))
        #expect(data.csvText() == "name,value,note\nPlain,6798.982,\"a, b\"\n\"say \"\"x\"\"\",,\"line\nbreak\"\n")
    }

    @Test func csvRoundTrip() throws {
        let source = try fixture("pakistan_trade_with_us_sbp_fy.csv")
        let data = try csv(source)
        let again = try csv(data.csvText())
        #expect(again.columns == data.columns)
        #expect(again.csvText() == data.csvText())
    }

    @Test func singleColumnMissingValuesSurviveTheRoundTrip() throws {
        let data = try csv("v\n1\n\"\"\n3\n")
        #expect(data.csvText() == "v\n1\n\"\"\n3\n")
        #expect(try csv(data.csvText()).columns == data.columns)
    }

    @Test func jsonTextShape() throws {
        let data = try csv("year,value,note,day\n2020,+5,\"a \"\"q\"\"\\\nb\",2020-01-31\n2021,.5,,\n2022,007,\u{01},\n")
        #expect(data.jsonText() == """
            [
              {"year": 2020, "value": 5, "note": "a \\"q\\"\\\\\\nb", "day": "2020-01-31"},
              {"year": 2021, "value": 0.5, "note": null, "day": null},
              {"year": 2022, "value": 7, "note": "\\u0001", "day": null}
            ]

            """)
        #expect(try json("[]").jsonText() == "[]\n")
    }

    @Test func jsonRoundTrip() throws {
        let data = try csv(try fixture("us_census_goods_trade_with_pakistan_points.csv"))
        let again = try json(data.jsonText())
        #expect(again.columns == data.columns)
        #expect(again.jsonText() == data.jsonText())
        let source = try csv(try fixture("pakistan_trade_with_us_sbp_fy.csv"))
        #expect(try json(source.jsonText()).columns == source.columns)
    }

    @Test func jsonThenCSVRoundTrip() throws {
        let data = try json(#"[{"k": "a", "v": 1.50, "t": "x,\"y\""}, {"k": "b", "v": null, "t": "é"}]"#)
        #expect(data.csvText() == "k,v,t\na,1.50,\"x,\"\"y\"\"\"\nb,,é\n")
        #expect(try csv(data.csvText()).columns == data.columns)
    }

    @Test func rowLookup() throws {
        let data = try csv("fiscal_year,exports\nFY2020-21,5030.724\nFY2021-22,6798.982\n,1\n")
        #expect(data.row(forKey: "FY2021-22") == 1)
        #expect(data.row(forKey: "FY1999-00") == nil)
        #expect(data.row(forKey: "") == nil)
        #expect(data.value(column: "exports", key: "FY2021-22") == .number(6798.982, text: "6798.982"))
        #expect(data.value(column: "exprts", key: "FY2021-22") == nil)
        #expect(data.value(column: "exports", key: "nope") == nil)
    }
}
