import BriefData
@testable import BriefSite
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
        let briefs = result.outputs.filter { $0.path.hasPrefix("briefs/") && $0.path.hasSuffix("/index.html") && !$0.path.contains("/charts/") }
        #expect(briefs.count >= 8)
        for page in briefs {
            let html = text(page)
            #expect(html.contains("<figure class=\"chart") || html.contains("<figure class=\"data-table"), "\(page.path) has no chart or table")
            #expect(html.contains("<h2 id=\"sources-title\">Sources and data</h2>"))
            let words = html.split(whereSeparator: \.isWhitespace).count
            #expect(words > 400, "\(page.path) is short")
        }
    }

    /// The research folder (`shared/sources`): beside the package in the main checkout, one level
    /// further up from a helper's worktree (/work/wt/<name>).
    static let sharedSources: String? = ["/../shared/sources", "/../../shared/sources"]
        .map { packageRoot + $0 }
        .first { FileManager.default.fileExists(atPath: $0 + "/SOURCES.md") }

    /// Every number in Content/data/*.csv appears, as written, in shared/sources (the researched
    /// figures with their SOURCES.md), or else in a sentence the dataset's metadata quotes from its
    /// public source (`quotes:`) — nothing invented, interpolated or rounded.
    @Test(.enabled(if: sharedSources != nil))
    func everyFigureInTheDataIsInTheSources() throws {
        let folder = try #require(Self.sharedSources)
        var sourceText = ""
        for (_, bytes) in loadTree(folder, as: "") { sourceText += String(decoding: bytes, as: UTF8.self) + "\n" }
        var tokens = Set(sourceText.split(whereSeparator: { !($0.isNumber || $0 == "." || $0 == "-") }).map { token in
            String(token.drop { $0 == "-" || $0 == "." })
        })
        // SOURCES.md writes some figures with thousands separators ("USD 5,444.197 million").
        tokens.formUnion(Self.quotedNumbers(sourceText))
        let result = Site.build(.inMemory(bytes: Self.files))
        #expect(result.succeeded)
        var missing: [String] = []
        var checked = 0
        for (path, bytes) in Self.files.sorted(by: { $0.key < $1.key })
        where path.hasPrefix("Content/data/") && path.hasSuffix(".csv") {
            let name = String(path.dropFirst("Content/data/".count).dropLast(4))
            let metaPath = "Content/data/\(name).yml"
            let metaText = String(decoding: Self.files[metaPath] ?? [], as: UTF8.self)
            let meta = try DatasetMetadata.decode(try YAMLReader.parse(metaText, path: metaPath), path: metaPath)
            let quoted = meta.quotes.reduce(into: Set<String>()) { $0.formUnion(Self.quotedNumbers($1.text)) }
            let dataset = try Dataset.parseCSV(String(decoding: bytes, as: UTF8.self), name: name, path: path, metadata: meta)
            for column in dataset.columns where column.type == .number {
                for value in column.values {
                    guard case .number(_, let text) = value else { continue }
                    checked += 1
                    let bare = String(text.drop { $0 == "-" || $0 == "+" })
                    if tokens.contains(bare) { continue }
                    if let plain = Self.plainDecimal(bare), quoted.contains(plain) { continue }
                    missing.append("\(path) \(column.name): \(text)")
                }
            }
        }
        #expect(checked >= 50, "only \(checked) figures checked")
        #expect(missing.isEmpty, "figures neither in shared/sources nor quoted in their dataset's metadata: \(missing)")
    }

    /// The numbers a quoted sentence states, as plain decimals: "$6,028.193 million" gives
    /// 6028.193; a figure followed by "billion" or "bn" also counts in millions (the datasets'
    /// unit: "$2.9 billion" gives 2.9 and 2900), as SOURCES.md converts them, and so does a sum
    /// written out in full ("$1,500,000,000" gives 1500). Only the point moves: no rounding.
    static func quotedNumbers(_ text: String) -> Set<String> {
        var result: Set<String> = []
        let characters = Array(text)
        var i = 0
        while i < characters.count {
            guard characters[i].isASCII, characters[i].isNumber else { i += 1; continue }
            var token = ""
            var j = i
            while j < characters.count {
                let c = characters[j]
                if c.isASCII && c.isNumber {
                    token.append(c)
                } else if c == ".", j + 1 < characters.count, characters[j + 1].isASCII, characters[j + 1].isNumber,
                          !token.contains(".") {
                    token.append(c)
                } else if c == ",", !token.contains("."), isThousandsGroup(characters, after: j) {
                    // A separator only when exactly three digits follow ("18,232", not "18,23228").
                } else {
                    break
                }
                j += 1
            }
            if let plain = plainDecimal(token) {
                result.insert(plain)
                let rest = String(characters[j..<min(characters.count, j + 9)]).lowercased().drop { $0 == " " }
                if rest.hasPrefix("billion") || rest.hasPrefix("bn"), let millions = timesThousand(plain) {
                    result.insert(millions)
                }
                // A sum written out in dollars ("$1,500,000,000") also counts in millions (1500).
                if !plain.contains("."), plain.count > 6, let millions = plainDecimal(String(plain.dropLast(6)) + "." + String(plain.suffix(6))) {
                    result.insert(millions)
                }
            }
            i = j
        }
        return result
    }

    /// Whether the comma at `index` is followed by exactly three digits and then no further digit.
    static func isThousandsGroup(_ characters: [Character], after index: Int) -> Bool {
        let digits = characters.dropFirst(index + 1).prefix { $0.isASCII && $0.isNumber }
        return digits.count == 3
    }

    /// A decimal written without separators, leading zeros or trailing fractional zeros
    /// ("0250.50" → "250.5"); nil when `text` is not digits with at most one point.
    static func plainDecimal(_ text: String) -> String? {
        let parts = text.split(separator: ".", omittingEmptySubsequences: false)
        guard (1...2).contains(parts.count), parts.allSatisfy({ $0.allSatisfy { $0.isASCII && $0.isNumber } }),
              !(parts.first ?? "").isEmpty || parts.count == 2 else { return nil }
        var whole = String((parts.first ?? "").drop { $0 == "0" })
        if whole.isEmpty { whole = "0" }
        var fraction = parts.count == 2 ? String(parts[1]) : ""
        while fraction.last == "0" { fraction.removeLast() }
        if whole == "0" && fraction.isEmpty && text.allSatisfy({ $0 == "." }) { return nil }
        return fraction.isEmpty ? whole : whole + "." + fraction
    }

    /// The plain decimal multiplied by 1,000 by moving its point, so no precision is added.
    static func timesThousand(_ plain: String) -> String? {
        let parts = plain.split(separator: ".", omittingEmptySubsequences: false)
        let whole = String(parts.first ?? "")
        var fraction = parts.count == 2 ? String(parts[1]) : ""
        while fraction.count < 3 { fraction.append("0") }
        let shifted = whole + fraction.prefix(3) + (fraction.count > 3 ? "." + fraction.dropFirst(3) : "")
        return plainDecimal(shifted)
    }

    @Test func quotedNumbersReadSeparatorsAndBillions() {
        let numbers = Self.quotedNumbers("Exports rose 10.72% to USD 6,028.193 million from $5.4bn; debt was $130.3 billion (2024-06-30).")
        #expect(numbers.isSuperset(of: ["10.72", "6028.193", "5.4", "5400", "130.3", "130300", "2024", "6", "30"]))
        #expect(!numbers.contains("6028193"))
        #expect(Self.quotedNumbers("18,23228 and 1,2").isDisjoint(with: ["1823228", "12"]))
        #expect(!numbers.contains("10720"))
        #expect(Self.quotedNumbers("up to $1,500,000,000 for each of the fiscal years").contains("1500"))
        #expect(!Self.quotedNumbers("up to $1,500,000,000 for each").contains("1.5"))
        #expect(Self.plainDecimal("0250.50") == "250.5")
        #expect(Self.plainDecimal("7,000") == nil)
        #expect(Self.timesThousand("1.2345") == "1234.5")
    }
}
