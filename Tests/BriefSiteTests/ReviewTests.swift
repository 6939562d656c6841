@testable import BriefSite
import Foundation
import Testing

/// Issue 15: what reviewers and CI rely on: --base-url, derived figures, checked claims,
/// provenance links, and brief diff against a real git repository.
@Suite struct ReviewTests {
    // MARK: --base-url

    @Test func baseURLOnTheRealSiteMakesFeedAndSitemapAbsolute() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("brief-baseurl-\(UUID().uuidString)").path
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let run = try BriefCLI.run(["build", "--clean", "--content", packageRoot + "/Content", "--templates", packageRoot + "/Templates",
                                    "--output", folder + "/Output", "--base-url", "https://example.org/briefing/"], in: packageRoot)
        #expect(run.status == 0, "\(run.stderr)")
        let feed = try String(contentsOfFile: folder + "/Output/feed.xml", encoding: .utf8)
        let sitemap = try String(contentsOfFile: folder + "/Output/sitemap.xml", encoding: .utf8)
        let base = "https://example.org/briefing/"
        // Every link of the feed (its own, and those inside each entry's escaped HTML) and every
        // sitemap location is absolute; site links are under the base.
        let feedLinks = Self.values(after: "href=\"", in: feed) + Self.values(after: "href=&quot;", in: feed, end: "&quot;")
        #expect(feedLinks.count > 20)
        for link in feedLinks { #expect(link.hasPrefix("https://") || link.hasPrefix("http://"), "relative link in feed.xml: \(link)") }
        #expect(feedLinks.filter { $0.hasPrefix(base) }.count > 10)
        let locations = Self.values(after: "<loc>", in: sitemap, end: "</loc>")
        #expect(locations.count > 50)
        for location in locations { #expect(location.hasPrefix(base), "\(location)") }
        let page = try String(contentsOfFile: folder + "/Output/briefs/trade-balance/index.html", encoding: .utf8)
        #expect(page.contains("<link rel=\"canonical\" href=\"\(base)briefs/trade-balance/\">"))
        #expect(page.contains("<meta property=\"og:url\" content=\"\(base)briefs/trade-balance/\">"))
    }

    @Test func aBaseURLThatIsNotAWebAddressIsRefused() throws {
        let project = try ScratchProject()
        let run = try BriefCLI.run(["build", "--base-url", "example.org/x"], in: project.root)
        #expect(run.status == 64)
        #expect(run.stderr.contains("--base-url: the base URL must be an absolute http(s) URL"), "\(run.stderr)")
    }

    static func values(after open: String, in text: String, end: String = "\"") -> [String] {
        text.components(separatedBy: open).dropFirst().compactMap { $0.components(separatedBy: end).first }
    }

    // MARK: Derived figures and claims

    static func build(_ body: String) -> BuildResult {
        buildFixture(["Content/briefs/derived.md": brief(title: "Derived", body)])
    }

    static func page(_ result: BuildResult, _ slug: String = "derived") -> String {
        result.outputs.first { $0.path == "briefs/\(slug)/index.html" }.map(text) ?? ""
    }

    @Test func derivedFiguresPrintChangeDifferenceAndRatio() {
        let result = Self.build("""
            Up `@change(exports.exports_musd, FY2019-20, FY2021-22)`, by `@diff(exports.exports_musd, FY2019-20, FY2021-22)` \
            million (`@diff(exports.exports_musd, FY2019-20, FY2021-22)|usd_millions_words`), \
            `@ratio(exports.exports_musd, FY2019-20, FY2021-22)` times; down `@change(exports.exports_musd, FY2018-19, FY2019-20)`.
            """)
        #expect(result.diagnostics.filter { $0.severity == .error }.isEmpty, "\(result.diagnostics)")
        let html = Self.page(result)
        // (6798.982 − 3897.852) / 3897.852 = 74.43%; the difference keeps the source's decimals.
        #expect(html.contains(">+74.4%</a>"), "\(html)")
        #expect(html.contains(">2,901.13</a>"))
        #expect(html.contains(">$2.9 billion</a>"))
        #expect(html.contains(">1.74</a>"))
        #expect(html.contains(">\u{2212}3.6%</a>"))
        #expect(html.contains("title=\"Pakistan&#39;s trade with the US (SBP): Exports to the US, change from FY2019-20 to FY2021-22\""))
    }

    @Test func trueClaimsRenderNothing() {
        let result = Self.build("""
            Exports rose by more than half.

            ```claims
            # comments and blank lines are allowed

            exports.exports_musd[FY2021-22] > 1.5 * exports.exports_musd[FY2019-20]
            change(exports.exports_musd, FY2019-20, FY2021-22) >= 74.4
            exports.exports_musd[FY2021-22] - exports.exports_musd[FY2019-20] == 2901.13
            (exports.exports_musd[FY2020-21] + exports.exports_musd[FY2021-22]) / 2 < 6000
            ratio(exports.exports_musd, FY2019-20, FY2021-22) != 2
            ```
            """)
        #expect(result.diagnostics.filter { $0.severity == .error }.isEmpty, "\(result.diagnostics)")
        let html = Self.page(result)
        #expect(!html.contains("claims"))
        #expect(!html.contains("exports.exports_musd"))
    }

    @Test func aDataEditThatFalsifiesAClaimFailsBuildAndCheck() throws {
        let project = try ScratchProject()
        try project.write("Content/briefs/claim.md", brief(title: "Claim", """
            Exports more than doubled.

            ```claims
            exports.exports_musd[FY2021-22] > 1.5 * exports.exports_musd[FY2019-20]
            ```
            """))
        #expect(try BriefCLI.run(["build"], in: project.root).status == 0)
        #expect(try BriefCLI.run(["check"], in: project.root).status == 0)
        // A revision: FY2021-22 falls below one and a half times FY2019-20.
        try project.replace("Content/data/exports.csv", "FY2021-22,6798.982,", "FY2021-22,5798.982,")
        let expected = "Content/briefs/claim.md:8:1: error: claim is false: 5,798.982 is not greater than 5,846.778 "
            + "(exports.exports_musd[FY2021-22] = 5,798.982, exports.exports_musd[FY2019-20] = 3,897.852)"
        let build = try BriefCLI.run(["build"], in: project.root)
        #expect(build.status == 1)
        #expect(build.stderr.hasPrefix(expected), "\(build.stderr)")
        let check = try BriefCLI.run(["check"], in: project.root)
        #expect(check.status == 1)
        #expect(check.stdout.hasPrefix(expected), "\(check.stdout)")
        let github = try BriefCLI.run(["check", "--format", "github"], in: project.root)
        #expect(github.stdout.hasPrefix("::error file=Content/briefs/claim.md,line=8,col=1::claim is false"), "\(github.stdout)")
    }

    @Test func claimParsing() throws {
        let claim = try Claim.parse("a.b[FY 1] + 2 * (3 - c.d[x]) >= -1")
        #expect(claim.comparison == .greaterOrEqual)
        #expect(throws: Claim.SyntaxError.self) { try Claim.parse("a.b[x]") }
        #expect(throws: Claim.SyntaxError.self) { try Claim.parse("a.b[x] > ") }
        #expect(throws: Claim.SyntaxError.self) { try Claim.parse("a.b[x] > (1") }
        #expect(throws: Claim.SyntaxError.self) { try Claim.parse("ab[x] > 1") }
        #expect(throws: Claim.SyntaxError.self) { try Claim.parse("change(a.b, x) > 1") }
        // Deep nesting is refused, not recursed into.
        #expect(throws: Claim.SyntaxError.self) { try Claim.parse(String(repeating: "(", count: 100_000) + "1" + " > 0") }
        #expect(throws: Claim.SyntaxError.self) { try Claim.parse(String(repeating: "-", count: 100_000) + "1 > 0") }
    }

    // MARK: Provenance

    @Test func figuresLinkToTheirRowAndLowConfidenceIsMarked() throws {
        let low = (fixtureFiles()["Content/data/exports.yml"].map { String(decoding: $0, as: UTF8.self) } ?? "") + "confidence: low (a test)\n"
        let result = buildFixture([
            "Content/data/exports.yml": low,
            "Content/briefs/derived.md": brief(title: "Derived", "Exports were `@exports.exports_musd[FY2020-21]`."),
        ])
        #expect(result.diagnostics.filter { $0.severity == .error }.isEmpty, "\(result.diagnostics)")
        let html = Self.page(result)
        #expect(html.contains("href=\"../../data/exports/index.html#row-fy2020-21\""), "\(html)")
        #expect(html.contains("class=\"datum low-confidence\""))
        #expect(html.contains("<span class=\"visually-hidden\"> (low confidence)</span>"))
        let dataset = result.outputs.first { $0.path == "data/exports/index.html" }.map(text) ?? ""
        #expect(dataset.contains("<tr id=\"row-fy2020-21\">"))
        // schema.org Dataset, valid JSON inside its script element.
        let ld = try #require(dataset.components(separatedBy: "<script type=\"application/ld+json\">").dropFirst().first?.components(separatedBy: "</script>").first)
        let object = try JSONSerialization.jsonObject(with: Data(ld.utf8)) as? [String: Any]
        #expect(object?["@type"] as? String == "Dataset")
        #expect(object?["dateModified"] as? String == "2026-11-20")
        #expect((object?["distribution"] as? [[String: Any]])?.first?["contentUrl"] as? String == "https://example.org/briefing/data/exports.csv")
    }
}

/// `brief check --stale`, with the day injected so the output is fixed.
@Suite struct StaleCheckTests {
    @Test func aMonthlyDatasetPastItsNextReleaseIsListedWithItsBriefs() throws {
        let project = try ScratchProject()
        try project.replace("Content/data/exports.yml", "retrieved: 2026-11-20\n", "retrieved: 2026-11-20\nrelease: monthly\n")
        // 2026-12-20: 30 days after retrieval, within a monthly source's 45 days.
        let fresh = try BriefCLI.run(["check", "--stale", "--today", "2026-12-20"], in: project.root)
        #expect(fresh.status == 0 && fresh.stdout.isEmpty, "\(fresh.stdout)\(fresh.stderr)")
        let text = try BriefCLI.run(["check", "--stale", "--today", "2027-01-20"], in: project.root)
        let message = "dataset 'exports' was retrieved 2026-11-20, 61 days ago; its source publishes monthly, so newer figures are likely out (used by Content/briefs/exports-rise.md)"
        #expect(text.status == 0, "warnings fail only with --strict")
        #expect(text.stdout.hasPrefix("Content/data/exports.yml:5:1: warning: " + message), "\(text.stdout)")
        #expect(try BriefCLI.run(["check", "--stale", "--strict", "--today", "2027-01-20"], in: project.root).status == 1)
        let github = try BriefCLI.run(["check", "--stale", "--format", "github"], in: project.root, environment: ["BRIEF_TODAY": "2027-01-20"])
        #expect(github.stdout == "::warning file=Content/data/exports.yml,line=5,col=1::" + message + "\n", "\(github.stdout)")
        let json = try BriefCLI.run(["check", "--stale", "--format", "json", "--today", "2027-01-20"], in: project.root)
        let object = try JSONSerialization.jsonObject(with: Data(json.stdout.utf8)) as? [String: Any]
        let stale = object?["stale"] as? [[String: Any]] ?? []
        #expect(stale.count == 1)
        #expect(stale.first?["name"] as? String == "exports" && stale.first?["age_days"] as? Int == 61 && stale.first?["limit_days"] as? Int == 45)
        #expect(stale.first?["briefs"] as? [String] == ["Content/briefs/exports-rise.md"])
        #expect(object?["today"] as? String == "2027-01-20")
        // Irregular sources are never stale; an unknown cadence is an error with a suggestion.
        try project.replace("Content/data/exports.yml", "release: monthly", "release: irregular")
        #expect(try BriefCLI.run(["check", "--stale", "--today", "2030-01-01"], in: project.root).stdout.isEmpty)
        try project.replace("Content/data/exports.yml", "release: irregular", "release: montly")
        let bad = try BriefCLI.run(["check"], in: project.root)
        #expect(bad.stdout.hasPrefix("Content/data/exports.yml:6:10: error: unknown release cadence 'montly' (did you mean 'monthly'?)"), "\(bad.stdout)")
    }
}
