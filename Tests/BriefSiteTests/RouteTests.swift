import Foundation
import Testing
@testable import BriefSite

/// `Route` alone knows output paths and relative hrefs.
@Suite struct RouteTests {
    @Test func outputPaths() {
        let expected: [(Route, String)] = [
            (.home, "index.html"), (.brief("x"), "briefs/x/index.html"), (.citation("x", .bib), "briefs/x/cite.bib"),
            (.citation("x", .ris), "briefs/x/cite.ris"), (.page("about"), "pages/about/index.html"),
            (.tags, "tags/index.html"), (.tag("trade"), "tags/trade/index.html"), (.dataIndex, "data/index.html"),
            (.dataset("gdp"), "data/gdp/index.html"), (.dataset("gdp", page: 3), "data/gdp/page/3/index.html"),
            (.datasetFile("gdp", .csv), "data/gdp.csv"), (.datasetFile("gdp", .json), "data/gdp.json"),
            (.bibliography, "bibliography/index.html"), (.book, "book/index.html"), (.changes, "changes/index.html"),
            (.notFound, "404.html"), (.searchIndex, "search-index.js"), (.feed, "feed.xml"), (.sitemap, "sitemap.xml"),
            (.file("assets/a.png"), "assets/a.png"),
        ]
        for (route, path) in expected { #expect(route.path == path) }
    }

    @Test func hrefsClimbToTheRootThenDescend() {
        #expect(Route.home.href(to: .brief("x")) == "briefs/x/index.html")
        #expect(Route.brief("x").href(to: .brief("y"), fragment: "#a") == "../../briefs/y/index.html#a")
        #expect(Route.dataset("gdp", page: 2).href(to: .dataset("gdp")) == "../../../../data/gdp/index.html")
        #expect(Route.notFound.href(to: .feed) == "feed.xml")
        #expect(Route.tags.href(to: .tag("t")) == "t/index.html")
        #expect(Route.brief("x").href(to: .citation("x", .bib)) == "cite.bib")
        #expect(Route.dataset("gdp").href(to: .dataset("gdp", page: 2)) == "page/2/index.html")
        #expect(Route.dataset("gdp").href(to: .datasetFile("gdp", .csv)) == "../../data/gdp.csv")
        #expect(Route.brief("x").url(base: "https://e.org/") == "https://e.org/briefs/x/")
        #expect(Route.home.url(base: "https://e.org/") == "https://e.org/")
    }

    @Test func navPathsAndFolders() {
        #expect(Route.nav("/") == .home)
        #expect(Route.nav("/data/").path == "data/index.html")
        #expect(Route.nav("about").path == "about/index.html")
        #expect(Route.nav("/x.html").path == "x.html")
        #expect(Route.indexFile(inFolder: "") == "index.html")
        #expect(Route.indexFile(inFolder: "briefs/x") == "briefs/x/index.html")
    }

    @Test func dependencyKeysKeepTheCacheSpelling() {
        #expect(Dependency.dataset("gdp").key == "data:gdp")
        #expect(Dependency.brief("x").key == "briefs/x")
        #expect(Dependency.page("y").key == "pages/y")
        #expect(Dependency.asset("assets/a.png").key == "assets/a.png")
        #expect(Route.datasetFile("gdp", .csv).dependency == .dataset("gdp"))
    }

    /// The acceptance grep of issue 12: no output path built by interpolation (`…index.html"`
    /// after a `\(`) and no `"../` outside Route.swift. Comments are prose, not paths.
    @Test func noHandBuiltOutputPathsOutsideTheRouteTable() throws {
        var sources = URL(fileURLWithPath: #filePath)
        for _ in 0..<3 { sources.deleteLastPathComponent() }
        sources.appendPathComponent("Sources")
        let files = try FileManager.default.subpathsOfDirectory(atPath: sources.path)
        var offenders: [String] = []
        for file in files.sorted() where file.hasSuffix(".swift") && !file.hasSuffix("/Route.swift")
            && !file.hasSuffix("BuiltinTheme+Files.swift") {
            let text = try String(contentsOfFile: sources.path + "/" + file, encoding: .utf8)
            for (n, line) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
                let code = line.drop { $0 == " " }
                if code.hasPrefix("//") { continue }
                let interpolatedIndex = line.contains("index.html\"") && line.contains("\\(")
                let climbing = line.contains("\"../")
                let handBuiltFolder = ["\"briefs/\\(", "\"pages/\\(", "\"tags/\\(", "\"data/\\("].contains { line.contains($0) }
                if interpolatedIndex || climbing || handBuiltFolder { offenders.append("Sources/\(file):\(n + 1): \(code)") }
            }
        }
        #expect(offenders.isEmpty, "output paths built outside Route.swift:\n\(offenders.joined(separator: "\n"))")
    }
}
