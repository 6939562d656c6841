@testable import BriefData
import Testing

/// The hand-written reader of worksheet XML, on what real writers and hostile files produce.
@Suite struct XMLScannerTests {
    func events(_ xml: String) -> [String] {
        var scanner = XMLScanner(Array(xml.utf8))
        var out: [String] = []
        while let event = scanner.next() {
            switch event {
            case .start(let name, let attributes, let selfClosing):
                out.append("<\(name)" + attributes.keys.sorted().map { " \($0)=\(attributes[$0] ?? "")" }.joined() + (selfClosing ? "/>" : ">"))
            case .end(let name): out.append("</\(name)>")
            case .text(let text): out.append(text)
            }
        }
        return out
    }

    @Test func tagsAttributesEntitiesAndPrefixes() {
        #expect(events("<?xml version=\"1.0\"?><x:c r='A1' t=\"s\"><!-- note --><v>1 &amp; &lt;2&gt; &#x41;&#66;</v></x:c><br/>") == [
            "<c r=A1 t=s>", "<v>", "1 & <2> AB", "</v>", "</c>", "<br/>",
        ])
        #expect(events("<s r:id=\"rId1\"/>") == ["<s id=rId1 r:id=rId1/>"])
        #expect(events("<t><![CDATA[a<b]]></t>") == ["<t>", "a<b", "</t>"])
        #expect(events("<t>&bogus; &#xD800;</t>") == ["<t>", "&bogus; &#xD800;", "</t>"])
    }

    @Test func manyCommentsAreSkippedWithoutRecursion() {
        let xml = "<a>" + String(repeating: "<!--x-->", count: 300_000) + "<?p?>" + "</a>"
        #expect(events(xml) == ["<a>", "</a>"])
    }

    @Test func malformedInputEndsTheScan() {
        #expect(events("<a b=\"unterminated") == [])
        #expect(events("<a b>") == [])
        #expect(events("<!-- open") == [])
        #expect(events("text only") == ["text only"])
    }

    @Test func cellsOutOfOrderAndWithoutReferences() throws {
        let xml = """
        <worksheet><sheetData>
        <row r="1"><c r="B1" t="inlineStr"><is><t>b</t></is></c><c r="A1" t="inlineStr"><is><t>a</t></is></c></row>
        <row><c t="inlineStr"><is><t>x</t></is></c><c><v>2</v></c></row>
        </sheetData></worksheet>
        """
        var sheet = XLSXSheet(name: "S", path: "t.xlsx", strings: [], styles: XLSXStyles(), date1904: false)
        sheet.read(Array(xml.utf8))
        let data = try sheet.dataset(name: "t", metadata: DatasetMetadata(title: "T", source: "S"))
        #expect(data.columnNames == ["a", "b"])
        #expect(data.columns.map { $0.values.map(\.text) } == [["x"], ["2"]])
    }

    @Test func dateFormatCodes() {
        #expect(XLSXStyles.classify("yyyy-mm-dd") == (date: true, time: false))
        #expect(XLSXStyles.classify("[$-409]mmm d, yyyy;@") == (date: true, time: false))
        #expect(XLSXStyles.classify("h:mm:ss") == (date: false, time: true))
        #expect(XLSXStyles.classify("mmm-yy") == (date: true, time: false))
        #expect(XLSXStyles.classify("yyyy-mm-dd hh:mm") == (date: true, time: true))
        #expect(XLSXStyles.classify("#,##0.00") == (date: false, time: false))
        #expect(XLSXStyles.classify("0.0\" days\"") == (date: false, time: false))
        #expect(XLSXStyles.classify("[Red]#,##0;[Blue]-#,##0") == (date: false, time: false))
        #expect(XLSXStyles.classify("\\d0") == (date: false, time: false))
    }

    @Test func excelSerials() {
        func date(_ serial: Double, _ date1904: Bool = false, time: Bool = false) -> String {
            switch XLSXSheet.date(serial: serial, date1904: date1904, withTime: time) {
            case .success(let text): text
            case .failure(let problem): "error: " + problem.message
            }
        }
        #expect(date(1) == "1900-01-01")
        #expect(date(59) == "1900-02-28")
        #expect(date(60).hasPrefix("error: serial 60 is 29 February 1900"))
        #expect(date(61) == "1900-03-01")
        #expect(date(43_646) == "2019-06-30")
        #expect(date(43_646, true) == "2023-07-01")
        #expect(date(0, true) == "1904-01-01")
        #expect(date(43_831.75) == "2020-01-01 18:00")
        #expect(date(43_831, time: true) == "2020-01-01 00:00")
        #expect(date(43_831.999_999_9) == "2020-01-02")
        #expect(date(-1).hasPrefix("error:"))
        #expect(date(.nan).hasPrefix("error:"))
        #expect(date(1e300).hasPrefix("error:"))
    }
}
