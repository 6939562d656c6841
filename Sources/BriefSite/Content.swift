import BriefDiagnostics

/// What `Content/site.yml` says.
public struct SiteConfig: Sendable {
    public var title: String
    public var description: String
    public var language: String
    /// Ends with "/" when set.
    public var baseURL: String?
    public var nav: [NavItem]
    public var keyFigures: [KeyFigureSpec]
    /// Curly quotes, en and em dashes from `--` and `---`, and ellipses in Markdown (default on).
    public var smartPunctuation: Bool = true
    /// The languages besides `language`, each published under its own folder (`ur/`).
    public var languages: [LanguageSpec] = []

    /// Another language of the site (site.yml `languages:`), Hugo's per-language settings.
    public struct LanguageSpec: Sendable {
        public var code: String
        public var title: String?
        public var description: String?
        public var nav: [NavItem]?
        /// The key figures' labels in this language, in site.yml's key_figures order.
        public var keyFigureLabels: [String]?
        public var location: SourceLocation
    }

    public struct NavItem: Sendable {
        public var title: String
        /// A site path like "pages/about/" or "data/".
        public var path: String
        public var location: SourceLocation
    }

    /// One figure of the home page's key-figure row.
    public struct KeyFigureSpec: Sendable {
        public var label: String
        public var data: String
        public var column: String
        public var key: String?
        public var format: String?
        public var location: SourceLocation
    }
}

/// A brief: `Content/briefs/<slug>.md`.
public struct Brief: Sendable {
    public var slug: String
    public var path: String
    public var title: String
    public var date: String
    public var summary: String?
    public var tags: [String]
    public var authors: [String]
    public var draft: Bool
    /// The Markdown body, front matter lines blanked so line numbers match the file.
    public var body: String
    /// For a translation: its language and the slugs of its tags, taken from the original's
    /// tags (a translation names the same tags in its own language, in the same order).
    public var language: String? = nil
    public var tagSlugs: [String]? = nil

    /// The slug of tag `i`.
    func tagSlug(_ i: Int) -> String {
        if let tagSlugs, tagSlugs.indices.contains(i) { return tagSlugs[i] }
        return Slug.make(tags[i])
    }
}

/// A standalone page: `Content/pages/<slug>.md`.
public struct Page: Sendable {
    public var slug: String
    public var path: String
    public var title: String
    public var summary: String?
    public var body: String
}

extension SiteConfig {
    static func decode(_ node: YAMLNode, path: String) throws(DiagnosticError) -> SiteConfig {
        var reader = FieldReader(node, what: "site.yml", allowed: [
            "title", "description", "language", "base_url", "nav", "key_figures", "smart_punctuation", "languages",
        ])
        let title = reader.text("title", required: true)
        let description = reader.text("description") ?? ""
        let language = reader.text("language") ?? "en"
        var baseURL = reader.text("base_url")
        let smartPunctuation = reader.bool("smart_punctuation") ?? true
        var diagnostics = reader.diagnostics
        if let url = baseURL, let location = node["base_url"]?.location {
            if !(url.hasPrefix("https://") || url.hasPrefix("http://")) || url.contains(where: { $0 == " " || $0 == "\"" || $0 == "<" || $0 == ">" }) {
                diagnostics.append(.error(at: location, "base_url must be an absolute http(s) URL, like https://example.org/briefing/"))
                baseURL = nil
            } else if !url.hasSuffix("/") {
                baseURL = url + "/"
            }
        }
        if !language.allSatisfy({ $0.isASCII && ($0.isLetter || $0 == "-") }) || language.isEmpty {
            diagnostics.append(.error(at: node["language"]?.location ?? node.location, "language must be a language tag like en or en-GB"))
        }
        func readNav(_ items: YAMLNode) -> [NavItem] {
            var nav: [NavItem] = []
            if let list = items.items {
                for item in list {
                    var r = FieldReader(item, what: "a nav item", allowed: ["title", "path"])
                    let t = r.text("title", required: true)
                    let p = r.text("path", required: true)
                    diagnostics += r.diagnostics
                    if let t, let p { nav.append(NavItem(title: t, path: p, location: item.location)) }
                }
            } else {
                diagnostics.append(.error(at: items.location, "nav must be a list of {title, path}"))
            }
            return nav
        }
        var nav: [NavItem] = []
        if let items = node["nav"], !items.isNull { nav = readNav(items) }
        var languages: [LanguageSpec] = []
        if let items = node["languages"], !items.isNull {
            if let entries = items.entries {
                for entry in entries {
                    if entry.key == language || !entry.key.allSatisfy({ $0.isASCII && ($0.isLetter || $0 == "-") }) || entry.key.isEmpty {
                        diagnostics.append(.error(at: entry.keyLocation, entry.key == language
                            ? "'\(entry.key)' is the site's language already; languages lists the others"
                            : "language must be a language tag like ur or en-GB, not '\(entry.key)'"))
                        continue
                    }
                    var r = FieldReader(entry.value, what: "a language", allowed: ["title", "description", "nav", "key_figures"])
                    let t = r.text("title")
                    let d = r.text("description")
                    let labels = entry.value["key_figures"].map { _ in r.list("key_figures") }
                    diagnostics += r.diagnostics
                    let languageNav = entry.value["nav"].flatMap { $0.isNull ? nil : readNav($0) }
                    languages.append(LanguageSpec(code: entry.key, title: t, description: d, nav: languageNav,
                                                  keyFigureLabels: labels, location: entry.keyLocation))
                }
            } else {
                diagnostics.append(.error(at: items.location, "languages must be a mapping of language tags, like ur: {title: …}"))
            }
        }
        var figures: [KeyFigureSpec] = []
        if let items = node["key_figures"], !items.isNull {
            if let list = items.items {
                for item in list {
                    var r = FieldReader(item, what: "a key figure", allowed: ["label", "data", "column", "key", "format"])
                    let label = r.text("label", required: true)
                    let data = r.text("data", required: true)
                    let column = r.text("column", required: true)
                    let key = r.text("key")
                    let format = r.text("format")
                    diagnostics += r.diagnostics
                    if let label, let data, let column {
                        figures.append(KeyFigureSpec(
                            label: label, data: data, column: column, key: key, format: format, location: item.location))
                    }
                }
            } else {
                diagnostics.append(.error(at: items.location, "key_figures must be a list"))
            }
        }
        for spec in languages {
            if let labels = spec.keyFigureLabels, labels.count != figures.count {
                diagnostics.append(.error(at: node["languages"]?[spec.code]?["key_figures"]?.location ?? spec.location,
                                          "\(spec.code) has \(labels.count) key figure labels; key_figures has \(figures.count), and each needs its label in this language"))
            }
        }
        guard diagnostics.isEmpty, let title else { throw DiagnosticError(diagnostics) }
        return SiteConfig(
            title: title, description: description, language: language, baseURL: baseURL, nav: nav,
            keyFigures: figures, smartPunctuation: smartPunctuation, languages: languages)
    }
}

extension Brief {
    static func decode(_ text: String, slug: String, path: String, cache: FrontMatterCache? = nil,
                       translation: Bool = false) throws(DiagnosticError) -> Brief {
        // Parsing YAML is most of reading a brief; front matter seen before comes from the cache.
        let located = try FrontMatter.locate(text, path: path)
        let key = path + "\u{0}" + StableHash.of(located.yaml).description
        if let f = cache?.lookup(key) {
            return Brief(slug: slug, path: path, title: f.title, date: f.date, summary: f.summary, tags: f.tags,
                         authors: f.authors, draft: f.draft, body: located.body)
        }
        let yamlNode = try YAMLReader.parse(located.yaml, path: path, firstLine: 2)
        let front = FrontMatter(yaml: yamlNode, body: located.body, bodyLine: located.bodyLine)
        var reader = FieldReader(front.yaml, what: "front matter", allowed: [
            "title", "date", "summary", "tags", "authors", "draft",
        ])
        if front.yaml.isNull {
            reader.diagnostics.append(.error(at: front.yaml.location, "front matter is empty; a brief needs a title and a date"))
        }
        let title = reader.text("title", required: !front.yaml.isNull)
        let date = reader.date("date", required: !front.yaml.isNull)
        let summary = reader.text("summary")
        let tags = reader.list("tags")
        let authors = reader.list("authors")
        let draft = reader.bool("draft") ?? false
        for (i, tag) in tags.enumerated() where Slug.make(tag).isEmpty && !translation {
            let location = front.yaml["tags"]?.items?[i].location ?? front.yaml.location
            reader.diagnostics.append(.error(at: location, "tag '\(tag)' has no letters or digits"))
        }
        guard reader.diagnostics.isEmpty, let title, let date else { throw DiagnosticError(reader.diagnostics) }
        cache?.store(key, .init(title: title, date: date, summary: summary, tags: tags, authors: authors, draft: draft))
        return Brief(
            slug: slug, path: path, title: title, date: date, summary: summary, tags: tags,
            authors: authors, draft: draft, body: front.body)
    }
}

extension Page {
    static func decode(_ text: String, slug: String, path: String) throws(DiagnosticError) -> Page {
        let front = try FrontMatter.split(text, path: path)
        var reader = FieldReader(front.yaml, what: "front matter", allowed: ["title", "summary"])
        if front.yaml.isNull {
            reader.diagnostics.append(.error(at: front.yaml.location, "front matter is empty; a page needs a title"))
        }
        let title = reader.text("title", required: !front.yaml.isNull)
        let summary = reader.text("summary")
        guard reader.diagnostics.isEmpty, let title else { throw DiagnosticError(reader.diagnostics) }
        return Page(slug: slug, path: path, title: title, summary: summary, body: front.body)
    }
}

/// URL-safe names.
enum Slug {
    /// Whether a file's stem is a valid slug: [a-z0-9-], not empty, not starting with "-".
    static func isValid(_ name: String) -> Bool {
        !name.isEmpty && name.first != "-" && name.utf8.allSatisfy { ($0 >= 0x61 && $0 <= 0x7A) || ($0 >= 0x30 && $0 <= 0x39) || $0 == 0x2D }
    }

    static func isValidDatasetName(_ name: String) -> Bool {
        !name.isEmpty && name.first != "-" && name.utf8.allSatisfy { ($0 >= 0x61 && $0 <= 0x7A) || ($0 >= 0x30 && $0 <= 0x39) || $0 == 0x2D || $0 == 0x5F }
    }

    /// Lowercase ASCII letters and digits with single hyphens; other characters become hyphens.
    static func make(_ text: String) -> String {
        var out = ""
        var pendingHyphen = false
        for scalar in text.lowercased().unicodeScalars {
            if (scalar >= "a" && scalar <= "z") || (scalar >= "0" && scalar <= "9") {
                if pendingHyphen && !out.isEmpty { out.append("-") }
                pendingHyphen = false
                out.unicodeScalars.append(scalar)
            } else {
                pendingHyphen = true
            }
            if out.count >= 80 { break }
        }
        return out
    }
}

/// Briefs' decoded front matter, keyed by path and the hash of the YAML text: valid front matter
/// decodes the same every time, so an unchanged brief skips the YAML parser.
final class FrontMatterCache: @unchecked Sendable {
    struct Fields: Sendable {
        var title: String
        var date: String
        var summary: String?
        var tags: [String]
        var authors: [String]
        var draft: Bool
    }

    private(set) var entries: [String: Fields]
    private var used: [String: Fields] = [:]

    init(entries: [String: Fields] = [:]) { self.entries = entries }

    func lookup(_ key: String) -> Fields? {
        guard let found = entries[key] else { return nil }
        used[key] = found
        return found
    }

    func store(_ key: String, _ fields: Fields) { used[key] = fields }

    /// Keeps only what this build used, for the next.
    func finishBuild() {
        entries = used
        used = [:]
    }
}
