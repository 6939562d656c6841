import BriefCharts
import BriefData
import BriefDiagnostics

/// Everything a build reads, loaded and checked: the edge between files and the pipeline.
struct SiteInputs {
    var config: SiteConfig
    var briefs: [Brief]
    var pages: [Page]
    var datasets: [String: Dataset]
    /// Templates/**/*.mustache as (path, text), sorted.
    var templates: [(path: String, text: String)]
    /// Files copied as they are: (source path, output path).
    /// Files published as they are (the theme's static/ and Content/assets/), read here with
    /// everything else, so no later stage touches the disk.
    var copies: [(source: String, output: String, bytes: [UInt8])]
    /// Every text file read, for source lines in diagnostics.
    var texts: [String: String]
    /// Each dataset's hash (data file and metadata), for caches and the changes page.
    var datasetHashes: [String: String] = [:]
    /// The hash of every template file.
    var templatesHash = StableHash()
    /// `Content/references.bib`, parsed (empty when there is none).
    var bibliography = Bibliography.empty
    /// The .bib file's hash ("" without one).
    var bibliographyHash = ""
    /// The interface text of the site's language and of every language site.yml lists, by code.
    var languages: [String: InterfaceText] = [:]
    /// Translations (`briefs/<slug>.<code>.md`, `pages/<slug>.<code>.md`) by language code.
    var briefTranslations: [String: [Brief]] = [:]
    var pageTranslations: [String: [Page]] = [:]

    /// Reads and decodes the inputs; problems are collected into `diagnostics`.
    static func load(
        from fs: FileSystem, options: BuildOptions, frontMatter: FrontMatterCache? = nil, diagnostics: inout [Diagnostic]
    ) -> SiteInputs? {
        let content = options.contentDir
        let templatesDir = options.templatesDir
        var texts: [String: String] = [:]

        func text(_ path: String) -> String? {
            switch fs.read(path) {
            case .success(let bytes):
                do {
                    let decoded = try SourceText.decode(bytes, path: path)
                    texts[path] = decoded
                    return decoded
                } catch {
                    diagnostics += error.diagnostics
                    return nil
                }
            case .failure(let failure):
                diagnostics.append(.error(at: SourceLocation(path: path, line: 1, column: 1), describe(failure)))
                return nil
            }
        }

        func listing(_ folder: String) -> [String] {
            let (files, problems) = fs.files(under: folder)
            for (path, failure) in problems {
                diagnostics.append(.error(at: SourceLocation(path: path, line: 1, column: 1), describe(failure)))
            }
            return files
        }

        // site.yml
        var config: SiteConfig?
        let sitePath = content + "/site.yml"
        if !fs.exists(sitePath) {
            diagnostics.append(.error(at: SourceLocation(path: sitePath, line: 1, column: 1),
                                      "missing site.yml; it needs at least a title"))
        } else if let source = text(sitePath) {
            do {
                config = try SiteConfig.decode(try YAMLReader.parse(source, path: sitePath), path: sitePath)
            } catch { diagnostics += error.diagnostics }
        }

        // Datasets: data/<name>.csv|json with data/<name>.yml.
        var datasets: [String: Dataset] = [:]
        var datasetHashes: [String: String] = [:]
        let dataFiles = listing(content + "/data")
        let dataPrefix = content + "/data/"
        for path in dataFiles {
            let relative = String(path.dropFirst(dataPrefix.count))
            // Excel's owner file (`~$name.xlsx`) exists while a workbook is open: not a dataset.
            if relative.hasPrefix("~$") { continue }
            guard let dot = relative.lastIndex(of: "."), !relative.contains("/") else {
                if relative.contains("/") {
                    diagnostics.append(.error(at: SourceLocation(path: path, line: 1, column: 1),
                                              "datasets live directly in \(content)/data/, not in subfolders"))
                }
                continue
            }
            let name = String(relative[..<dot])
            let ext = String(relative[relative.index(after: dot)...])
            guard ext == "csv" || ext == "json" || ext == "xlsx" else {
                if ext != "yml" && ext != "yaml" && ext != "md" {
                    diagnostics.append(.warning(at: SourceLocation(path: path, line: 1, column: 1),
                                                "ignored: data files must end in .csv, .json or .xlsx"))
                }
                continue
            }
            guard Slug.isValidDatasetName(name) else {
                diagnostics.append(.error(at: SourceLocation(path: path, line: 1, column: 1),
                                          "dataset name '\(name)' may use only a-z, 0-9, '-' and '_'"))
                continue
            }
            if datasets[name] != nil {
                diagnostics.append(.error(at: SourceLocation(path: path, line: 1, column: 1),
                                          "two data files are named '\(name)'; keep one of .csv, .json and .xlsx"))
                continue
            }
            let metaPath = dataPrefix + name + ".yml"
            guard fs.exists(metaPath) else {
                diagnostics.append(.error(at: SourceLocation(path: path, line: 1, column: 1),
                                          "dataset '\(name)' has no metadata file \(metaPath) (it needs at least title and source)"))
                continue
            }
            // A workbook is binary: its bytes go to the .xlsx reader, never through SourceText.
            var workbook: [UInt8]?
            if ext == "xlsx" {
                switch fs.read(path) {
                case .success(let bytes): workbook = bytes
                case .failure(let failure):
                    diagnostics.append(.error(at: SourceLocation(path: path, line: 1, column: 1), describe(failure)))
                    continue
                }
            }
            guard let metaText = text(metaPath), let dataText = workbook == nil ? text(path) : "" else { continue }
            do {
                let metadata = try DatasetMetadata.decode(try YAMLReader.parse(metaText, path: metaPath), path: metaPath)
                let dataset: Dataset
                if let workbook {
                    dataset = try Dataset.parseXLSX(workbook, name: name, path: path, metadata: metadata)
                } else if ext == "csv" {
                    dataset = try Dataset.parseCSV(dataText, name: name, path: path, metadata: metadata)
                } else {
                    dataset = try Dataset.parseJSON(dataText, name: name, path: path, metadata: metadata)
                }
                datasets[name] = dataset
                var h = StableHash()
                h.add(metaText)
                if let workbook { h.add(workbook) } else { h.add(dataText) }
                datasetHashes[name] = h.description
            } catch {
                diagnostics += error.diagnostics
            }
        }
        for path in dataFiles where path.hasSuffix(".yml") {
            let name = String(path.dropFirst(dataPrefix.count).dropLast(4))
            if !["csv", "json", "xlsx"].contains(where: { dataFiles.contains(dataPrefix + name + "." + $0) }) {
                diagnostics.append(.error(at: SourceLocation(path: path, line: 1, column: 1),
                                          "metadata for a dataset '\(name)' that has no \(name).csv, \(name).json or \(name).xlsx"))
            }
        }

        // The bibliography: Content/references.bib (BibTeX), optional.
        var bibliography = Bibliography.empty
        var bibliographyHash = ""
        let bibPath = content + "/references.bib"
        if fs.exists(bibPath), let source = text(bibPath) {
            let (parsed, problems) = Bibliography.parse(source, path: bibPath)
            bibliography = parsed
            diagnostics += problems
            bibliographyHash = StableHash.of(source).description
        }

        // Briefs and pages, and their translations (`<slug>.<code>.md`, Hugo's naming).
        var briefs: [Brief] = []
        var pages: [Page] = []
        var briefTranslations: [String: [Brief]] = [:]
        var pageTranslations: [String: [Page]] = [:]
        let otherLanguages = config?.languages.map(\.code) ?? []
        for (folder, isBrief) in [("briefs", true), ("pages", false)] {
            let prefix = content + "/" + folder + "/"
            let files = listing(content + "/" + folder)
            for path in files {
                let relative = String(path.dropFirst(prefix.count))
                guard relative.hasSuffix(".md") else { continue }
                let at = SourceLocation(path: path, line: 1, column: 1)
                if let (slug, code) = TranslationName.split(relative), Slug.isValid(slug) {
                    guard otherLanguages.contains(code) else {
                        let listed = otherLanguages.isEmpty ? "site.yml lists no other languages" : "site.yml's languages are " + otherLanguages.joined(separator: ", ")
                        diagnostics.append(.error(at: at, "unknown language '\(code)' in the file name '\(relative)'; \(listed)",
                                                  hint: Suggestion.hint(for: code, in: otherLanguages)
                                                      ?? "add it under languages: in site.yml, with Templates/i18n/\(code).yml for its interface text"))
                        continue
                    }
                    guard files.contains(prefix + slug + ".md") else {
                        diagnostics.append(.error(at: at, "'\(relative)' is a translation of '\(slug).md', which does not exist; a translation sits beside its original",
                                                  hint: Suggestion.hint(for: slug + ".md", in: files.filter { TranslationName.split(String($0.dropFirst(prefix.count))) == nil }.map { String($0.dropFirst(prefix.count)) })))
                        continue
                    }
                    guard let source = text(path) else { continue }
                    do {
                        if isBrief {
                            var b = try Brief.decode(source, slug: slug, path: path, cache: frontMatter, translation: true)
                            b.language = code
                            briefTranslations[code, default: []].append(b)
                        } else {
                            pageTranslations[code, default: []].append(try Page.decode(source, slug: slug, path: path))
                        }
                    } catch { diagnostics += error.diagnostics }
                    continue
                }
                let slug = String(relative.dropLast(3))
                // Slugs are lowercase ASCII, so no two can collide by case or Unicode normalisation.
                guard Slug.isValid(slug) else {
                    diagnostics.append(.error(at: at, "file name '\(relative)' is not a valid slug: use only a-z, 0-9 and '-' (the name becomes the page's URL)"))
                    continue
                }
                guard let source = text(path) else { continue }
                do {
                    if isBrief {
                        briefs.append(try Brief.decode(source, slug: slug, path: path, cache: frontMatter))
                    } else {
                        pages.append(try Page.decode(source, slug: slug, path: path))
                    }
                } catch { diagnostics += error.diagnostics }
            }
        }

        // Templates.
        var templates: [(String, String)] = []
        var copies: [(String, String)] = []
        for path in listing(templatesDir) {
            if path.hasSuffix(".mustache") {
                if let source = text(path) { templates.append((path, source)) }
            } else if path.hasPrefix(templatesDir + "/static/") {
                copies.append((path, "static/" + path.dropFirst(templatesDir.count + "/static/".count)))
            }
        }
        if templates.isEmpty {
            diagnostics.append(.error(at: SourceLocation(path: templatesDir, line: 1, column: 1),
                                      "no templates found in \(templatesDir)/"))
        }
        for path in listing(content + "/assets") {
            copies.append((path, "assets/" + path.dropFirst(content.count + "/assets/".count)))
        }
        // Copied files whose output paths differ only by case, or by how an accent is encoded
        // (NFC "é" and NFD "e\u{301}" are equal Strings), would land on one file: refuse them.
        var copiedTo: [String: String] = [:]
        copies = copies.filter { source, output in
            let key = output.lowercased()
            if let other = copiedTo[key] {
                diagnostics.append(.error(
                    at: SourceLocation(path: source, line: 1, column: 1),
                    "'\(source)' and '\(other)' would be copied to the same file",
                    hint: "their names differ only in letter case or in how an accent is encoded; rename one"))
                return false
            }
            copiedTo[key] = source
            return true
        }
        var copied: [(source: String, output: String, bytes: [UInt8])] = []
        for (source, output) in copies {
            switch fs.read(source) {
            case .success(let bytes): copied.append((source, output, bytes))
            case .failure(let failure):
                diagnostics.append(.error(at: SourceLocation(path: source, line: 1, column: 1), describe(failure)))
            }
        }

        if let base = options.baseURL { config?.baseURL = base }
        // A translation names its original's tags in its own language, one for one.
        let originals = Dictionary(briefs.map { ($0.slug, $0) }, uniquingKeysWith: { a, _ in a })
        for code in briefTranslations.keys {
            for i in briefTranslations[code, default: []].indices {
                let t = briefTranslations[code, default: []][i]
                guard let original = originals[t.slug] else { continue }
                if !t.tags.isEmpty && t.tags.count != original.tags.count {
                    let line = (texts[t.path] ?? "").split(separator: "\n", omittingEmptySubsequences: false)
                        .firstIndex { $0.hasPrefix("tags:") }.map { $0 + 1 } ?? 1
                    diagnostics.append(.error(at: SourceLocation(path: t.path, line: line, column: 1),
                                              "a translation names its original's \(original.tags.count) tags, in the same order; this one has \(t.tags.count)"))
                }
                briefTranslations[code]?[i].tagSlugs = original.tags.map(Slug.make)
                if t.tags.isEmpty { briefTranslations[code]?[i].tags = original.tags }
            }
        }

        // Language files: the site's language and every language site.yml lists.
        var languages: [String: InterfaceText] = [:]
        if let config {
            let referencePath = templatesDir + "/i18n/en.yml"
            func load(_ code: String, path: String) -> InterfaceText? {
                guard let source = text(path) else { return nil }
                do {
                    return try LanguageFile.decode(try YAMLReader.parse(source, path: path), code: code, path: path)
                } catch { diagnostics += error.diagnostics; return nil }
            }
            let reference = fs.exists(referencePath) ? load("en", path: referencePath) : nil
            let available = listing(templatesDir + "/i18n").compactMap { p -> String? in
                p.hasSuffix(".yml") ? String(p.dropFirst(templatesDir.count + 6).dropLast(4)) : nil
            }
            let sitePath = content + "/site.yml"
            let wanted = [(config.language, SourceLocation(path: sitePath, line: 1, column: 1))] + config.languages.map { ($0.code, $0.location) }
            for (code, location) in wanted {
                guard let path = LanguageFile.path(for: code, templatesDir: templatesDir, exists: fs.exists) else {
                    diagnostics.append(.error(at: location, "unknown language '\(code)': there is no \(templatesDir)/i18n/\(code).yml with its interface text",
                                              hint: Suggestion.hint(for: code, in: available)
                                                  ?? "available: \(available.sorted().joined(separator: ", ")); copy en.yml to \(code).yml and translate it"))
                    continue
                }
                guard let loaded = path == referencePath ? reference : load(code, path: path) else { continue }
                var text = loaded
                text.code = code
                if let reference {
                    diagnostics += LanguageFile.missingKeys(text, reference: reference, at: SourceLocation(path: path, line: 1, column: 1))
                }
                languages[code] = text
            }
        }

        guard let config else {
            // No inputs come back without a config, so give the diagnostics their source lines here.
            diagnostics = diagnostics.withSourceLines(texts)
            return nil
        }
        // A dataset's translations are for the languages the site publishes.
        let translatedInto = config.languages.map(\.code)
        for name in datasets.keys.sorted() {
            guard let metadata = datasets[name]?.metadata else { continue }
            for code in metadata.translations.keys.sorted() where !translatedInto.contains(code) {
                diagnostics.append(.error(
                    at: metadata.translations[code]?.location ?? SourceLocation(path: metadata.path, line: 1, column: 1),
                    "dataset \(name) has a '\(code)' translation, but site.yml publishes no '\(code)' edition",
                    hint: Suggestion.hint(for: code, in: translatedInto)
                        ?? (translatedInto.isEmpty ? "list the language under languages: in site.yml"
                            : "the site's other languages are " + translatedInto.joined(separator: ", "))))
            }
        }
        var templatesHash = StableHash()
        for (path, text) in templates.sorted(by: { $0.0 < $1.0 }) {
            templatesHash.add(path)
            templatesHash.add(text)
        }
        return SiteInputs(
            config: config, briefs: briefs.sorted { $0.path < $1.path }, pages: pages.sorted { $0.path < $1.path },
            datasets: datasets, templates: templates, copies: copied, texts: texts,
            datasetHashes: datasetHashes, templatesHash: templatesHash, bibliography: bibliography,
            bibliographyHash: bibliographyHash, languages: languages,
            briefTranslations: briefTranslations.mapValues { $0.sorted { $0.path < $1.path } },
            pageTranslations: pageTranslations.mapValues { $0.sorted { $0.path < $1.path } })
    }

    static func describe(_ failure: FileSystem.Failure) -> String {
        switch failure {
        case .notFound: "file not found"
        case .unreadable(let why): "cannot read file: \(why)"
        case .symlinkEscapes(let target): "symbolic link points outside the project (to \(target)); copy the file in instead"
        case .symlinkLoop: "symbolic link loops back on itself"
        }
    }
}
