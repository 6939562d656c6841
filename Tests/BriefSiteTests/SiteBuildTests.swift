import BriefDiagnostics
import BriefSite
import Foundation
#if canImport(FoundationXML)
import FoundationXML
#endif
import Testing

@Suite struct SiteBuildTests {
    @Test func fixtureSiteMatchesGoldenFiles() throws {
        let result = buildFixture()
        #expect(result.diagnostics.filter { $0.severity == .error }.isEmpty, "\(result.diagnostics)")
        let goldenRoot = packageRoot + "/Tests/BriefSiteTests/Golden/site"
        let update = ProcessInfo.processInfo.environment["UPDATE_GOLDEN"] == "1"
        let fm = FileManager.default
        if update { try? fm.removeItem(atPath: goldenRoot) }
        var expected = Set(loadTree(goldenRoot, as: "").keys.map { String($0.dropFirst()) })
        expected = expected.filter { !$0.contains(".actual") }
        // Static files are copies of Templates/static: compared with their source, not a golden copy.
        let statics = loadTree(packageRoot + "/Templates/static", as: "static")
        for file in result.outputs where file.path.hasPrefix("static/") {
            #expect(statics[file.path] == file.bytes, "\(file.path) is not a byte copy of Templates/\(file.path)")
        }
        #expect(Set(result.outputs.map(\.path).filter { $0.hasPrefix("static/") }) == Set(statics.keys))
        // Social cards are PNGs drawn by the installed librsvg: ChartPageTests and
        // SVGRasterTests hold them (size, reproducibility, what changes them), not a golden copy.
        func isCard(_ path: String) -> Bool { path.hasSuffix("/card.png") }
        for file in result.outputs where !file.path.hasPrefix("static/") && !isCard(file.path) {
            let path = goldenRoot + "/" + file.path
            if update {
                try fm.createDirectory(atPath: (path as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
                try Data(file.bytes).write(to: URL(fileURLWithPath: path))
                continue
            }
            let golden = fm.contents(atPath: path).map { Array($0) }
            if golden != file.bytes {
                let ext = (file.path as NSString).pathExtension
                let actual = (path as NSString).deletingPathExtension + ".actual." + ext
                try? fm.createDirectory(atPath: (path as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
                try? Data(file.bytes).write(to: URL(fileURLWithPath: actual))
                Issue.record("\(file.path) differs from its golden file; see \(actual) (UPDATE_GOLDEN=1 to accept)")
            }
        }
        if !update {
            #expect(Set(result.outputs.map(\.path).filter { !$0.hasPrefix("static/") && !isCard($0) }) == expected, "the set of output files changed")
        }
    }

    @Test func outputLayoutAndRelativeLinks() throws {
        let result = buildFixture()
        let paths = Set(result.outputs.map(\.path))
        for path in ["index.html", "briefs/exports-rise/index.html", "briefs/balance/index.html",
                     "pages/about/index.html", "tags/index.html", "tags/trade/index.html", "tags/exports/index.html",
                     "data/index.html", "data/exports/index.html", "data/exports.csv", "data/exports.json",
                     "book/index.html", "404.html", "feed.xml", "sitemap.xml", "search-index.js",
                     "static/site.css", "assets/pixel.png"] {
            #expect(paths.contains(path), "missing \(path)")
        }
        // Drafts are built only with --drafts.
        #expect(!paths.contains("briefs/draft-note/index.html"))
        #expect(buildFixture(drafts: true).outputs.contains { $0.path == "briefs/draft-note/index.html" })
        // Every internal link is relative, ends in index.html (or names a file), and resolves.
        var linksChecked = 0
        for file in result.outputs where file.path.hasSuffix(".html") {
            let html = text(file)
            for href in attributeValues("href", in: html) + attributeValues("src", in: html) {
                if href.hasPrefix("https://") || href.hasPrefix("http://") || href.hasPrefix("#") || href.hasPrefix("mailto:") { continue }
                linksChecked += 1
                #expect(!href.hasPrefix("/"), "\(file.path): absolute link \(href)")
                let target = resolve(href, from: file.path)
                #expect(paths.contains(target), "\(file.path): broken link \(href)")
                if !href.contains(".") || href.hasSuffix("/") { Issue.record("\(file.path): link without index.html: \(href)") }
            }
        }
        #expect(linksChecked >= 50, "only \(linksChecked) internal links checked")
    }

    @Test func briefsAreListedNewestFirstWithTheirData() throws {
        let result = buildFixture()
        let home = try #require(result.outputs.first { $0.path == "index.html" }).bytes
        let html = String(decoding: home, as: UTF8.self)
        let balance = try #require(html.range(of: "The balance"))
        let rise = try #require(html.range(of: "Exports to the US rose"))
        #expect(balance.lowerBound < rise.lowerBound, "newest first")
        let brief = text(try #require(result.outputs.first { $0.path == "briefs/exports-rise/index.html" }))
        #expect(brief.contains(">6,798.982</a> million dollars"))
        #expect(brief.contains(">$6.8B</a>"))
        #expect(brief.contains("href=\"../../briefs/balance/index.html#what-it-shows\""))
        #expect(brief.contains("<h2 id=\"the-numbers\">") && brief.contains("<h2 id=\"the-numbers-2\">"))
        #expect(brief.contains("role=\"img\""))
    }

    @Test func feedIsAtomDatedFromContent() throws {
        let result = buildFixture()
        let feed = text(try #require(result.outputs.first { $0.path == "feed.xml" }))
        let document = try XMLDocument(xmlString: feed)
        let root = try #require(document.rootElement())
        #expect(root.name == "feed")
        #expect(root.uri == "http://www.w3.org/2005/Atom")
        for name in ["id", "title", "updated"] {
            #expect(root.elements(forName: name).count == 1, "feed needs one \(name)")
        }
        #expect(root.elements(forName: "updated").first?.stringValue == "2022-08-01T00:00:00Z")
        let entries = root.elements(forName: "entry")
        #expect(entries.count == 2)
        for entry in entries {
            for name in ["id", "title", "updated"] { #expect(entry.elements(forName: name).count == 1) }
        }
        #expect(entries.first?.elements(forName: "id").first?.stringValue == "https://example.org/briefing/briefs/balance/")
        let sitemap = text(try #require(result.outputs.first { $0.path == "sitemap.xml" }))
        _ = try XMLDocument(xmlString: sitemap)
        #expect(sitemap.contains("<loc>https://example.org/briefing/briefs/balance/</loc><lastmod>2022-08-01</lastmod>"))
    }

    @Test func noBaseURLMeansNoFeedAndANote() throws {
        let site = "title: Fixture Briefing\ndescription: d\n"
        let result = buildFixture(["Content/site.yml": site])
        #expect(result.succeeded)
        #expect(!result.outputs.contains { $0.path == "feed.xml" || $0.path == "sitemap.xml" })
        #expect(result.notes.contains { $0.contains("base_url") })
        #expect(!result.outputs.contains { text($0).contains("https://example.org") })
    }

    @Test func sameInputsInAnyOrderGiveIdenticalBytes() throws {
        let files = fixtureFiles()
        let forward = Site.build(.inMemory(bytes: files))
        var shuffled: [String: [UInt8]] = [:]
        for key in files.keys.sorted().reversed() { shuffled[key] = files[key] }
        let backward = Site.build(.inMemory(bytes: shuffled))
        #expect(forward.outputs == backward.outputs)
        #expect(forward.outputs == buildFixture().outputs)
    }

    @Test func crlfAndCROnlyGiveTheSameSiteAsLF() throws {
        let lf = fixtureFiles()
        var crlf = lf, cr = lf
        for (path, bytes) in lf where path.hasPrefix("Content/") && !path.hasSuffix(".png") {
            let s = String(decoding: bytes, as: UTF8.self)
            crlf[path] = Array(s.replacingOccurrences(of: "\n", with: "\r\n").utf8)
            cr[path] = Array(s.replacingOccurrences(of: "\n", with: "\r").utf8)
        }
        let expected = Site.build(.inMemory(bytes: lf)).outputs
        #expect(Site.build(.inMemory(bytes: crlf)).outputs == expected)
        #expect(Site.build(.inMemory(bytes: cr)).outputs == expected)
    }
}

/// Values of `name="…"` attributes in `html`.
func attributeValues(_ name: String, in html: String) -> [String] {
    var values: [String] = []
    var rest = Substring(html)
    let marker = " \(name)=\""
    while let start = rest.range(of: marker) {
        let after = rest[start.upperBound...]
        guard let end = after.firstIndex(of: "\"") else { break }
        values.append(String(after[..<end]).replacingOccurrences(of: "&amp;", with: "&"))
        rest = after[end...]
    }
    return values
}

/// The output path a relative `href` on page `page` points at (fragment and query dropped).
func resolve(_ href: String, from page: String) -> String {
    var target = href
    if let cut = target.firstIndex(where: { $0 == "#" || $0 == "?" }) { target = String(target[..<cut]) }
    var parts = page.split(separator: "/").dropLast().map(String.init)
    for part in target.split(separator: "/") {
        if part == ".." { if !parts.isEmpty { parts.removeLast() } } else if part != "." { parts.append(String(part)) }
    }
    return parts.joined(separator: "/")
}
