import BriefCharts
import BriefData
import BriefSite
import Foundation
import Testing

/// The bilingual right-to-left fixture (Tests/Fixtures/rtl-site: English and Urdu) and the
/// Urdu edition of the real site.
@Suite struct LanguageTests {
    static func rtlFiles() -> [String: [UInt8]] {
        var files = loadTree(packageRoot + "/Tests/Fixtures/rtl-site/Content", as: "Content")
        files.merge(loadTree(packageRoot + "/Templates", as: "Templates")) { a, _ in a }
        return files
    }

    static let rtl: BuildResult = Site.build(.inMemory(bytes: rtlFiles()))

    static func languageFile(_ code: String) throws -> InterfaceText {
        let path = packageRoot + "/Templates/i18n/\(code).yml"
        return try LanguageFile.load(try String(contentsOfFile: path, encoding: .utf8), code: code, path: path)
    }

    @Test func rtlFixtureMatchesGoldenFiles() throws {
        let result = Self.rtl
        #expect(result.succeeded, "\(result.diagnostics)")
        let goldenRoot = packageRoot + "/Tests/BriefSiteTests/Golden/rtl-site"
        let update = ProcessInfo.processInfo.environment["UPDATE_GOLDEN"] == "1"
        let fm = FileManager.default
        if update { try? fm.removeItem(atPath: goldenRoot) }
        let expected = Set(loadTree(goldenRoot, as: "").keys.map { String($0.dropFirst()) }).filter { !$0.contains(".actual") }
        // Social cards are PNGs drawn by the installed librsvg: ChartPageTests and SVGRasterTests
        // hold them (size, reproducibility, what changes them), not a golden copy.
        let made = result.outputs.filter { !$0.path.hasPrefix("static/") && !$0.path.hasSuffix("/card.png") }
        for file in made {
            let path = goldenRoot + "/" + file.path
            if update {
                try fm.createDirectory(atPath: (path as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
                try Data(file.bytes).write(to: URL(fileURLWithPath: path))
                continue
            }
            if fm.contents(atPath: path).map({ Array($0) }) != file.bytes {
                let ext = (file.path as NSString).pathExtension
                let actual = (path as NSString).deletingPathExtension + ".actual." + ext
                try? fm.createDirectory(atPath: (path as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
                try? Data(file.bytes).write(to: URL(fileURLWithPath: actual))
                Issue.record("\(file.path) differs from its golden file; see \(actual) (UPDATE_GOLDEN=1 to accept)")
            }
        }
        if !update { #expect(Set(made.map(\.path)) == expected, "the set of output files changed") }
    }

    @Test func translationsArePublishedUnderTheirLanguagesFolder() {
        let paths = Set(Self.rtl.outputs.map(\.path))
        for path in ["ur/index.html", "ur/briefs/remittances/index.html", "ur/pages/about/index.html", "ur/tags/index.html",
                     "ur/book/index.html", "ur/search-index.js", "ur/feed.xml"] {
            #expect(paths.contains(path), "missing \(path)")
        }
        // An untranslated brief has no Urdu page; datasets and static files are shared, once.
        #expect(!paths.contains("ur/briefs/second/index.html"))
        #expect(!paths.contains { $0.hasPrefix("ur/data/") || $0.hasPrefix("ur/static/") })
        // The sitemap lists both languages' pages.
        let sitemap = Self.rtl.outputs.first { $0.path == "sitemap.xml" }.map(text) ?? ""
        #expect(sitemap.contains("<loc>https://example.org/briefing/ur/briefs/remittances/</loc><lastmod>2023-07-15</lastmod>"))
        #expect(sitemap.contains("<loc>https://example.org/briefing/briefs/remittances/</loc>"))
        // Each language's search index holds its own briefs.
        let urduIndex = Self.rtl.outputs.first { $0.path == "ur/search-index.js" }.map(text) ?? ""
        #expect(urduIndex.contains("امریکہ سے ترسیلاتِ زر میں اضافہ") && !urduIndex.contains("Remittances from the US grew"))
        let feed = Self.rtl.outputs.first { $0.path == "ur/feed.xml" }.map(text) ?? ""
        #expect(feed.contains("xml:lang=\"ur\"") && feed.contains("https://example.org/briefing/ur/briefs/remittances/"))
    }

    @Test func urduNumbersAndDates() {
        let page = Self.rtl.outputs.first { $0.path == "ur/briefs/remittances/index.html" }.map(text) ?? ""
        // Lakh and crore grouping, Urdu month names, Urdu words for the dollar scale; the figure itself unchanged.
        #expect(page.contains(">81,23,45,678</a> ہزار روپے"))
        #expect(page.contains("<td class=\"num\">81,23,45,678</td>"))
        #expect(page.contains("15 جولائی 2023"))
        #expect(page.contains(">3.26 ارب ڈالر</a>"))
        let english = Self.rtl.outputs.first { $0.path == "briefs/remittances/index.html" }.map(text) ?? ""
        #expect(english.contains(">812,345,678</a> thousand rupees"))
        #expect(english.contains("15 July 2023") && english.contains(">$3.26 billion</a>"))
    }

    @Test func numberFormatsPerLanguage() throws {
        var urdu = try Self.languageFile("ur")
        #expect(urdu.number("12,345,678") == "1,23,45,678")
        #expect(urdu.number("−1,234,567.891") == "−12,34,567.891")
        #expect(urdu.number("99,999") == "99,999")
        #expect(urdu.number("FY2021-22: 6,798.982 and 100,000") == "FY2021-22: 6,798.982 and 1,00,000")
        #expect(urdu.longDate("2022-07-03") == "3 جولائی 2022")
        #expect(urdu.longDate("2024-12") == "دسمبر 2024")
        #expect(NumberFormat.usdMillions.format(.number(6798.982, text: "6798.982"), in: urdu) == "6.8 ارب ڈالر")
        #expect(NumberFormat.percent.format(.number(19.1, text: "19.1"), in: urdu) == "19.1 فیصد")
        urdu.digits = .easternArabic
        #expect(urdu.number("1,234.5") == "۱٬۲۳۴٫۵")
        #expect(urdu.longDate("2022-07-03") == "۳ جولائی ۲۰۲۲")
        let english = try Self.languageFile("en")
        #expect(english.number("12,345,678") == "12,345,678")
        #expect(english.longDate("2022-07-03") == "3 July 2022")
        #expect(NumberFormat.usdMillions.format(.number(6798.982, text: "6798.982"), in: english) == "$6.8B")
    }

    /// The English interface text (every en.yml value that ur.yml translates differently) as the
    /// pieces that would show it: whole phrases, and the fixed words around `{placeholders}`.
    static func englishInterfacePhrases() throws -> (phrases: [String: String], words: [String: String]) {
        let en = try languageFile("en"), ur = try languageFile("ur")
        var phrases: [String: String] = [:], words: [String: String] = [:]
        // Dataset pages and the catalogue are published in the default language only, and their
        // one-word labels ("Confidence", "Units") are also the column names datasets give.
        let defaultOnly = ["dataset.", "datasets."]
        for (key, value) in en.strings where ur.strings[key] != value && !key.hasPrefix("number.") && key != "list.separator"
            && !defaultOnly.contains(where: { key.hasPrefix($0) }) {
            let pieces = value.split(separator: "{").map { piece -> String in
                piece.firstIndex(of: "}").map { String(piece[piece.index(after: $0)...]) } ?? String(piece)
            }
            for piece in pieces {
                let trimmed = piece.trimmingCharacters(in: CharacterSet(charactersIn: " .,:;()“”"))
                guard trimmed.contains(where: \.isLetter) else { continue }
                // Long phrases are looked for anywhere; short ones ("Older", "or the") only as a
                // whole text, so English words in data and references do not count.
                let multiWord = trimmed.split(separator: " ").count >= 2
                if value.contains("{") ? (multiWord && trimmed.count >= 8) : trimmed.count >= 10 {
                    phrases[trimmed] = key
                } else if !value.contains("{") {
                    words[trimmed] = key
                }
            }
        }
        return (phrases, words)
    }

    /// The page's text nodes and the attributes a person meets (labels, placeholders, titles).
    static func visibleTexts(_ html: String) -> [String] {
        var texts: [String] = []
        var rest = Substring(html)
        if let body = rest.range(of: "<body") { rest = rest[body.lowerBound...] }
        // Text between tags, script and style left out.
        let tagPattern = try! NSRegularExpression(pattern: "<(script|style)[^>]*>.*?</\\1>|<[^>]*>", options: [.dotMatchesLineSeparators])
        let ns = String(rest) as NSString
        var last = 0
        for match in tagPattern.matches(in: ns as String, range: NSRange(location: 0, length: ns.length)) {
            texts.append(ns.substring(with: NSRange(location: last, length: match.range.location - last)))
            last = match.range.location + match.range.length
        }
        let attributes = try! NSRegularExpression(pattern: "(aria-label|placeholder|title|alt|data-none|data-one|data-many)=\"([^\"]*)\"")
        for match in attributes.matches(in: html, range: NSRange(location: 0, length: (html as NSString).length)) {
            texts.append((html as NSString).substring(with: match.range(at: 2)))
        }
        return texts.map { $0.replacingOccurrences(of: "&amp;", with: "&").replacingOccurrences(of: "&#39;", with: "'")
            .trimmingCharacters(in: .whitespacesAndNewlines) }.filter { !$0.isEmpty }
    }

    static func englishInterfaceText(in html: String) throws -> [String] {
        let (phrases, words) = try englishInterfacePhrases()
        let texts = visibleTexts(html)
        var found: [String] = []
        for text in texts {
            for (phrase, key) in phrases where text.contains(phrase) { found.append("\"\(phrase)\" (\(key)) in \"\(text.prefix(80))\"") }
            let bare = text.trimmingCharacters(in: CharacterSet(charactersIn: " .,:;()"))
            if let key = words[bare] { found.append("\"\(bare)\" (\(key))") }
        }
        return found
    }

    /// Every Urdu page: lang="ur" dir="rtl", no English interface text, and hreflang links to
    /// its English original that the original returns.
    static func checkUrduPages(_ outputs: [OutputFile]) throws -> Int {
        let byPath = Dictionary(uniqueKeysWithValues: outputs.map { ($0.path, text($0)) })
        var checked = 0
        for (path, html) in byPath.sorted(by: { $0.key < $1.key }) where path.hasPrefix("ur/") && path.hasSuffix(".html") {
            checked += 1
            #expect(html.contains("<html lang=\"ur\" dir=\"rtl\""), "\(path) lacks lang=\"ur\" dir=\"rtl\"")
            let english = try englishInterfaceText(in: html)
            #expect(english.isEmpty, "\(path) shows English interface text: \(english.prefix(5))")
            let original = String(path.dropFirst(3))
            if path.hasPrefix("ur/briefs/") || path.hasPrefix("ur/pages/") {
                let there = try #require(byPath[original], "\(path) has no English original \(original)")
                #expect(html.contains("hreflang=\"en\""), "\(path) has no hreflang link to its English original")
                #expect(html.contains("class=\"translation-note"), "\(path) is not marked as a translation")
                #expect(there.contains("hreflang=\"ur\""), "\(original) has no hreflang link back to \(path)")
                #expect(!there.contains("<html lang=\"ur\""))
            }
        }
        return checked
    }

    /// What Brief writes around an author's figures, notes and citations (derived figures and
    /// their titles, footnote marks, the citation style's words, dates) is in the page's language:
    /// the same paragraph in the English original and in its Urdu translation.
    @Test func derivedFiguresFootnotesAndCitationsSpeakThePagesLanguage() throws {
        var files = Self.rtlFiles()
        let paragraph = "\n\nRise `@change(remittances.remittances_musd, FY2020-21, FY2022-23)` and "
            + "`@diff(remittances.remittances_musd, FY2020-21, FY2022-23)|usd_millions` [@smith][^a].\n\n[^a]: A note.\n"
        for path in ["Content/briefs/remittances.md", "Content/briefs/remittances.ur.md"] {
            files[path] = Array((String(decoding: files[path] ?? [], as: UTF8.self) + paragraph).utf8)
        }
        files["Content/references.bib"] = Array("""
            @incollection{smith,
              author = {Smith, Jane and Jones, Sam},
              editor = {Lee, Ann},
              title = {Remittance corridors},
              booktitle = {Migration and money},
              number = {7},
              url = {https://example.org/x},
              urldate = {2024-05-03},
            }
            """.utf8)
        let result = Site.build(.inMemory(bytes: files))
        #expect(result.succeeded, "\(result.diagnostics)")
        func page(_ path: String) -> String { result.outputs.first { $0.path == path }.map(text) ?? "" }
        let english = page("briefs/remittances/index.html"), urdu = page("ur/briefs/remittances/index.html")
        let words = ["+19.3%", "$529M", "change from FY2020-21 to FY2022-23", "difference from", "Smith and Jones n.d.",
                     "Smith, Jane, and Sam Jones", "In <cite>", ", edited by Ann Lee", "No. 7", "Accessed 3 May 2024",
                     "aria-label=\"Note 1\""]
        for word in words {
            #expect(english.contains(word), "no \"\(word)\" on the English page")
            #expect(!urdu.contains(word), "\"\(word)\" on the Urdu page")
        }
        for word in ["+19.3 فیصد", "529 ملین ڈالر", "FY2020-21 سے FY2022-23 تک تبدیلی", "FY2020-21 سے FY2022-23 تک فرق",
                     "Smith اور Jones بلا تاریخ", "Smith, Jane اور Sam Jones", "<cite>Migration and money</cite> میں",
                     "، مرتبہ Ann Lee", "نمبر 7", "رسائی 3 مئی 2024", "aria-label=\"حاشیہ 1\""] {
            #expect(urdu.contains(word), "no \"\(word)\" on the Urdu page")
        }
    }

    @Test func urduPagesOfTheFixtureAreUrduThroughout() throws {
        #expect(try Self.checkUrduPages(Self.rtl.outputs) >= 7)
        // The check is not vacuous: the English interface text is found on an English page.
        let english = Self.rtl.outputs.first { $0.path == "briefs/remittances/index.html" }.map(text) ?? ""
        #expect(try Self.englishInterfaceText(in: english).count > 10)
    }

    @Test func urduPagesOfTheRealSiteAreUrduThroughout() throws {
        var files = loadTree(packageRoot + "/Content", as: "Content")
        files.merge(loadTree(packageRoot + "/Templates", as: "Templates")) { a, _ in a }
        let result = Site.build(.inMemory(bytes: files))
        #expect(result.succeeded, "\(result.diagnostics)")
        let urdu = result.outputs.filter { $0.path.hasPrefix("ur/") && $0.path.hasSuffix(".html") }
        let briefs = urdu.filter { $0.path.hasPrefix("ur/briefs/") }
        #expect(briefs.count >= 3, "the Urdu edition has at least three briefs")
        for page in ["ur/index.html", "ur/pages/about/index.html", "ur/pages/methodology/index.html"] {
            #expect(urdu.contains { $0.path == page }, "missing \(page)")
        }
        #expect(try Self.checkUrduPages(result.outputs) == urdu.count)
        // The key figures are the English home page's figures, in Urdu words.
        let home = result.outputs.first { $0.path == "ur/index.html" }.map(text) ?? ""
        #expect(home.components(separatedBy: "class=\"kf-value\"").count - 1 == 5)
    }

    @Test func aMissingKeyIsLocatedInTheLanguageFile() throws {
        var files = Self.rtlFiles()
        let ur = String(decoding: files["Templates/i18n/ur.yml"] ?? [], as: UTF8.self)
        files["Templates/i18n/ur.yml"] = Array(ur.replacingOccurrences(of: "  skip: مواد پر جائیں\n", with: "").utf8)
        let result = Site.build(.inMemory(bytes: files))
        let messages = result.diagnostics.map { "\($0.location.path):\($0.location.line): \($0.message)" }
        #expect(messages.contains { $0.hasPrefix("Templates/i18n/ur.yml:1: Templates/i18n/ur.yml has no text for key 'layout.skip'") }, "\(messages)")
    }

    /// A dataset's `translations:` give a translated page its column labels, units and title;
    /// the original page keeps the dataset's own words.
    @Test func aDatasetsTranslationNamesItsColumnsOnTranslatedPagesOnly() {
        func page(_ path: String) -> String { Self.rtl.outputs.first { $0.path == path }.map(text) ?? "" }
        let english = page("briefs/remittances/index.html"), urdu = page("ur/briefs/remittances/index.html")
        for word in ["ترسیلاتِ زر روپوں میں", "(ہزار روپے)", "مالی سال</th>", "امریکہ سے ترسیلاتِ زر (فکسچر)"] {
            #expect(urdu.contains(word), "no \"\(word)\" on the Urdu page")
            #expect(!english.contains(word), "\"\(word)\" on the English page")
        }
        for word in ["Remittances in rupees", "(PKR thousands)", "Fiscal year</th>", "Remittances from the US (fixture)"] {
            #expect(english.contains(word), "no \"\(word)\" on the English page")
            #expect(!urdu.contains(word), "\"\(word)\" on the Urdu page")
        }
    }

    /// A translation into a language the site does not publish, of a column the data lacks, or
    /// with a key a translation does not take, is a located error with a suggestion.
    @Test func aDatasetTranslationsMistakesAreLocated() {
        let cases: [(from: String, to: String, expected: String, hint: String)] = [
            ("  ur:\n    title:", "  uur:\n    title:",
             "Content/data/remittances.yml:9:3: dataset remittances has a 'uur' translation, but site.yml publishes no 'uur' edition", "ur"),
            ("      remittances_musd: {label:", "      remittance_musd: {label:",
             "Content/data/remittances.yml:13:7: the 'ur' translation names column \"remittance_musd\", but Content/data/remittances.csv has no such column",
             "remittances_musd"),
            ("{label: مالی سال}", "{lable: مالی سال}",
             "Content/data/remittances.yml:12:21: unknown key 'lable' in the 'ur' translation of column 'fiscal_year'", "label"),
        ]
        for c in cases {
            var files = Self.rtlFiles()
            let yml = String(decoding: files["Content/data/remittances.yml"] ?? [], as: UTF8.self)
            #expect(yml.contains(c.from))
            files["Content/data/remittances.yml"] = Array(yml.replacingOccurrences(of: c.from, with: c.to).utf8)
            let result = Site.build(.inMemory(bytes: files))
            #expect(!result.succeeded)
            let found = result.diagnostics.first { "\($0.location.path):\($0.location.line):\($0.location.column): \($0.message)" == c.expected }
            #expect(found != nil, "\(result.diagnostics.map { "\($0.location.path):\($0.location.line):\($0.location.column): \($0.message)" })")
            #expect(found?.hint?.contains(c.hint) == true, "\(String(describing: found?.hint))")
        }
    }
}
