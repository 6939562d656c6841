import BriefData
import BriefSite
import Foundation
import Testing

/// The published briefing in Content/: every dataset carries its provenance, every brief shows
/// data, and every figure in the data can be found in the shared sources.
@Suite struct RealSiteTests {
    static let files: [String: [UInt8]] = {
        var files = loadTree(packageRoot + "/Content", as: "Content")
        files.merge(loadTree(packageRoot + "/Templates", as: "Templates")) { a, _ in a }
        return files
    }()

    @Test func realSiteBuildsWithoutWarnings() throws {
        let result = Site.build(.inMemory(bytes: Self.files))
        #expect(result.succeeded)
        #expect(result.diagnostics.isEmpty, "\(result.diagnostics.map(\.description))")
    }

    @Test func everyDatasetNamesItsSourceURLAndUnits() throws {
        let metadata = Self.files.keys.filter { $0.hasPrefix("Content/data/") && $0.hasSuffix(".yml") }.sorted()
        #expect(metadata.count >= 8)
        let result = Site.build(.inMemory(bytes: Self.files))
        for path in metadata {
            let name = String(path.dropFirst("Content/data/".count).dropLast(4))
            let page = try #require(result.outputs.first { $0.path == "data/\(name)/index.html" }, "\(name) has no page")
            let html = text(page)
            #expect(html.contains("<dt>Source</dt><dd><a href=\"http"), "\(name): no source link")
            #expect(html.contains("<dt>Units</dt>"), "\(name): no units")
            #expect(html.contains("<dt>Retrieved</dt>"), "\(name): no retrieval date")
        }
    }

    @Test func everyBriefRendersAFigureAndCitesData() throws {
        let result = Site.build(.inMemory(bytes: Self.files))
        let briefs = result.outputs.filter { $0.path.hasPrefix("briefs/") && $0.path.hasSuffix("/index.html") }
        #expect(briefs.count >= 8)
        for page in briefs {
            let html = text(page)
            #expect(html.contains("<figure class=\"chart") || html.contains("<figure class=\"data-table"), "\(page.path) has no chart or table")
            #expect(html.contains("<h2 id=\"sources-title\">Sources and data</h2>"))
            let words = html.split(whereSeparator: \.isWhitespace).count
            #expect(words > 400, "\(page.path) is short")
        }
    }

    /// Every number in Content/data/*.csv appears, as written, in ../shared/sources (the
    /// researched figures with their SOURCES.md) — nothing invented, interpolated or rounded.
    @Test(.enabled(if: FileManager.default.fileExists(atPath: packageRoot + "/../shared/sources/SOURCES.md")))
    func everyFigureInTheDataIsInTheSources() throws {
        var sourceText = ""
        for (_, bytes) in loadTree(packageRoot + "/../shared/sources", as: "") { sourceText += String(decoding: bytes, as: UTF8.self) + "\n" }
        let tokens = Set(sourceText.split(whereSeparator: { !($0.isNumber || $0 == "." || $0 == "-") }).map { token in
            String(token.drop { $0 == "-" || $0 == "." })
        })
        let result = Site.build(.inMemory(bytes: Self.files))
        #expect(result.succeeded)
        var missing: [String] = []
        var checked = 0
        for (path, bytes) in Self.files where path.hasPrefix("Content/data/") && path.hasSuffix(".csv") {
            let name = String(path.dropFirst("Content/data/".count).dropLast(4))
            let metaPath = "Content/data/\(name).yml"
            let meta = DatasetMetadata(title: name, source: "s", path: metaPath)
            let dataset = try Dataset.parseCSV(String(decoding: bytes, as: UTF8.self), name: name, path: path, metadata: meta)
            for column in dataset.columns where column.type == .number {
                for value in column.values {
                    guard case .number(_, let text) = value else { continue }
                    checked += 1
                    let bare = String(text.drop { $0 == "-" || $0 == "+" })
                    if !tokens.contains(bare) { missing.append("\(path) \(column.name): \(text)") }
                }
            }
        }
        #expect(checked >= 50, "only \(checked) figures checked")
        #expect(missing.isEmpty, "figures not found in ../shared/sources: \(missing)")
    }
}
