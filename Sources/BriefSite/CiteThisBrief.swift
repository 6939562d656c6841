import BriefDiagnostics

/// How to cite a brief: BibTeX and RIS files to download, Highwire Press `citation_*` meta tags
/// (what Google Scholar and Zotero read) and a schema.org `Article` JSON-LD block. Built only
/// from front matter and site.yml, so they are as reproducible as the page.
struct CiteThisBrief {
    let brief: Brief
    let config: SiteConfig

    var authors: [String] { brief.authors.isEmpty ? [] : brief.authors }
    var url: String? { config.baseURL.map { Route.brief(brief.slug).url(base: $0) } }
    var year: String { String(brief.date.prefix(4)) }

    /// The hash of everything the citation files are made from (front matter and site.yml
    /// fields), so an unchanged brief's files are not written out again just to be compared.
    var inputsKey: StableHash {
        var h = StableHash()
        for part in [brief.slug, brief.title, brief.date, brief.summary ?? "\u{0}", config.title, config.baseURL ?? "\u{0}", config.language] {
            h.add(part)
        }
        h.add(UInt64(brief.tags.count))
        for tag in brief.tags { h.add(tag) }
        h.add(UInt64(brief.authors.count))
        for author in brief.authors { h.add(author) }
        return h
    }

    /// `@misc{brief-slug, …}`: BibTeX's most portable type for a web publication.
    var bibtex: String {
        var fields: [(String, String)] = []
        let who = authors.isEmpty ? "{" + Self.bibEscape(config.title) + "}" : authors.map(Self.bibEscape).joined(separator: " and ")
        fields.append(("author", who))
        fields.append(("title", "{" + Self.bibEscape(brief.title) + "}"))
        fields.append(("howpublished", Self.bibEscape(config.title)))
        fields.append(("year", year))
        fields.append(("date", brief.date))
        if let url { fields.append(("url", Self.bibEscape(url))) }
        if let summary = brief.summary, !summary.isEmpty { fields.append(("abstract", Self.bibEscape(summary))) }
        if !brief.tags.isEmpty { fields.append(("keywords", brief.tags.map(Self.bibEscape).joined(separator: ", "))) }
        var out = "@misc{brief-\(brief.slug),\n"
        for (name, value) in fields { out += "  \(name) = {\(value)},\n" }
        return out + "}\n"
    }

    /// RIS (Research Information Systems), `TY  - ELEC`, CRLF-free lines.
    var ris: String {
        func line(_ tag: String, _ value: String) -> String { "\(tag)  - \(Self.oneLine(value))\n" }
        var out = line("TY", "ELEC")
        if authors.isEmpty { out += line("AU", config.title) }
        for a in authors { out += line("AU", a) }
        out += line("TI", brief.title)
        out += line("PY", year)
        out += line("DA", brief.date.replacingAll("-", with: "/"))
        out += line("PB", config.title)
        out += line("T2", config.title)
        if let url { out += line("UR", url) }
        if let summary = brief.summary, !summary.isEmpty { out += line("AB", summary) }
        for tag in brief.tags { out += line("KW", tag) }
        out += line("LA", config.language)
        return out + "ER  - \n"
    }

    /// Highwire Press tags, in the order Google Scholar documents them.
    var metaTags: [[String: Any]] {
        var tags: [[String: Any]] = [["name": "citation_title", "content": brief.title]]
        for a in authors.isEmpty ? [config.title] : authors { tags.append(["name": "citation_author", "content": a]) }
        tags.append(["name": "citation_publication_date", "content": brief.date.replacingAll("-", with: "/")])
        tags.append(["name": "citation_publisher", "content": config.title])
        tags.append(["name": "citation_journal_title", "content": config.title])
        tags.append(["name": "citation_language", "content": config.language])
        if let url { tags.append(["name": "citation_public_url", "content": url]) }
        return tags
    }

    /// schema.org `Article`, safe inside `<script>` (`<`, `>` and `&` are `\u` escapes).
    var jsonLD: String {
        func s(_ text: String) -> String { TextEscaping.json(text) }
        func person(_ name: String) -> String { "{\"@type\": \"Person\", \"name\": \(s(name))}" }
        let org = "{\"@type\": \"Organization\", \"name\": \(s(config.title))}"
        var fields: [String] = [
            "\"@context\": \"https://schema.org\"", "\"@type\": \"Article\"",
            "\"headline\": \(s(brief.title))", "\"datePublished\": \(s(brief.date))",
            "\"author\": [\(authors.isEmpty ? org : authors.map(person).joined(separator: ", "))]",
            "\"publisher\": \(org)", "\"inLanguage\": \(s(config.language))",
        ]
        if let summary = brief.summary, !summary.isEmpty { fields.append("\"description\": \(s(summary))") }
        if !brief.tags.isEmpty { fields.append("\"keywords\": \(s(brief.tags.joined(separator: ", ")))") }
        if let url {
            fields.append("\"url\": \(s(url))")
            fields.append("\"mainEntityOfPage\": \(s(url))")
        }
        return "{\n  " + fields.joined(separator: ",\n  ") + "\n}"
    }

    /// BibTeX text: its special characters escaped, so a title cannot close the field.
    static func bibEscape(_ text: String) -> String {
        var out = ""
        for c in oneLine(text) {
            switch c {
            case "{", "}", "&", "%", "$", "#", "_": out += "\\" + String(c)
            case "\\": out += "\\textbackslash{}"
            case "~": out += "\\textasciitilde{}"
            case "^": out += "\\textasciicircum{}"
            default: out.append(c)
            }
        }
        return out
    }

    static func oneLine(_ text: String) -> String {
        String(text.map { $0.isNewline ? " " : $0 })
    }
}
