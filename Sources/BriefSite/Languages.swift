import BriefCharts
import BriefDiagnostics

/// One language edition of the site: the default language at the site root, every other
/// language site.yml lists under its own folder (`ur/`), as Hugo publishes a multilingual site
/// (`defaultContentLanguageInSubdir: false`).
struct Edition {
    var text: InterfaceText
    /// "" for the default language, "ur/" for the others (the folder of `route(.home)`).
    var prefix: String
    var isDefault: Bool { prefix.isEmpty }
    var code: String { text.code }
}

/// Reads `Templates/i18n/<code>.yml`: the interface text of one language.
public enum LanguageFile {
    /// The language file `source` (read from `path`), for callers outside a site build (tests,
    /// tools); a site build reads its languages itself and reports problems at their lines.
    public static func load(_ source: String, code: String, path: String) throws(DiagnosticError) -> InterfaceText {
        try decode(try YAMLReader.parse(source, path: path), code: code, path: path)
    }

    static let settingsKeys = ["name", "direction", "digits", "grouping", "months", "months_short", "date", "month"]

    /// The file of `code` in the templates folder, trying `en` for `en-GB` when there is no `en-GB.yml`.
    static func path(for code: String, templatesDir: String, exists: (String) -> Bool) -> String? {
        let folder = templatesDir + "/i18n/"
        if exists(folder + code + ".yml") { return folder + code + ".yml" }
        if let dash = code.firstIndex(of: "-"), exists(folder + code[..<dash] + ".yml") {
            return folder + code[..<dash] + ".yml"
        }
        return nil
    }

    static func decode(_ node: YAMLNode, code: String, path: String) throws(DiagnosticError) -> InterfaceText {
        var problems: [Diagnostic] = []
        guard let entries = node.entries else {
            throw DiagnosticError([.error(at: node.location, "a language file is a YAML mapping: a 'language' section and the interface text by key")])
        }
        var strings: [String: String] = [:]
        var settings: YAMLNode?
        func flatten(_ entries: [YAMLEntry], prefix: String) {
            for entry in entries {
                let key = prefix + entry.key
                if let nested = entry.value.entries {
                    flatten(nested, prefix: key + ".")
                } else if let scalar = entry.value.scalar {
                    strings[key] = scalar
                } else {
                    problems.append(.error(at: entry.value.location, "'\(key)' must be text, not \(entry.value.kindName)"))
                }
            }
        }
        for entry in entries {
            if entry.key == "language" { settings = entry.value; continue }
            if let nested = entry.value.entries {
                flatten(nested, prefix: entry.key + ".")
            } else if let scalar = entry.value.scalar {
                strings[entry.key] = scalar
            } else {
                problems.append(.error(at: entry.value.location, "'\(entry.key)' must be text, not \(entry.value.kindName)"))
            }
        }
        guard let settings else {
            throw DiagnosticError(problems + [.error(at: node.location, "a language file needs a 'language' section (name, direction, digits, grouping, months, date, month)")])
        }
        var reader = FieldReader(settings, what: "the language section", allowed: settingsKeys)
        let name = reader.text("name", required: true) ?? code
        func choice<T: RawRepresentable & CaseIterable>(_ key: String, _ type: T.Type, default value: T) -> T where T.RawValue == String {
            guard let raw = reader.text(key) else { return value }
            if let found = T(rawValue: raw) { return found }
            let names = T.allCases.map(\.rawValue)
            reader.diagnostics.append(.error(at: settings[key]?.location ?? settings.location,
                                             "unknown \(key) '\(raw)'; use one of \(names.joined(separator: ", "))",
                                             hint: Suggestion.hint(for: raw, in: names)))
            return value
        }
        let direction = choice("direction", InterfaceText.Direction.self, default: .ltr)
        let digits = choice("digits", InterfaceText.Digits.self, default: .western)
        let grouping = choice("grouping", InterfaceText.Grouping.self, default: .thousands)
        let months = reader.list("months")
        if months.count != 12 {
            reader.diagnostics.append(.error(at: settings["months"]?.location ?? settings.location,
                                             "months must list the twelve month names, January first (found \(months.count))"))
        }
        // The months as a date axis writes them (Jan … Dec); the full names when left out.
        var shortMonths: [String]? = nil
        if settings["months_short"] != nil {
            let list = reader.list("months_short")
            if list.count == 12 {
                shortMonths = list
            } else {
                reader.diagnostics.append(.error(at: settings["months_short"]?.location ?? settings.location,
                                                 "months_short must list the twelve short month names, January first (found \(list.count))"))
            }
        }
        let date = reader.text("date") ?? "{day} {month} {year}"
        let month = reader.text("month") ?? "{month} {year}"
        problems += reader.diagnostics
        guard problems.isEmpty else { throw DiagnosticError(problems) }
        return InterfaceText(code: code, name: name, direction: direction, digits: digits, grouping: grouping,
                             months: months, dateFormat: date, monthFormat: month, strings: strings, path: path,
                             shortMonths: shortMonths)
    }

    /// Every key of `reference` (the theme's en.yml) that `text` lacks, as errors naming `text`'s file.
    static func missingKeys(_ text: InterfaceText, reference: InterfaceText, at location: SourceLocation) -> [Diagnostic] {
        var problems: [Diagnostic] = []
        let required = Set(reference.strings.keys).union(InterfaceText.requiredKeys)
        for key in required.sorted() where text.strings[key] == nil {
            let english = reference.strings[key].map { " (\(reference.path) has \"\($0)\")" } ?? ""
            problems.append(.error(at: location, "\(text.path) has no text for key '\(key)'\(english)",
                                   hint: "add '\(key)' to \(text.path); every language file needs every key of \(reference.path)"))
        }
        return problems
    }

    /// The strings as a template value: `{{t.chart.source}}` reads "chart.source".
    static func templateValue(_ text: InterfaceText) -> [String: Any] {
        var root: [String: Any] = [:]
        for (key, value) in text.strings {
            let parts = key.split(separator: ".").map(String.init)
            insert(&root, parts[...], value)
        }
        return root
    }

    private static func insert(_ node: inout [String: Any], _ path: ArraySlice<String>, _ value: String) {
        guard let first = path.first else { return }
        if path.count == 1 { node[first] = value; return }
        var child = node[first] as? [String: Any] ?? [:]
        insert(&child, path.dropFirst(), value)
        node[first] = child
    }

    /// The shape of `templateValue`, for the template checker.
    static func shape(_ text: InterfaceText) -> Shape {
        var root: [String: Any] = [:]
        for key in text.strings.keys { insert(&root, key.split(separator: ".").map(String.init)[...], "") }
        func convert(_ node: [String: Any]) -> Shape {
            .object(node.mapValues { value in (value as? [String: Any]).map(convert) ?? .text })
        }
        return convert(root)
    }
}

/// A translation's file name: `<slug>.<code>.md`.
enum TranslationName {
    /// (slug, language) for `x.ur.md`; nil for an original (`x.md`) or anything else.
    static func split(_ relative: String) -> (slug: String, code: String)? {
        guard relative.hasSuffix(".md") else { return nil }
        let stem = relative.dropLast(3)
        guard let dot = stem.lastIndex(of: ".") else { return nil }
        let code = String(stem[stem.index(after: dot)...])
        guard !code.isEmpty, code.allSatisfy({ $0.isASCII && ($0.isLetter || $0 == "-") }) else { return nil }
        return (String(stem[..<dot]), code)
    }
}

extension SiteInputs {
    /// The inputs of one translated edition: its briefs and pages, site.yml's title,
    /// description, nav and key-figure labels in that language, and a base URL under its folder.
    func translated(into edition: Edition) -> SiteInputs {
        var copy = self
        let spec = config.languages.first { $0.code == edition.code }
        copy.briefs = briefTranslations[edition.code] ?? []
        copy.pages = pageTranslations[edition.code] ?? []
        copy.config.language = edition.code
        if let title = spec?.title { copy.config.title = title }
        if let description = spec?.description { copy.config.description = description }
        if let nav = spec?.nav { copy.config.nav = nav }
        if let labels = spec?.keyFigureLabels, labels.count == config.keyFigures.count {
            for i in copy.config.keyFigures.indices { copy.config.keyFigures[i].label = labels[i] }
        }
        if let base = config.baseURL { copy.config.baseURL = base + edition.prefix }
        copy.bibliography = bibliography
        // Titles, column labels and units as the dataset's metadata translates them.
        copy.datasets = datasets.mapValues { $0.translated(into: edition.code) }
        return copy
    }

    /// The site's languages, default first, then site.yml's order.
    var editions: [Edition] {
        var list = [Edition(text: languages[config.language] ?? .placeholder, prefix: "")]
        for spec in config.languages {
            if let text = languages[spec.code] { list.append(Edition(text: text, prefix: spec.code + "/")) }
        }
        return list
    }
}

extension PageShapes {
    /// A page kind's shape with the language keys every page has: `lang`, `dir`, `siteRoot`,
    /// the interface text `t`, `hreflang` alternates, the language switcher and, on a
    /// translation, its original.
    static func localized(_ shape: Shape, _ language: Shape) -> Shape {
        guard case .object(var fields) = shape else { return shape }
        fields["t"] = language
        return .object(fields)
    }

    static let languageKeys: [String: Shape] = [
        "siteRoot": .text, "lang": .text, "dir": .text,
        "alternates": .list(.object(["lang": .text, "href": .text])),
        "languages": .list(.object(["lang": .text, "name": .text, "href": .text, "dir": .text])),
        "hasLanguages": .flag,
        "original": .optional(.object(["href": .text, "lang": .text, "name": .text])),
    ]
}

extension Edition {
    /// Every page this language's edition has, as its route in the default language: what
    /// `hreflang` alternates and the language switcher link to.
    static func pagePaths(_ inputs: SiteInputs, edition: Edition, drafts: Bool) -> Set<Route> {
        let originals = inputs.briefs.filter { drafts || !$0.draft }
        let live = Set(originals.map(\.slug))
        let briefs = edition.isDefault ? originals
            : (inputs.briefTranslations[edition.code] ?? []).filter { (drafts || !$0.draft) && live.contains($0.slug) }
        let pages = edition.isDefault ? inputs.pages : (inputs.pageTranslations[edition.code] ?? [])
        var paths: Set<Route> = [.home, .tags, .book]
        for b in briefs {
            paths.insert(.brief(b.slug))
            for k in b.tags.indices { paths.insert(.tag(b.tagSlug(k))) }
        }
        for p in pages { paths.insert(.page(p.slug)) }
        return paths
    }
}

extension Edition {
    /// `route` in this language: the default language's own, another's under its folder.
    func route(_ route: Route) -> Route { isDefault ? route : .translated(code, route) }
}

extension Route {
    /// The route in the default language (a translated page's original).
    var untranslated: Route {
        if case .translated(_, let route) = self { return route }
        return self
    }
}
