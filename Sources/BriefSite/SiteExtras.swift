import BriefDiagnostics
import BriefCharts
import BriefData

/// A dataset's full table for its page.
enum DatasetTable {
    /// Links to the previous and next page of a paged table, relative to page `number`;
    /// empty when the table fits one page.
    static func pager(_ name: String, number: Int, of count: Int, rows: Range<Int>, listed: Int, text: InterfaceText) -> String {
        guard count > 1 else { return "" }
        func href(_ target: Int) -> String { Route.dataset(name, page: number).href(to: .dataset(name, page: target)) }
        func n(_ k: Int) -> String { text.number(TablePage.grouped(k)) }
        var out = "<nav class=\"pager\" aria-label=\"\(escapeHTML(text["dataset.table_pages"]))\">"
        if number > 1 { out += "<a rel=\"prev\" href=\"\(href(number - 1))\">\(escapeHTML(text["dataset.previous_rows"]))</a> " }
        let span = text.format("dataset.rows_page", ["first": n(rows.lowerBound + 1), "last": n(rows.upperBound), "total": n(listed),
                                                     "page": text.number(String(number)), "pages": text.number(String(count))])
        out += "<span>\(escapeHTML(span))</span>"
        if number < count { out += " <a rel=\"next\" href=\"\(href(number + 1))\">\(escapeHTML(text["dataset.next_rows"]))</a>" }
        return out + "</nav>\n"
    }

    /// The note under a table whose rows are not all listed on its pages.
    static func listedNote(listed: Int, total: Int, text: InterfaceText) -> String {
        guard listed < total else { return "" }
        let note = text.format("dataset.listed_note", ["listed": text.number(TablePage.grouped(listed)), "total": text.number(TablePage.grouped(total))])
        return "<p class=\"table-note\">\(escapeHTML(note))</p>\n"
    }

    static func html(_ dataset: Dataset, rows: Range<Int>? = nil, pager: String = "", note: String = "") -> String {
        let rows = rows ?? 0..<dataset.rowCount
        var out = pager + "<div class=\"table-scroll\" tabindex=\"0\" role=\"region\" aria-label=\"\(escapeHTML(dataset.metadata.title)) (table)\"><table class=\"data-table\">\n<thead><tr>"
        for column in dataset.columns {
            let numeric = column.type == .number
            out += "<th scope=\"col\"\(numeric ? " class=\"num\"" : "")>\(escapeHTML(column.displayName))"
            if let unit = column.unit { out += "<span class=\"unit\"> (\(escapeHTML(unit)))</span>" }
            out += "</th>"
        }
        out += "</tr></thead>\n<tbody>\n"
        var ids = Set<String>()
        let keys = dataset.columns.first?.values
        for row in rows {
            // Each row an anchor from its key, so a figure in prose links to its row.
            var id = rowAnchor(keys?[row].text ?? "", row: row)
            if !ids.insert(id).inserted { id += "-\(row + 1)"; ids.insert(id) }
            out += "<tr id=\"\(id)\">"
            for (i, column) in dataset.columns.enumerated() {
                let value = column.values[row]
                let text = column.type == .number ? NumberFormat.exact.format(value) : value.text
                let tag = i == 0 ? "th scope=\"row\"" : "td"
                let cls = column.type == .number ? " class=\"num\"" : ""
                if value.isMissing {
                    out += "<\(tag)\(cls)><span class=\"missing\" title=\"not reported\">–</span></\(i == 0 ? "th" : "td")>"
                } else if column.type == .text, isSafeURL(value.text), !value.text.contains(" ") {
                    out += "<\(tag)\(cls)><a href=\"\(escapeHTML(value.text))\">\(escapeHTML(shortURL(value.text)))</a></\(i == 0 ? "th" : "td")>"
                } else {
                    out += "<\(tag)\(cls)>\(escapeHTML(text))</\(i == 0 ? "th" : "td")>"
                }
            }
            out += "</tr>\n"
        }
        out += "</tbody></table></div>"
        return out + note + pager
    }

    /// The anchor of a row on its dataset page: `row-` and its key as a slug ("FY2021-22" →
    /// `row-fy2021-22`), so it stays when rows are added; a repeated key's later rows get their
    /// row number after it.
    static func rowAnchor(_ key: String, row: Int) -> String {
        let slug = Slug.make(key)
        return slug.isEmpty ? "row-\(row + 1)" : "row-" + slug
    }

    /// "example.org/…" for long source links in tables.
    static func shortURL(_ url: String) -> String {
        var s = Substring(url)
        for prefix in ["https://", "http://"] where s.hasPrefix(prefix) { s = s.dropFirst(prefix.count) }
        if s.hasPrefix("www.") { s = s.dropFirst(4) }
        guard let slash = s.firstIndex(of: "/") else { return String(s) }
        let host = s[..<slash]
        return s.count > host.count + 1 ? host + "/…" : String(host)
    }
}

/// The search index: a plain script (no fetch, no modules) so search works from file://.
enum SearchIndex {
    static func script(briefs: [Brief], bodies: [RenderedBody]) -> String {
        var out = "window.BRIEF_SEARCH=[\n"
        for (i, brief) in briefs.enumerated() {
            out += "{\"t\":\(json(brief.title)),\"u\":\(json(Route.brief(brief.slug).path)),\"d\":\(json(brief.date)),"
            out += "\"s\":\(json(brief.summary ?? "")),\"g\":\(json(brief.tags.joined(separator: " "))),"
            // Distinct lowercased words keep the index small while still finding any body word.
            out += "\"w\":\(json(bodies[i].searchWords))}\(i + 1 < briefs.count ? "," : "")\n"
        }
        return out + "];\n"
    }

    static func json(_ text: String) -> String { TextEscaping.json(text) }
}

/// Atom feed and sitemap; written only when base_url is set, dated from content, never the clock.
enum Feed {
    /// The newest briefs the feed carries in full; readers need no more, and the feed stays small.
    static let entryLimit = 20

    /// `base` is the URL of the feed's language (a translation's is under its folder); `bodyRoot`
    /// the site's, which the bodies' links start from (data and other briefs).
    static func atom(config: SiteConfig, base: String, briefs: [Brief], bodies: [RenderedBody], bodyRoot: String? = nil) -> String {
        let updated = briefs.map(\.date).max() ?? "2000-01-01"
        var out = """
        <?xml version="1.0" encoding="utf-8"?>
        <feed xmlns="http://www.w3.org/2005/Atom" xml:lang="\(xml(config.language))">
        <title>\(xml(config.title))</title>
        <subtitle>\(xml(config.description))</subtitle>
        <id>\(xml(base))</id>
        <link rel="self" type="application/atom+xml" href="\(xml(Route.feed.url(base: base)))"/>
        <link rel="alternate" type="text/html" href="\(xml(base))"/>
        <updated>\(updated)T00:00:00Z</updated>
        <author><name>\(xml(config.title))</name></author>

        """
        for (i, brief) in briefs.prefix(entryLimit).enumerated() {
            let url = Route.brief(brief.slug).url(base: base)
            out += "<entry>\n<title>\(xml(brief.title))</title>\n<id>\(xml(url))</id>\n"
            out += "<link rel=\"alternate\" type=\"text/html\" href=\"\(xml(url))\"/>\n"
            out += "<published>\(brief.date)T00:00:00Z</published>\n<updated>\(brief.date)T00:00:00Z</updated>\n"
            for author in brief.authors { out += "<author><name>\(xml(author))</name></author>\n" }
            for tag in brief.tags { out += "<category term=\"\(xml(tag))\"/>\n" }
            if let summary = brief.summary { out += "<summary>\(xml(summary))</summary>\n" }
            // Every link absolute: a feed reader shows the entry away from its page.
            let body = bodies[i].html(root: bodyRoot ?? base).replacingBytes("href=\"#", with: "href=\"\(url)#")
            out += "<content type=\"html\">\(xml(body))</content>\n</entry>\n"
        }
        return out + "</feed>\n"
    }

    /// Every index page of every language; a brief's `lastmod` is its date, a translation's its own.
    static func sitemap(base: String, routes: [Route], briefs: [Brief], dates more: [Route: String] = [:]) -> String {
        var dates: [Route: String] = more
        for b in briefs { dates[.brief(b.slug)] = b.date }
        var out = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<urlset xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\">\n"
        // Index pages only (their URL is their folder); sorted by output path.
        for route in routes.filter({ $0.folder != $0.path }).sorted(by: { $0.path < $1.path }) {
            out += "<url><loc>\(xml(route.url(base: base)))</loc>"
            if let d = dates[route] { out += "<lastmod>\(d)</lastmod>" }
            out += "</url>\n"
        }
        return out + "</urlset>\n"
    }

    static func xml(_ text: String) -> String { escapeHTML(text) }
}
