import BriefCharts
import BriefData
import BriefDiagnostics
import Dispatch

/// What planning one language edition gives the build: every output it publishes (path, key,
/// and how to make it), and what the rest of the build needs from the bodies.
struct Plan {
    var outputs: [PlannedOutput] = []
    var diagnostics: [Diagnostic] = []
    /// Things worth saying that are not problems ("no feed.xml …").
    var notes: [String] = []
    var chartCount = 0
    /// Published briefs, newest first, and their bodies in the same order (the changes page,
    /// the manifest, `brief check --stale`).
    var briefs: [Brief] = []
    var bodies: [RenderedBody] = []
}

/// Plans every page of one language edition of the site from checked inputs.
struct SiteRenderer {
    let inputs: SiteInputs
    let templates: TemplateSet
    let options: BuildOptions
    /// Problems found while resolving figures in summaries (the first of a plan's diagnostics).
    let summaryProblems: [Diagnostic]

    /// Published briefs, newest first (ties by slug).
    let briefs: [Brief]
    let bodyRenderer: BodyRenderer
    /// The language this renderer writes, and every language of the site (default first).
    let edition: Edition
    let editions: [Edition]
    /// site.yml's base_url (the edition's own config has its language's folder added).
    let siteBase: String?
    /// The pages of each language, by code, as their routes in the default language: for
    /// `hreflang` alternates and the language switcher.
    var pagePaths: [String: Set<Route>] = [:]
    /// Pages of the other languages, for the sitemap the default language writes.
    var otherRoutes: [Route] = []
    var otherDates: [Route: String] = [:]
    /// The default language's heading ids by page key, for its translations.
    var originalHeadingIDs: [String: [String]] = [:]
    /// The language file as every page's `t` sees it, made once per edition, and its hash: page
    /// keys hash this instead of walking the same few hundred strings on every page.
    let interface: [String: Any]
    let interfaceHash: StableHash

    init(inputs original: SiteInputs, templates: TemplateSet, options: BuildOptions,
         edition: Edition? = nil, editions: [Edition] = []) {
        self.templates = templates
        self.options = options
        let edition = edition ?? Edition(text: original.languages[original.config.language] ?? .placeholder, prefix: "")
        self.edition = edition
        self.editions = editions.isEmpty ? [edition] : editions
        siteBase = original.config.baseURL
        let inputs = edition.isDefault ? original : original.translated(into: edition)
        let originals = original.briefs.filter { options.drafts || !$0.draft }
        var published = inputs.briefs.filter { options.drafts || !$0.draft }
        var translated: Set<String> = []
        if !edition.isDefault {
            let live = Set(originals.map(\.slug))
            published = published.filter { live.contains($0.slug) }
            translated = Set(published.map { Dependency.brief($0.slug).key } + inputs.pages.map { Dependency.page($0.slug).key })
        }
        let renderer = BodyRenderer(
            datasets: inputs.datasets, briefSlugs: Set(originals.map(\.slug)),
            pageSlugs: Set(original.pages.map(\.slug)),
            draftSlugs: Set(original.briefs.filter(\.draft).map(\.slug)).subtracting(originals.map(\.slug)),
            assets: Set(inputs.copies.map(\.output).filter { $0.hasPrefix(Dependency.assetsFolder) }),
            smartPunctuation: inputs.config.smartPunctuation,
            citations: CitationIndex(inputs.bibliography, hash: inputs.bibliographyHash, text: edition.text),
            text: edition.text, languageCode: edition.isDefault ? "" : edition.code, translated: translated)
        bodyRenderer = renderer
        // Figures in summaries (`@dataset.column[key]`) resolve as in prose, for every listing,
        // feed and meta tag that shows them.
        var problems: [Diagnostic] = []
        func summaryLine(_ path: String) -> SourceLocation {
            let lines = (inputs.texts[path] ?? "").split(separator: "\n", omittingEmptySubsequences: false)
            let n = lines.firstIndex { $0.hasPrefix("summary:") }.map { $0 + 1 } ?? 2
            let column = lines.indices.contains(n - 1) ? (lines[n - 1].firstIndex(of: "`").map { lines[n - 1].distance(from: lines[n - 1].startIndex, to: $0) + 1 } ?? 1) : 1
            return SourceLocation(path: path, line: n, column: column)
        }
        for i in published.indices {
            if let summary = published[i].summary, summary.contains("`@") {
                published[i].summary = renderer.resolveFigures(in: summary, at: summaryLine(published[i].path), diagnostics: &problems)
            }
        }
        var resolvedInputs = inputs
        for i in resolvedInputs.pages.indices {
            if let summary = resolvedInputs.pages[i].summary, summary.contains("`@") {
                resolvedInputs.pages[i].summary = renderer.resolveFigures(
                    in: summary, at: summaryLine(resolvedInputs.pages[i].path), diagnostics: &problems)
            }
        }
        self.inputs = resolvedInputs
        summaryProblems = problems
        interface = LanguageFile.templateValue(edition.text)
        var languageHash = StableHash()
        for key in edition.text.strings.keys.sorted() {
            languageHash.add(key)
            languageHash.add(edition.text.strings[key] ?? "")
        }
        interfaceHash = languageHash
        briefs = published.sorted { ($0.date, $1.slug) > ($1.date, $0.slug) }
    }

    struct TagInfo {
        var name: String
        var slug: String
        var briefs: [Int]
    }

    /// Stage "check": every template against its page kind's context shape, the key figures and
    /// social cards against the data, and content warnings, before anything renders.
    func check() -> [Diagnostic] {
        var diagnostics = summaryProblems
        let kinds: [(String, Shape)] = [
            ("home", PageShapes.home), ("brief", PageShapes.brief), ("page", PageShapes.page),
            ("tag", PageShapes.tagPage), ("tags", PageShapes.tagIndex), ("dataset", PageShapes.dataset),
            ("datasets", PageShapes.datasetIndex), ("book", PageShapes.book), ("404", PageShapes.notFound),
            ("changes", PageShapes.changes), ("chart", PageShapes.chart),
        ]
        let language = LanguageFile.shape(edition.text)
        if !inputs.bibliography.entries.isEmpty && edition.isDefault {
            diagnostics += templates.validate("bibliography", shape: PageShapes.localized(PageShapes.bibliography, language), requiredBy: nil)
        }
        for (name, shape) in kinds {
            diagnostics += templates.validate(name, shape: PageShapes.localized(shape, language), requiredBy: nil)
        }
        if edition.isDefault {
            diagnostics += keyFigureProblems()
            diagnostics += socialCardProblems()
        }
        for brief in briefs where (brief.summary ?? "").trimmingSpaces.isEmpty {
            diagnostics.append(.warning(at: SourceLocation(path: brief.path, line: 2, column: 1),
                                        "brief has no summary; listings, search results and feeds show it"))
        }
        return diagnostics
    }

    /// Every brief's and page's body (Markdown with its charts, tables and figures), newest brief
    /// first, then the pages in path order.
    struct Bodies {
        var briefs: [RenderedBody]
        var pages: [RenderedBody]
        /// By page key ("briefs/x", "pages/y").
        var byKey: [String: RenderedBody]
        /// The bodies' own problems and every `#fragment` link that names no id on its target.
        var diagnostics: [Diagnostic]
        var chartCount: Int
    }

    /// Stage "render bodies": in parallel (each is pure and independent); an unchanged one comes
    /// from `cache`, which knows every input it used.
    func renderBodies(cache: BodyCache, progress: BuildProgress? = nil) -> Bodies {
        var renderer = bodyRenderer
        renderer.originalHeadingIDs = originalHeadingIDs
        // A translation's body is cached under its language ("ur:briefs/x"); its page key stays
        // the original's, for anchors and chart ids.
        let scope = edition.isDefault ? "" : edition.code + ":"
        var jobs: [BodyJob] = []
        for b in briefs {
            let key = Dependency.brief(b.slug).key
            jobs.append(BodyJob(key: scope + key, markdown: b.body, path: b.path, folder: "briefs", page: key, settings: renderer.settingsKey))
        }
        for p in inputs.pages {
            let key = Dependency.page(p.slug).key
            jobs.append(BodyJob(key: scope + key, markdown: p.body, path: p.path, folder: "pages", page: key, settings: renderer.settingsKey))
        }
        let results = cache.bodies(for: jobs, renderer: renderer, dependencies: dependencyHashes(), scope: scope, progress: progress)
        var byKey: [String: RenderedBody] = [:]
        for (job, body) in zip(jobs, results) { byKey[job.page] = body }
        var diagnostics = results.flatMap(\.diagnostics)
        diagnostics += checkAnchors(results, keys: jobs.map(\.page))
        return Bodies(briefs: Array(results[..<briefs.count]), pages: Array(results[briefs.count...]), byKey: byKey,
                      diagnostics: diagnostics, chartCount: results.reduce(0) { $0 + $1.chartCount })
    }

    /// Stage "plan": every output of this edition (its route, the key of everything it is made
    /// from, and how to make it) from checked templates and rendered bodies.
    func plan(_ bodies: Bodies) -> Plan {
        var plan = Plan(chartCount: bodies.chartCount, briefs: briefs, bodies: bodies.briefs)
        let rendered = bodies.briefs, pageBodies = bodies.pages
        var outputs: [PlannedOutput] = []
        let templates = self.templates
        func templated(_ route: Route, _ template: String, _ context: [String: Any]) -> PlannedOutput {
            let box = ContextBox(context)
            var fragments: [StableHash: HTMLFragment] = [:]
            let key = pageKey(context, template: template, fragments: &fragments)
            let found = fragments
            return PlannedOutput(route: route, key: key) {
                HTMLFragment.splice(templates.render(template, context: box.value), fragments: found)
            }
        }
        let tags = collectTags()
        let tagsBySlug = Dictionary(uniqueKeysWithValues: tags.map { ($0.slug, $0) })

        // Brief pages.
        for (i, brief) in briefs.enumerated() {
            let body = rendered[i]
            let older = i + 1 < briefs.count ? briefs[i + 1] : nil
            let newer = i > 0 ? briefs[i - 1] : nil
            let route = local(.brief(brief.slug))
            var context = common(title: brief.title, description: brief.summary ?? inputs.config.description,
                                 kind: "brief", route: route, ogType: "article")
            let minutes = max(1, (body.wordCount + 110) / 220)
            var data: [String: Any] = [
                "title": brief.title, "date": longDate(brief.date), "dateISO": brief.date,
                "tags": tagContexts(brief, from: route, tags: tagsBySlug),
                "readingTime": text.format("page.reading_time", ["minutes": text.number(String(minutes))]),
                "content": body.fragment(root: route.root),
                "toc": body.headings.filter { $0.level == 2 || $0.level == 3 }.map {
                    ["id": $0.id, "text": $0.text, "sub": $0.level == 3] as [String: Any]
                },
                "hasToc": body.headings.contains { $0.level == 2 },
                "datasets": body.datasets.compactMap { name -> [String: Any]? in
                    guard let d = inputs.datasets[name] else { return nil }
                    return ["title": d.metadata.title, "href": route.href(to: .dataset(name)),
                            "source": d.metadata.source, "csvHref": route.href(to: .datasetFile(name, .csv))]
                },
                "citation": citation(brief),
                "citeBibHref": route.href(to: local(.citation(brief.slug, .bib))), "citeRisHref": route.href(to: local(.citation(brief.slug, .ris))),
            ]
            if let summary = brief.summary { data["summary"] = summary }
            if !brief.authors.isEmpty { data["authors"] = brief.authors.joined(separator: ", ") }
            if let older { data["previous"] = ["title": older.title, "href": route.href(to: local(.brief(older.slug)))] }
            if let newer { data["next"] = ["title": newer.title, "href": route.href(to: local(.brief(newer.slug)))] }
            let cite = CiteThisBrief(brief: brief, config: inputs.config)
            // Social cards and chart pages are made for the default language only.
            let card = edition.isDefault ? socialCard(brief, body: body) : nil
            if var page = context["page"] as? [String: Any] {
                page["meta"] = cite.metaTags
                page["jsonLD"] = cite.jsonLD
                if let card { page["image"] = card.meta }
                context["page"] = page
            }
            context["brief"] = data
            outputs.append(templated(route, "brief", context))
            var bibKey = cite.inputsKey, risKey = bibKey
            bibKey.add("bib")
            risKey.add("ris")
            outputs.append(PlannedOutput(route: local(.citation(brief.slug, .bib)), key: bibKey) { Array(cite.bibtex.utf8) })
            outputs.append(PlannedOutput(route: local(.citation(brief.slug, .ris)), key: risKey) { Array(cite.ris.utf8) })
            if let card {
                outputs.append(card.output)
                outputs += chartOutputs(body: body, owner: route, ownerTitle: brief.title, templated: templated)
            }
        }

        // Standalone pages.
        for (i, page) in inputs.pages.enumerated() {
            let route = local(.page(page.slug))
            var context = common(title: page.title, description: page.summary ?? inputs.config.description,
                                 kind: "page", route: route, ogType: "website")
            context["content"] = pageBodies[i].fragment(root: route.root)
            if let summary = page.summary { context["summary"] = summary }
            outputs.append(templated(route, "page", context))
            if edition.isDefault {
                outputs += chartOutputs(body: pageBodies[i], owner: route, ownerTitle: page.title, templated: templated)
            }
        }

        // Home.
        let homeRoute = local(.home)
        var home = common(title: inputs.config.title, description: inputs.config.description,
                          kind: "home", route: homeRoute, ogType: "website")
        home["briefs"] = briefs.map { summaryContext($0, from: homeRoute, tags: tagsBySlug) }
        home["tags"] = tags.map { tagIndexContext($0, from: homeRoute) }
        let figures = keyFigures()
        home["keyFigures"] = figures
        home["hasKeyFigures"] = !figures.isEmpty
        home["datasetsHref"] = homeRoute.href(to: .dataIndex)
        home["datasetCount"] = text.number(String(inputs.datasets.count))
        outputs.append(templated(homeRoute, "home", home))

        // Tags.
        let tagsRoute = local(.tags)
        var tagIndex = common(title: text["page.topics"], description: text.format("page.topics_description", ["site": inputs.config.title]),
                              kind: "tags", route: tagsRoute, ogType: "website")
        tagIndex["tags"] = tags.map { tagIndexContext($0, from: tagsRoute) }
        outputs.append(templated(tagsRoute, "tags", tagIndex))
        for tag in tags {
            let tagRoute = local(.tag(tag.slug))
            var context = common(title: text.format("page.topic", ["name": tag.name]), description: text.format("page.topic_description", ["name": tag.name]),
                                 kind: "tag", route: tagRoute, ogType: "website")
            context["tag"] = ["name": tag.name, "briefs": tag.briefs.map { summaryContext(briefs[$0], from: tagRoute, tags: tagsBySlug) }] as [String: Any]
            outputs.append(templated(tagRoute, "tag", context))
        }

        // Datasets, the bibliography, 404 and copied files: once, in the default language.
        guard edition.isDefault else {
            outputs.append(book(rendered: rendered, templated: templated))
            plan.outputs = outputs + searchAndFeed(rendered: rendered, outputs: outputs)
            return plan
        }

        // Datasets: a page each, downloads, and the catalogue.
        var usedBy: [String: [Int]] = [:]
        for (i, body) in rendered.enumerated() { for name in body.datasets { usedBy[name, default: []].append(i) } }
        let names = inputs.datasets.keys.sorted()
        for name in names {
            guard let dataset = inputs.datasets[name] else { continue }
            let m = dataset.metadata
            // Long tables are paged (Hugo's convention: data/<name>/page/2/), so no page carries
            // more than TablePage.pageRows rows; the downloads hold them all.
            // Past TablePage.maxPages pages the rest of the rows are only in the downloads: a
            // million-row series makes 20 pages, not 2,000.
            let listed = min(dataset.rowCount, TablePage.pageRows * TablePage.maxPages)
            let pageCount = max(1, (listed + TablePage.pageRows - 1) / TablePage.pageRows)
            for number in 1...pageCount {
                let route = Route.dataset(name, page: number)
                let first = (number - 1) * TablePage.pageRows
                let rows = first..<min(listed, first + TablePage.pageRows)
                let title = pageCount == 1 ? m.title : text.format("page.dataset_rows", [
                    "title": m.title, "first": text.number(TablePage.grouped(rows.lowerBound + 1)),
                    "last": text.number(TablePage.grouped(rows.upperBound)),
                ])
                var context = common(title: title, description: text.format("page.dataset_description", ["title": m.title, "source": m.source]),
                                     kind: "dataset", route: route, ogType: "website")
                var data: [String: Any] = [
                    "title": m.title, "name": name, "source": m.source,
                    "table": DatasetTable.html(dataset, rows: rows, pager: DatasetTable.pager(name, number: number, of: pageCount, rows: rows, listed: listed, text: text),
                                               note: DatasetTable.listedNote(listed: listed, total: dataset.rowCount, text: text)),
                    "csvHref": route.href(to: .datasetFile(name, .csv)), "jsonHref": route.href(to: .datasetFile(name, .json)),
                    "rows": TablePage.grouped(dataset.rowCount),
                    "usedBy": (usedBy[name] ?? []).map { ["title": briefs[$0].title, "href": route.href(to: .brief(briefs[$0].slug))] },
                    "hasUsers": usedBy[name] != nil,
                ]
                for (key, value) in [("sourceURL", m.sourceURL), ("publisher", m.publisher), ("retrieved", m.retrieved),
                                     ("units", m.units), ("period", m.period), ("confidence", m.confidence),
                                     ("caveats", m.caveats), ("notes", m.notes), ("license", m.license)] {
                    if let value, !value.isEmpty { data[key] = value }
                }
                if let url = m.sourceURL, !isSafeURL(url) { data["sourceURL"] = nil }
                data["quotes"] = m.quotes.map { quoteContext($0, text: text) }
                data["hasQuotes"] = !m.quotes.isEmpty
                context["dataset"] = data
                if var page = context["page"] as? [String: Any] {
                    page["jsonLD"] = DatasetJSONLD.json(name: name, dataset: dataset, config: inputs.config, text: text)
                    context["page"] = page
                }
                outputs.append(templated(route, "dataset", context))
            }
            let datasetKey = StableHash.of(inputs.datasetHashes[name] ?? "")
            outputs.append(PlannedOutput(route: .datasetFile(name, .csv), key: datasetKey) { Array(dataset.csvText().utf8) })
            outputs.append(PlannedOutput(route: .datasetFile(name, .json), key: datasetKey) { Array(dataset.jsonText().utf8) })
        }
        var catalogue = common(title: text["page.data"], description: text.format("page.data_description", ["site": inputs.config.title]),
                               kind: "datasets", route: .dataIndex, ogType: "website")
        catalogue["datasets"] = names.compactMap { name -> [String: Any]? in
            guard let d = inputs.datasets[name] else { return nil }
            var entry: [String: Any] = ["title": d.metadata.title, "href": Route.dataIndex.href(to: .dataset(name)),
                                        "source": d.metadata.source, "rows": String(d.rowCount)]
            if let units = d.metadata.units { entry["units"] = units }
            return entry
        }
        outputs.append(templated(.dataIndex, "datasets", catalogue))

        // The bibliography: every work in Content/references.bib, with the briefs that cite it.
        let citations = bodyRenderer.citations
        if !citations.entries.isEmpty {
            var citedBy: [String: [Int]] = [:]
            for (i, body) in rendered.enumerated() { for key in body.cited { citedBy[key, default: []].append(i) } }
            var page = common(title: text["page.bibliography"], description: text.format("page.bibliography_description", ["site": inputs.config.title]),
                              kind: "bibliography", route: .bibliography, ogType: "website")
            page["entries"] = citations.sortedKeys.map { key -> [String: Any] in
                let users = citedBy[key] ?? []
                return ["id": citations.ids[key] ?? "", "html": citations.html[key] ?? "", "key": key,
                        "citedBy": users.map { ["title": briefs[$0].title, "href": Route.bibliography.href(to: .brief(briefs[$0].slug), fragment: "#references")] },
                        "hasCitedBy": !users.isEmpty]
            }
            outputs.append(templated(.bibliography, "bibliography", page))
        }

        outputs.append(book(rendered: rendered, templated: templated))

        // 404, search index, feeds, static files.
        let notFound = common(title: text["page.not_found"], description: inputs.config.description, kind: "404",
                              route: .notFound, ogType: "website")
        outputs.append(templated(.notFound, "404", notFound))
        outputs += searchAndFeed(rendered: rendered, outputs: outputs)
        if inputs.config.baseURL == nil {
            plan.notes.append("no feed.xml or sitemap.xml: set base_url in site.yml to publish them")
        }
        plan.outputs = outputs + copies()
        return plan
    }

    /// The book: every brief, oldest first, on one printable page.
    func book(rendered: [RenderedBody], templated: (Route, String, [String: Any]) -> PlannedOutput) -> PlannedOutput {
        let route = local(.book)
        var book = common(title: text.format("page.book", ["site": inputs.config.title]), description: text["page.book_description"],
                          kind: "book", route: route, ogType: "website")
        let order = Array(briefs.indices.reversed())
        book["briefs"] = order.map { i -> [String: Any] in
            let b = briefs[i]
            var entry: [String: Any] = ["title": b.title, "id": "brief-\(b.slug)", "date": longDate(b.date),
                                        "dateISO": b.date, "content": rendered[i].bookFragment(root: route.root, idPrefix: "b-\(b.slug)-")]
            if !b.authors.isEmpty { entry["authors"] = b.authors.joined(separator: ", ") }
            if let s = b.summary { entry["summary"] = s }
            return entry
        }
        return templated(route, "book", book)
    }

    /// The search index and the feed (one per language) and the sitemap (every language's pages).
    func searchAndFeed(rendered: [RenderedBody], outputs: [PlannedOutput]) -> [PlannedOutput] {
        var made: [PlannedOutput] = []
        let search = SearchIndex.script(briefs: briefs, bodies: rendered)
        made.append(PlannedOutput(route: local(.searchIndex), key: StableHash.of(search)) { Array(search.utf8) })
        if let base = inputs.config.baseURL, let siteBase {
            let feed = Feed.atom(config: inputs.config, base: base, briefs: briefs, bodies: rendered, bodyRoot: siteBase)
            made.append(PlannedOutput(route: local(.feed), key: StableHash.of(feed)) { Array(feed.utf8) })
            if edition.isDefault {
                let sitemap = Feed.sitemap(base: siteBase, routes: outputs.map(\.route) + otherRoutes, briefs: briefs, dates: otherDates)
                made.append(PlannedOutput(route: .sitemap, key: StableHash.of(sitemap)) { Array(sitemap.utf8) })
            }
        }
        return made
    }

    /// Static files and assets, as read with the other inputs.
    private func copies() -> [PlannedOutput] {
        inputs.copies.map { file in
            let bytes = file.bytes
            return PlannedOutput(route: .file(file.output), key: StableHash.of(bytes)) { bytes }
        }
    }

    /// Ids the templates give every brief and page, besides the body's own.
    static let templateIDs: Set<String> = ["main", "toc-title", "sources-title", "search-input", "search-results"]

    /// Every `#fragment` link must name an id on its target page.
    func checkAnchors(_ bodies: [RenderedBody], keys: [String]) -> [Diagnostic] {
        var ids: [String: Set<String>] = [:]
        for (key, body) in zip(keys, bodies) { ids[key] = Set(body.ids).union(Self.templateIDs) }
        var problems: [Diagnostic] = []
        for body in bodies {
            for anchor in body.anchors where !(ids[anchor.page]?.contains(anchor.fragment) ?? true) {
                let known = Array(ids[anchor.page] ?? [])
                problems.append(.error(at: anchor.location, "no heading or figure with id '\(anchor.fragment)' on \(anchor.page).md",
                                       hint: Suggestion.hint(for: anchor.fragment, in: known)))
            }
        }
        return problems
    }

    /// The current hash of everything a body may depend on outside its Markdown.
    func dependencyHashes() -> [String: String] {
        var hashes: [String: String] = [:]
        for (name, hash) in inputs.datasetHashes { hashes[Dependency.dataset(name).key] = hash }
        hashes[Dependency.bibliography.key] = inputs.bibliographyHash
        for b in briefs { hashes[Dependency.brief(b.slug).key] = "1" }
        for p in inputs.pages { hashes[Dependency.page(p.slug).key] = "1" }
        for c in inputs.copies where c.output.hasPrefix(Dependency.assetsFolder) { hashes[Dependency.asset(c.output).key] = "1" }
        return hashes
    }

    // MARK: Contexts

    /// The interface text of this renderer's language.
    var text: InterfaceText { edition.text }

    /// `route` in this renderer's language: the default language's own, another's under its folder.
    func local(_ route: Route) -> Route { edition.route(route) }

    /// A `YYYY-MM-DD` date written out in this language.
    func longDate(_ iso: String) -> String {
        IsoDate(iso).map { text.date(year: $0.year, month: $0.month, day: $0.day) } ?? iso
    }

    /// A page's key: its template, the templates, the language file and the rest of its context.
    func pageKey(_ context: [String: Any], template: String, fragments: inout [StableHash: HTMLFragment]) -> StableHash {
        var hashed = context
        hashed["t"] = nil  // `interface`, hashed once as `interfaceHash`
        var templatesAndLanguage = inputs.templatesHash
        templatesAndLanguage.add(interfaceHash)
        return ContextHash.of(hashed, template: template, templates: templatesAndLanguage, fragments: &fragments)
    }

    func common(title: String, description: String, kind: String, route: Route, ogType: String) -> [String: Any] {
        // `root` leads to this language's home (the theme's links to briefs, topics, the book and
        // the search index), `siteRoot` to the site's (static files and data, shared by every language).
        let siteRoot = route.root
        let root = siteRoot + local(.home).folder
        var page: [String: Any] = ["title": title, "description": description, "kind": kind, "ogType": ogType,
                                   "meta": [[String: Any]]()]
        if let base = siteBase { page["canonical"] = route.url(base: base) }
        // This page in the other languages: `hreflang` alternates, the language switcher, and on
        // a translation a note naming its original (Hugo's .Translations).
        let neutral = route.untranslated
        var alternates: [[String: Any]] = []
        var switcher: [[String: Any]] = []
        var original: [String: Any]?
        for other in editions where editions.count > 1 {
            let exists = pagePaths[other.code]?.contains(neutral) ?? false
            let target = other.route(exists ? neutral : .home)
            let href = route.href(to: target)
            if exists {
                alternates.append(["lang": other.code, "href": siteBase.map { target.url(base: $0) } ?? href])
            }
            if other.code != edition.code {
                switcher.append(["lang": other.code, "name": other.text.name, "href": href, "dir": other.text.direction.rawValue])
                if exists && other.isDefault && !edition.isDefault && (kind == "brief" || kind == "page") {
                    original = ["href": href, "lang": other.code, "name": other.text.name]
                }
            }
        }
        var context: [String: Any] = [
            "site": ["title": inputs.config.title, "description": inputs.config.description, "language": inputs.config.language],
            "page": page,
            "root": root,
            "siteRoot": siteRoot,
            "lang": edition.code,
            "dir": text.direction.rawValue,
            "t": interface,
            "alternates": alternates,
            "languages": switcher,
            "hasLanguages": !switcher.isEmpty,
            "nav": inputs.config.nav.map { item -> [String: Any] in
                let target = Route.nav(item.path)
                return ["title": item.title, "href": route.href(to: target), "current": target.path == route.path]
            },
        ]
        if inputs.config.baseURL != nil { context["feed"] = ["href": route.href(to: local(.feed))] }
        if let original { context["original"] = original }
        return context
    }

    func collectTags() -> [TagInfo] {
        var bySlug: [String: TagInfo] = [:]
        for (i, brief) in briefs.enumerated() {
            for (k, tag) in brief.tags.enumerated() {
                let slug = brief.tagSlug(k)
                if bySlug[slug] == nil { bySlug[slug] = TagInfo(name: tag, slug: slug, briefs: []) }
                if bySlug[slug]?.briefs.last != i { bySlug[slug]?.briefs.append(i) }
            }
        }
        return bySlug.values.sorted { $0.slug < $1.slug }
    }

    func tagContexts(_ brief: Brief, from route: Route, tags: [String: TagInfo]) -> [[String: Any]] {
        brief.tags.indices.map { k in
            let slug = brief.tagSlug(k)
            let info = tags[slug]
            let count = info?.briefs.count ?? 0
            return ["name": info?.name ?? brief.tags[k], "href": route.href(to: local(.tag(slug))), "count": text.number(String(count)),
                    "countLabel": countLabel(count)]
        }
    }

    func countLabel(_ count: Int) -> String {
        count == 1 ? text["page.briefs_one"] : text.format("page.briefs_many", ["count": text.number(String(count))])
    }

    func tagIndexContext(_ tag: TagInfo, from route: Route) -> [String: Any] {
        ["name": tag.name, "href": route.href(to: local(.tag(tag.slug))), "count": text.number(String(tag.briefs.count)),
         "countLabel": countLabel(tag.briefs.count)]
    }

    func summaryContext(_ brief: Brief, from route: Route, tags: [String: TagInfo]) -> [String: Any] {
        var c: [String: Any] = [
            "title": brief.title, "href": route.href(to: local(.brief(brief.slug))),
            "date": longDate(brief.date), "dateISO": brief.date,
            "tags": tagContexts(brief, from: route, tags: tags),
        ]
        if let s = brief.summary { c["summary"] = s }
        return c
    }

    func citation(_ brief: Brief) -> String {
        let who = brief.authors.isEmpty ? inputs.config.title : brief.authors.joined(separator: ", ")
        var text = "\(who). “\(brief.title).” \(inputs.config.title), \(longDate(brief.date))."
        if let base = inputs.config.baseURL { text += " " + Route.brief(brief.slug).url(base: base) }
        return text
    }

    // MARK: Key figures

    func keyFigureProblems() -> [Diagnostic] {
        var problems: [Diagnostic] = []
        for spec in inputs.config.keyFigures {
            guard let dataset = inputs.datasets[spec.data] else {
                problems.append(.error(at: spec.location, "unknown dataset '\(spec.data)' in key_figures",
                                       hint: Suggestion.hint(for: spec.data, in: Array(inputs.datasets.keys))))
                continue
            }
            guard let column = dataset.column(named: spec.column), column.type == .number else {
                problems.append(.error(at: spec.location, "'\(spec.column)' is not a number column of dataset '\(spec.data)'",
                                       hint: Suggestion.hint(for: spec.column, in: dataset.columnNames)))
                continue
            }
            if let key = spec.key, dataset.row(forKey: key) == nil {
                problems.append(.error(at: spec.location, "no row '\(key)' in dataset '\(spec.data)'"))
            }
            if let format = spec.format, NumberFormat(name: format) == nil {
                problems.append(.error(at: spec.location, "unknown format '\(format)'",
                                       hint: Suggestion.hint(for: format, in: NumberFormat.names)))
            }
            var labelProblems: [Diagnostic] = []
            _ = bodyRenderer.resolveFigures(in: spec.label, at: spec.location, diagnostics: &labelProblems)
            problems += labelProblems
            if let key = spec.key, let row = dataset.row(forKey: key), column.values[row].isMissing {
                problems.append(.error(at: spec.location, "dataset '\(spec.data)' has no \(spec.column) value in row '\(key)'"))
            }
        }
        return problems
    }

    func keyFigures() -> [[String: Any]] {
        var unused: [Diagnostic] = []  // reported by keyFigureProblems
        return inputs.config.keyFigures.compactMap { spec -> [String: Any]? in
            guard let dataset = inputs.datasets[spec.data], let column = dataset.column(named: spec.column),
                  let keys = dataset.columns.first?.values else { return nil }
            let format = spec.format.flatMap { NumberFormat(name: $0) } ?? .exact
            let row = spec.key.flatMap { dataset.row(forKey: $0) }
                ?? column.values.lastIndex { !$0.isMissing }
            guard let row, let value = column.values[row].number else { return nil }
            var figure: [String: Any] = [
                "label": bodyRenderer.resolveFigures(in: spec.label, at: spec.location, diagnostics: &unused),
                "value": format.format(column.values[row], in: text), "period": keys[row].text,
                "sparkline": Sparkline.svg(values: column.values.map(\.number), width: 120, height: 32),
                "href": local(.home).href(to: .dataset(spec.data)), "source": dataset.metadata.title, "changeDirection": "flat",
            ]
            if let previous = column.values[..<row].lastIndex(where: { !$0.isMissing }),
               let before = column.values[previous].number, before != 0 {
                // A share moves in percentage points; other figures by their relative change.
                let points = format == .percent
                let change = points ? value - before : (value - before) / abs(before) * 100
                let rounded = (change * 10).rounded() / 10
                let sign = rounded > 0 ? "+" : (rounded < 0 ? "−" : "±")
                let amount = NumberFormat.number.format(abs(rounded))
                let changeText = points ? text.number(sign + amount) + text["figure.points"]
                                        : NumberFormat.percent.localize(sign + amount + "%", in: text)
                figure["change"] = text.format("figure.change", ["change": changeText, "period": keys[previous].text])
                figure["changeDirection"] = rounded > 0 ? "up" : (rounded < 0 ? "down" : "flat")
            }
            return figure
        }
    }
}

/// Whether a URL from a data file may become a link: http(s) or mailto only.
/// A quoted source sentence for the dataset page: its link (only a web address), publisher,
/// retrieval date written out and the exact text.
func quoteContext(_ quote: SourceQuote, text: InterfaceText) -> [String: Any] {
    let retrieved = IsoDate(quote.retrieved).map { text.date(year: $0.year, month: $0.month, day: $0.day) } ?? quote.retrieved
    var context: [String: Any] = [
        "publisher": quote.publisher, "text": quote.text,
        "retrieved": retrieved, "retrievedISO": quote.retrieved,
    ]
    if isSafeURL(quote.url) { context["url"] = quote.url }
    return context
}

func isSafeURL(_ url: String) -> Bool {
    let lower = url.lowercased()
    return lower.hasPrefix("https://") || lower.hasPrefix("http://") || lower.hasPrefix("mailto:")
}
