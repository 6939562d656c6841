import BriefSite
import Foundation
import Testing

/// `quotes:` in a dataset's metadata reaches its page: each sentence with its link, publisher and
/// retrieval date; a dataset without quotes shows no quotes section.
@Suite struct DatasetQuoteTests {
    static let metadata = """
        title: Pakistan's trade with the US (SBP)
        source: State Bank of Pakistan via APP
        source_url: https://nation.com.pk/2022/07/30/pak-us-trade-witnesses-over-44pc-growth-during-fy2021-22/
        retrieved: 2026-11-20
        units: USD millions
        quotes:
          - url: https://example.org/sbp-release
            publisher: State Bank of Pakistan
            retrieved: 2026-11-21
            text: "Exports to the USA were $6,028.193 million in FY2024-25 & rising."

        """

    @Test func quotesAppearOnTheDatasetPageWithLinkAndDate() throws {
        let result = buildFixture(["Content/data/exports.yml": Self.metadata])
        #expect(result.succeeded, "\(result.diagnostics)")
        let page = try #require(result.outputs.first { $0.path == "data/exports/index.html" })
        let html = text(page)
        #expect(html.contains("<h2 id=\"quotes-title\">Quoted from the sources</h2>"))
        #expect(html.contains("<blockquote cite=\"https://example.org/sbp-release\"><p>Exports to the USA were $6,028.193 million in FY2024-25 &amp; rising.</p></blockquote>"))
        #expect(html.contains("<a href=\"https://example.org/sbp-release\">State Bank of Pakistan</a>, retrieved <time datetime=\"2026-11-21\">21 November 2026</time>"))
    }

    @Test func datasetWithoutQuotesHasNoQuotesSection() throws {
        let result = buildFixture()
        let page = try #require(result.outputs.first { $0.path == "data/exports/index.html" })
        #expect(!text(page).contains("Quoted from the sources"))
    }

    @Test func aQuoteWithAnUnknownKeyFailsAtItsLine() throws {
        let broken = Self.metadata.replacingOccurrences(of: "    publisher:", with: "    publsher:")
        let result = buildFixture(["Content/data/exports.yml": broken])
        let error = try #require(result.diagnostics.first { $0.message.hasPrefix("unknown key") })
        #expect(!result.succeeded)
        #expect(result.diagnostics.contains { $0.message == "quote 1 needs 'publisher'" && $0.location.line == 7 })
        #expect(error.location.path == "Content/data/exports.yml")
        #expect(error.location.line == 8)
        #expect(error.location.column == 5)
        #expect(error.message == "unknown key 'publsher' in quote 1")
    }
}
