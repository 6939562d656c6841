import BriefSite
import Foundation
#if canImport(FoundationXML)
import FoundationXML
#endif
import Testing

/// Strings whose only special character is `<`: escaping must not rely on a `>`, `"` or `&`
/// elsewhere in the same string. A chart title, a CSV cell, a brief title and summary, and
/// dataset metadata, through a whole build; feed.xml is then read by a real XML parser.
@Suite struct LoneAngleBracketTests {
    static let chartTitle = "Up <img src=x onerror=alert(1)//"
    static let cell = "<i onmouseover=alert(2)//"
    static let briefTitle = "Exports <b up"
    static let summary = "Rise <s and fall"
    static let datasetTitle = "Lone <u data"
    static let raw = [chartTitle, cell, briefTitle, summary, datasetTitle, "<img src=x", "<i onmouseover", "<b up", "<s and", "<u data", "<src"]

    static let changes: [String: String?] = [
        "Content/briefs/lone.md": """
            ---
            title: Exports <b up
            date: 2023-01-01
            summary: Rise <s and fall
            tags: [trade]
            ---
            Text before the chart.

            ```chart
            type: bar
            data: lone
            x: label
            y: value
            title: Up <img src=x onerror=alert(1)//
            ```

            ```table
            data: lone
            caption: Up <img src=x onerror=alert(1)//
            ```
            """,
        "Content/data/lone.csv": "label,value\n<i onmouseover=alert(2)//,1\nplain,2\n",
        "Content/data/lone.yml": "title: Lone <u data\nsource: Tests <src\n",
    ]

    @Test func lessThanAloneIsEscapedInEveryPageAndFeed() throws {
        let result = buildFixture(Self.changes)
        #expect(result.succeeded, "\(result.diagnostics)")
        var checked = 0
        for file in result.outputs where [".html", ".xml", ".js", ".json", ".svg"].contains(where: file.path.hasSuffix) {
            let body = text(file)
            for raw in Self.raw {
                #expect(!body.contains(raw), "\(file.path) holds \(raw.debugDescription) unescaped")
            }
            checked += 1
        }
        #expect(checked >= 10)

        let page = text(try #require(result.outputs.first { $0.path == "briefs/lone/index.html" }))
        #expect(page.contains("Up &lt;img src=x onerror=alert(1)//"))
        #expect(page.contains("&lt;i onmouseover=alert(2)//"))
        #expect(page.contains("Exports &lt;b up"))
        let dataPage = text(try #require(result.outputs.first { $0.path == "data/lone/index.html" }))
        #expect(dataPage.contains("Lone &lt;u data"))
        #expect(dataPage.contains("&lt;i onmouseover=alert(2)//"))
    }

    @Test func feedIsWellFormedXMLAndCarriesTheTextAsWritten() throws {
        let result = buildFixture(Self.changes)
        #expect(result.succeeded, "\(result.diagnostics)")
        let feed = try #require(result.outputs.first { $0.path == "feed.xml" })
        let reader = ElementTextReader()
        let parser = XMLParser(data: Data(feed.bytes))
        parser.delegate = reader
        #expect(parser.parse(), "feed.xml is not well-formed XML: \(parser.parserError.map { "\($0)" } ?? "")")
        // The parser undoes one level of escaping: titles come back exactly as the author wrote them.
        #expect(reader.texts["title", default: []].contains(Self.briefTitle))
        #expect(reader.texts["summary", default: []].contains(Self.summary))
        // The entry's content is HTML; in it the chart title is still escaped, never a tag.
        let contents = reader.texts["content", default: []]
        #expect(contents.count >= 2)
        let lone = try #require(contents.first { $0.contains("Text before the chart.") })
        #expect(lone.contains("Up &lt;img src=x onerror=alert(1)//"))
        #expect(!lone.contains("<img src=x"))
        #expect(!lone.contains("<i onmouseover"))
    }
}

/// Collects the text of every element by name.
final class ElementTextReader: NSObject, XMLParserDelegate {
    var texts: [String: [String]] = [:]
    private var stack: [(String, String)] = []

    func parser(_ parser: XMLParser, didStartElement name: String, namespaceURI: String?, qualifiedName: String?,
                attributes: [String: String] = [:]) {
        stack.append((name, ""))
    }

    func parser(_ parser: XMLParser, foundCharacters string: String) {
        if !stack.isEmpty { stack[stack.count - 1].1 += string }
    }

    func parser(_ parser: XMLParser, didEndElement name: String, namespaceURI: String?, qualifiedName: String?) {
        guard let (open, text) = stack.popLast() else { return }
        texts[open, default: []].append(text)
    }
}
