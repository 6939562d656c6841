import BriefCharts

/// Chicago author-date (17th edition), as Pandoc's default CSL style prints it, simplified:
/// in text "(Smith 2020, p. 4)", "(Smith and Jones 2019; World Bank 2021)", narrative
/// "Smith (2020)"; one to three authors named, four or more "First et al."; same authors and
/// year told apart as 2020a, 2020b (by title). The reference list is sorted by author, year,
/// title. Everything from the .bib is HTML-escaped; only DOIs and http(s) URLs become links.
/// The words the style adds ("and", "et al.", "n.d.", "In", "edited by", "Accessed", month
/// names) come from the page's language file (`citation.*`); the works' own text is as written.
enum CitationStyle {
    /// The names an entry is listed under: authors, else editors, else none.
    static func names(_ entry: BibEntry) -> [BibName] {
        if let a = entry.raw["author"], !BibName.list(a).isEmpty { return BibName.list(a) }
        if let e = entry.raw["editor"], !BibName.list(e).isEmpty { return BibName.list(e) }
        return []
    }

    /// The entry's year: `year`, else the year of `date`; nil when it has neither.
    static func dateYear(_ entry: BibEntry) -> String? {
        if let y = entry.text("year") { return y }
        if let d = entry.text("date"), d.count >= 4 { return String(d.prefix(4)) }
        return nil
    }

    /// The year as printed without a disambiguating letter; "n.d." (`citation.no_date`) without one.
    static func year(_ entry: BibEntry, text: InterfaceText = .placeholder) -> String {
        dateYear(entry) ?? text["citation.no_date"]
    }

    /// Who, in text: "Smith", "Smith and Jones", "Smith, Jones, and Lee", "Smith et al.";
    /// organisations as written; with no author, the institution or the title.
    static func shortAuthors(_ entry: BibEntry, text: InterfaceText = .placeholder) -> String {
        let list = names(entry)
        let hasOthers = list.contains { $0.family == "others" && $0.isOrganisation }
        let people = list.filter { !($0.family == "others" && $0.isOrganisation) }.map(\.family)
        if people.isEmpty {
            return entry.text("organization") ?? entry.text("institution") ?? entry.text("publisher")
                ?? entry.text("title") ?? entry.key
        }
        if hasOthers || people.count >= 4 { return text.format("citation.et_al", ["first": people[0]]) }
        switch people.count {
        case 1: return people[0]
        case 2: return text.format("citation.two", ["first": people[0], "second": people[1]])
        default: return text.format("citation.three", ["first": people[0], "second": people[1], "third": people[2]])
        }
    }

    /// The key a reference list sorts by.
    static func sortKey(_ entry: BibEntry, text: InterfaceText = .placeholder) -> String {
        let who = names(entry).map(\.inverted).joined(separator: "; ")
        return [who.isEmpty ? shortAuthors(entry, text: text) : who, year(entry, text: text), entry.text("title") ?? "", entry.key]
            .joined(separator: "\u{1}").lowercased()
    }

    /// "2020", "2020a", "2020b": a letter when two entries share authors and year.
    static func yearLabels(_ entries: [BibEntry], text: InterfaceText = .placeholder) -> [String: String] {
        var groups: [String: [BibEntry]] = [:]
        for e in entries { groups[shortAuthors(e, text: text) + "\u{1}" + year(e, text: text), default: []].append(e) }
        var labels: [String: String] = [:]
        for (_, group) in groups {
            if group.count == 1 {
                labels[group[0].key] = year(group[0], text: text)
                continue
            }
            let sorted = group.sorted { ($0.text("title") ?? "", $0.key) < ($1.text("title") ?? "", $1.key) }
            let letters = Array("abcdefghijklmnopqrstuvwxyz")
            for (n, e) in sorted.enumerated() {
                let letter = n < letters.count ? String(letters[n]) : "-\(n + 1)"
                labels[e.key] = year(e, text: text) + (dateYear(e) == nil ? "-" : "") + letter
            }
        }
        return labels
    }

    /// Standalone works are italic; parts of something bigger are in quotes.
    static func isStandalone(_ type: String) -> Bool {
        ["book", "mvbook", "report", "techreport", "manual", "proceedings", "collection", "phdthesis", "booklet", "dataset"]
            .contains(type)
    }

    /// One reference list entry as HTML (escaped), without the `<li>`.
    static func referenceHTML(_ entry: BibEntry, yearLabel: String, text: InterfaceText = .placeholder) -> String {
        func e(_ s: String) -> String { escapeHTML(s) }
        func date(_ iso: String?) -> String? {
            iso.flatMap(IsoDate.init).map { text.date(year: $0.year, month: $0.month, day: $0.day) }
        }
        var parts: [String] = []
        let list = names(entry).filter { !($0.family == "others" && $0.isOrganisation) }
        let etAl = names(entry).contains { $0.family == "others" && $0.isOrganisation } || list.count > 10
        let shown = list.count > 10 ? Array(list.prefix(7)) : list
        var who = ""
        for (n, person) in shown.enumerated() {
            let name = n == 0 ? person.inverted : person.natural
            if n == 0 { who = name } else if n == shown.count - 1 && !etAl { who += text["citation.last_name_separator"] + name } else { who += text["citation.name_separator"] + name }
        }
        if etAl, !who.isEmpty { who += text["citation.et_al_list"] }
        let isEditors = entry.raw["author"] == nil && !list.isEmpty
        if isEditors { who += list.count > 1 ? text["citation.editors"] : text["citation.editor"] }
        if who.isEmpty {
            who = entry.text("organization") ?? entry.text("institution") ?? entry.text("publisher") ?? ""
        }
        let title = entry.text("title") ?? entry.key
        let titleHTML = isStandalone(entry.type) ? "<cite>\(e(title))</cite>" : "“\(e(title)).”"
        if who.isEmpty {
            parts.append(isStandalone(entry.type) ? "<cite>\(e(title))</cite>." : "“\(e(title)).”")
            parts.append(e(yearLabel) + ".")
        } else {
            parts.append(e(who.hasSuffix(".") ? who : who + "."))
            parts.append(e(yearLabel) + ".")
            parts.append(isStandalone(entry.type) ? titleHTML + "." : titleHTML)
        }
        var container: [String] = []
        switch entry.type {
        case "article":
            if let journal = entry.text("journal") ?? entry.text("journaltitle") {
                var j = "<cite>\(e(journal))</cite>"
                if let v = entry.text("volume") { j += " " + e(v) }
                if let n = entry.text("number") ?? entry.text("issue") { j += " (\(e(n)))" }
                if let p = entry.text("pages") { j += ": " + e(p) }
                container.append(j)
            }
        case "incollection", "inproceedings", "inbook":
            if let book = entry.text("booktitle") {
                var b = e(text["citation.in"]).replacingAll("{book}", with: "<cite>\(e(book))</cite>")
                if entry.raw["author"] != nil, let editors = entry.raw["editor"] {
                    let names = BibName.list(editors).map(\.natural).joined(separator: text["citation.name_separator"])
                    b += e(text.format("citation.edited_by", ["editors": names]))
                }
                if let p = entry.text("pages") { b += ", " + e(p) }
                container.append(b)
            }
        default:
            break
        }
        if let how = entry.text("howpublished"), !how.lowercased().hasPrefix("\\url") { container.append(e(how)) }
        if let type = entry.text("type") { container.append(e(type)) }
        if let number = entry.text("number"), entry.type != "article" { container.append(e(text.format("citation.number", ["n": number]))) }
        let publisher = entry.text("publisher") ?? entry.text("institution") ?? entry.text("organization") ?? entry.text("school")
        if let publisher, publisher != who {
            if let place = entry.text("address") ?? entry.text("location") { container.append(e(place) + ": " + e(publisher)) }
            else { container.append(e(publisher)) }
        }
        if let long = date(entry.text("date")) { container.append(e(long)) }
        if !container.isEmpty { parts.append(container.joined(separator: ", ") + ".") }
        if let note = entry.text("note") { parts.append(e(note.hasSuffix(".") ? note : note + ".")) }
        if let doi = entry.text("doi") {
            let bare = doi.replacingPrefix("https://doi.org/").replacingPrefix("http://dx.doi.org/")
            let url = "https://doi.org/" + bare
            parts.append("<a href=\"\(e(url))\">\(e(url))</a>.")
        } else if let url = entry.text("url"), isSafeURL(url), !url.lowercased().hasPrefix("mailto:") {
            parts.append("<a href=\"\(e(url))\">\(e(url))</a>.")
        }
        if let long = date(entry.text("urldate")) { parts.append(e(text.format("citation.accessed", ["date": long])) + ".") }
        return parts.joined(separator: " ")
    }

    /// The reference list entry as plain text, for the bibliography page's search and tests.
    static func referenceText(_ entry: BibEntry, yearLabel: String, text: InterfaceText = .placeholder) -> String {
        var plain = ""
        var inTag = false
        for c in referenceHTML(entry, yearLabel: yearLabel, text: text) {
            if c == "<" { inTag = true } else if c == ">" { inTag = false } else if !inTag { plain.append(c) }
        }
        for (entity, char) in [("&lt;", "<"), ("&gt;", ">"), ("&quot;", "\""), ("&#39;", "'"), ("&amp;", "&")] {
            plain = plain.replacingAll(entity, with: char)
        }
        return plain
    }
}

extension String {
    /// Every occurrence of `target` replaced (no Foundation here).
    func replacingAll(_ target: String, with replacement: String) -> String {
        guard !target.isEmpty, contains(target) else { return self }
        var out = ""
        var rest = Substring(self)
        while let r = rest.firstRange(of: target) {
            out += rest[..<r.lowerBound]
            out += replacement
            rest = rest[r.upperBound...]
        }
        return out + rest
    }

    func replacingPrefix(_ prefix: String) -> String {
        hasPrefix(prefix) ? String(dropFirst(prefix.count)) : self
    }
}

/// A bibliography made ready to cite: per key, its anchor id, its in-text author and year, its
/// reference list entry and sort key. Built once per build; every body reads it.
struct CitationIndex: Sendable {
    var entries: [String: BibEntry]
    /// The .bib file's path, for messages.
    var path: String
    /// "ref-smith2020": from the key, made unique.
    var ids: [String: String] = [:]
    var authors: [String: String] = [:]
    var years: [String: String] = [:]
    var html: [String: String] = [:]
    var sortKeys: [String: String] = [:]
    /// A hash of the .bib file, for the body cache.
    var hash: String = ""

    static let empty = CitationIndex(Bibliography.empty)

    /// `text`: the language of the pages that cite (each language edition has its own index).
    init(_ bibliography: Bibliography, hash: String = "", text: InterfaceText = .placeholder) {
        entries = bibliography.entries
        path = bibliography.path
        self.hash = hash
        years = CitationStyle.yearLabels(Array(entries.values), text: text)
        var taken = Set<String>()
        for key in entries.keys.sorted() {
            guard let entry = entries[key] else { continue }
            var base = Slug.make(key)
            if base.isEmpty { base = "entry" }
            var id = "ref-" + base
            var n = 2
            while taken.contains(id) { id = "ref-\(base)-\(n)"; n += 1 }
            taken.insert(id)
            ids[key] = id
            authors[key] = CitationStyle.shortAuthors(entry, text: text)
            html[key] = CitationStyle.referenceHTML(entry, yearLabel: years[key] ?? CitationStyle.year(entry, text: text), text: text)
            sortKeys[key] = CitationStyle.sortKey(entry, text: text)
        }
    }

    /// Keys in reference-list order.
    var sortedKeys: [String] {
        entries.keys.sorted { (sortKeys[$0] ?? $0, $0) < (sortKeys[$1] ?? $1, $1) }
    }
}
