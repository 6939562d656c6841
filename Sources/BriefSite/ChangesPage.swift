import BriefCharts
import BriefData

/// What the site said at one build, in the terms a reviewer cares about: briefs, their charts and
/// cited figures, and dataset rows. The changes page compares two of these.
struct ContentSnapshot: Codable, Sendable, Equatable {
    struct BriefState: Codable, Sendable, Equatable {
        var title: String
        var source: String
        var charts: [ChartRecord]
        var figures: [FigureRecord]
    }

    struct DatasetState: Codable, Sendable, Equatable {
        var title: String
        var hash: String
        /// How many rows it has (kept when `rows` is left out of a published manifest).
        var rowCount: Int?
        /// Per row, the hash of its key (first column, numbered when repeated) and of the row,
        /// sorted by key: 16 bytes a row, compared by a merge walk (a 200,000-row dataset costs
        /// no dictionary of strings, in the build or in the cache).
        var rows: [RowHash]
    }

    struct RowHash: Codable, Sendable, Equatable, Comparable {
        var key: UInt64
        var value: UInt64
        static func < (a: RowHash, b: RowHash) -> Bool { (a.key, a.value) < (b.key, b.value) }
    }

    /// Rows of `new` whose key is not in `old`, rows of `old` not in `new`, and rows in both
    /// whose hash differs.
    static func compare(_ old: [RowHash], _ new: [RowHash]) -> (added: Int, removed: Int, changed: Int) {
        var i = 0, j = 0, added = 0, removed = 0, changed = 0
        while i < old.count || j < new.count {
            if j == new.count || (i < old.count && old[i].key < new[j].key) {
                removed += 1; i += 1
            } else if i == old.count || new[j].key < old[i].key {
                added += 1; j += 1
            } else {
                if old[i].value != new[j].value { changed += 1 }
                i += 1; j += 1
            }
        }
        return (added, removed, changed)
    }

    /// A brief's text hashed without its trailing line ends, so a file with or without a final
    /// newline is the same content (and the published manifest the same bytes).
    static func sourceHash(_ text: String) -> String {
        var t = Substring(text)
        while t.hasSuffix("\n") || t.hasSuffix("\r") { t = t.dropLast() }
        return StableHash.of(String(t)).description
    }

    var briefs: [String: BriefState] = [:]
    var datasets: [String: DatasetState] = [:]

    init() {}

    init(inputs: SiteInputs, briefs: [Brief], bodies: [RenderedBody]) {
        for (brief, body) in zip(briefs, bodies) {
            self.briefs[brief.slug] = BriefState(
                title: brief.title, source: Self.sourceHash(inputs.texts[brief.path] ?? brief.body),
                charts: body.charts, figures: body.figures)
        }
        for (name, dataset) in inputs.datasets {
            var rows: [RowHash] = []
            rows.reserveCapacity(dataset.rowCount)
            var seen: [UInt64: Int] = [:]
            for row in 0..<dataset.rowCount {
                var key = StableHash()
                key.add(dataset.columns.first?.values[row].text ?? "")
                // A repeated key is numbered by its occurrence, so rows keep distinct keys.
                let n = seen[key.value, default: 0]
                seen[key.value] = n + 1
                if n > 0 { key.add(UInt64(n + 1)) }
                var h = StableHash()
                for column in dataset.columns { h.add(column.name); h.add(column.values[row].text) }
                rows.append(RowHash(key: key.value, value: h.value))
            }
            rows.sort()
            // Content, not bytes: the metadata without trailing line ends and every row, so the
            // same table written with or without a final newline (or BOM, or CRLF) is unchanged.
            var content = StableHash()
            content.add(Self.sourceHash(inputs.texts[dataset.metadata.path] ?? dataset.metadata.title))
            content.add(UInt64(rows.count))
            for r in rows { content.add(r.key); content.add(r.value) }
            datasets[name] = DatasetState(title: dataset.metadata.title, hash: content.description,
                                          rowCount: dataset.rowCount, rows: rows)
        }
    }
}

/// What changed between two snapshots, as the changes page and `brief diff --format markdown`
/// list it.
struct ChangeReport: Sendable {
    struct BriefChange: Sendable { var slug: String; var title: String }
    /// Why a chart is listed; its words come from the language file (`changes.*`).
    enum ChartReason: Sendable {
        case new, spec, data
        func text(_ t: InterfaceText) -> String {
            switch self {
            case .new: t["changes.new_chart"]
            case .spec: t["changes.spec_changed"]
            case .data: t["changes.data_changed"]
            }
        }
    }
    /// What happened to a dataset's rows.
    enum DatasetSummary: Sendable {
        /// The base kept no row hashes (a dataset too long for the published manifest).
        case rowsChanged
        case new(rows: Int)
        case rows(added: Int, removed: Int, changed: Int)
        case removed
        func text(_ t: InterfaceText) -> String {
            func n(_ k: Int) -> String { t.number(String(k)) }
            switch self {
            case .rowsChanged: return t["changes.rows_changed"]
            case .new(let rows): return t.format("changes.new_dataset", ["count": n(rows)])
            case .rows(let a, let r, let c): return t.format("changes.rows", ["added": n(a), "removed": n(r), "changed": n(c)])
            case .removed: return t["changes.dataset_removed"]
            }
        }
    }
    struct ChartChange: Sendable {
        var slug: String, id: String, title: String, brief: String, why: ChartReason
        /// The wide drawing before and after (brief diff only), ids prefixed to stay unique.
        var before: String?, after: String?
    }
    struct FigureChange: Sendable { var slug: String, brief: String, reference: String, before: String, after: String, sentence: String }
    struct DatasetChange: Sendable { var name: String, title: String, summary: DatasetSummary, removed: Bool }

    var added: [BriefChange] = [], removed: [BriefChange] = [], edited: [BriefChange] = []
    var charts: [ChartChange] = [], figures: [FigureChange] = [], datasets: [DatasetChange] = []

    var isEmpty: Bool {
        added.isEmpty && removed.isEmpty && edited.isEmpty && charts.isEmpty && figures.isEmpty && datasets.isEmpty
    }

    /// Compares `before` with `now`; `drawings` (brief slug + "#" + chart id → SVG, before and
    /// after) adds each changed chart's drawings.
    init(before: ContentSnapshot, now current: ContentSnapshot,
         drawings: (before: [String: String], after: [String: String])? = nil) {
        var n = 0
        for slug in current.briefs.keys.sorted() {
            guard let now = current.briefs[slug] else { continue }
            guard let then = before.briefs[slug] else {
                added.append(BriefChange(slug: slug, title: now.title))
                continue
            }
            if then.source != now.source { edited.append(BriefChange(slug: slug, title: now.title)) }
            let oldCharts = Dictionary(then.charts.map { ($0.id, $0) }, uniquingKeysWith: { a, _ in a })
            for chart in now.charts {
                let old = oldCharts[chart.id]
                let dataChanged = before.datasets[chart.dataset]?.hash != current.datasets[chart.dataset]?.hash
                if old == nil || old?.specHash != chart.specHash || old?.dataset != chart.dataset || dataChanged {
                    let why: ChartReason = old == nil ? .new : (old?.specHash != chart.specHash ? .spec : .data)
                    let id = ChangeReport.localID(chart.id)
                    var change = ChartChange(slug: slug, id: id, title: chart.title, brief: now.title, why: why)
                    if let drawings {
                        n += 1
                        change.before = drawings.before[slug + "#" + id].map { SVGIDs.prefix($0, with: "base\(n)-") }
                        change.after = drawings.after[slug + "#" + id].map { SVGIDs.prefix($0, with: "head\(n)-") }
                    }
                    charts.append(change)
                }
            }
            let oldFigures = Dictionary(then.figures.map { ($0.reference, $0.value) }, uniquingKeysWith: { a, _ in a })
            var seen = Set<String>()
            for figure in now.figures where seen.insert(figure.reference).inserted {
                if let was = oldFigures[figure.reference], was != figure.value {
                    figures.append(FigureChange(slug: slug, brief: now.title, reference: figure.reference,
                                                before: was, after: figure.value, sentence: figure.sentence))
                }
            }
        }
        for slug in before.briefs.keys.sorted() where current.briefs[slug] == nil {
            removed.append(BriefChange(slug: slug, title: before.briefs[slug]?.title ?? slug))
        }
        for name in current.datasets.keys.sorted() {
            guard let now = current.datasets[name] else { continue }
            let then = before.datasets[name]
            guard then?.hash != now.hash else { continue }
            let summary: DatasetSummary
            if let then, then.rows.isEmpty, !now.rows.isEmpty, then.rowCount ?? 0 > 0 {
                summary = .rowsChanged
            } else {
                let (addedRows, removedRows, changedRows) = ContentSnapshot.compare(then?.rows ?? [], now.rows)
                summary = then == nil ? .new(rows: now.rows.count) : .rows(added: addedRows, removed: removedRows, changed: changedRows)
            }
            datasets.append(DatasetChange(name: name, title: now.title, summary: summary, removed: false))
        }
        for name in before.datasets.keys.sorted() where current.datasets[name] == nil {
            datasets.append(DatasetChange(name: name, title: before.datasets[name]?.title ?? name, summary: .removed, removed: true))
        }
    }

    /// A chart id without the body's id placeholder.
    static func localID(_ id: String) -> String {
        id.hasPrefix(BodyToken.id) ? String(id.dropFirst(BodyToken.id.count)) : id
    }

    /// The report as Markdown, for `$GITHUB_STEP_SUMMARY` or a pull-request comment. `base` names
    /// what it compares with; links are absolute under `siteURL` when given. Like the rest of
    /// `brief`'s command-line output it is written for the site's authors, in English; the reasons
    /// it gives for each chart and dataset are the changes page's, from `text` (the site's language).
    func markdown(base: String, siteURL: String?, text: InterfaceText) -> String {
        func cell(_ s: String) -> String {
            s.replacingBytes("|", with: "\\|").replacingBytes("\n", with: " ")
        }
        func link(_ title: String, _ path: String) -> String {
            guard let siteURL else { return cell(title) }
            return "[\(cell(title))](\(siteURL)\(path))"
        }
        var out = "## Brief: changes against \(cell(base))\n\n"
        if isEmpty { return out + "No changes in briefs, charts, figures or data.\n" }
        if !added.isEmpty { out += "**Briefs added:** " + added.map { link($0.title, Route.brief($0.slug).folder) }.joined(separator: ", ") + "\n\n" }
        if !edited.isEmpty { out += "**Briefs edited:** " + edited.map { link($0.title, Route.brief($0.slug).folder) }.joined(separator: ", ") + "\n\n" }
        if !removed.isEmpty { out += "**Briefs removed:** " + removed.map { cell($0.title) }.joined(separator: ", ") + "\n\n" }
        if !figures.isEmpty {
            out += "### Figures changed\n\n| Brief | Figure | Was | Now | Sentence |\n|---|---|---|---|---|\n"
            for f in figures {
                out += "| \(link(f.brief, Route.brief(f.slug).folder)) | `\(cell(f.reference))` | \(cell(f.before)) | \(cell(f.after)) | \(cell(f.sentence)) |\n"
            }
            out += "\n"
        }
        if !charts.isEmpty {
            out += "### Charts changed\n\n"
            for c in charts { out += "- \(link(c.title, Route.brief(c.slug).folder + "#" + c.id)) in \(cell(c.brief)): \(c.why.text(text))\n" }
            out += "\n"
        }
        if !datasets.isEmpty {
            out += "### Datasets changed\n\n"
            for d in datasets { out += "- \(d.removed ? cell(d.title) : link(d.title, Route.dataset(d.name).folder)): \(d.summary.text(text))\n" }
            out += "\n"
        }
        return out
    }
}

extension String {
    /// Every `target` replaced, by bytes (no Foundation).
    func replacingBytes(_ target: String, with replacement: String) -> String {
        let t = Array(target.utf8), r = Array(replacement.utf8), b = Array(utf8)
        guard !t.isEmpty else { return self }
        var out: [UInt8] = []
        out.reserveCapacity(b.count)
        var i = 0
        while i < b.count {
            if b[i] == t[0], i + t.count <= b.count, b[i..<(i + t.count)].elementsEqual(t) {
                out += r
                i += t.count
            } else {
                out.append(b[i])
                i += 1
            }
        }
        return String(decoding: out, as: UTF8.self)
    }
}

extension SiteRenderer {
    /// `changes/index.html`: what changed in content since the previous build (or, for
    /// `brief diff`, since the base). Empty on a first build; derived from content only, so two
    /// builds of the same content give the same bytes.
    func changesPage(previous: ContentSnapshot?, current: ContentSnapshot, against base: String? = nil,
                     drawings: (before: [String: String], after: [String: String])? = nil) -> PlannedOutput {
        let title = base.map { text.format("changes.against", ["base": $0]) } ?? text["page.changes"]
        var context = common(title: title, description: text["page.changes_description"],
                             kind: "changes", route: .changes, ogType: "website")
        let report = ChangeReport(before: previous ?? current, now: current, drawings: drawings)
        func briefLink(_ slug: String) -> String { Route.changes.href(to: .brief(slug)) }
        let added = report.added.map { ["title": $0.title, "href": briefLink($0.slug)] }
        let edited = report.edited.map { ["title": $0.title, "href": briefLink($0.slug)] }
        let removed = report.removed.map { ["title": $0.title] }
        let charts = report.charts.map { c -> [String: Any] in
            let why = c.why.text(text)
            var entry: [String: Any] = ["title": c.title, "href": briefLink(c.slug) + "#" + c.id, "brief": c.brief, "why": why,
                                        "where": text.format("changes.chart_in", ["brief": c.brief, "why": why])]
            if c.before != nil || c.after != nil {
                entry["drawings"] = ["before": c.before ?? "<p>\(escapeHTML(text["changes.no_drawing"]))</p>",
                                     "after": c.after ?? "<p>\(escapeHTML(text["changes.not_drawn"]))</p>"]
            }
            return entry
        }
        let figures = report.figures.map { f -> [String: Any] in
            ["reference": f.reference, "before": f.before, "after": f.after, "href": briefLink(f.slug), "brief": f.brief,
             "sentence": f.sentence]
        }
        let datasets = report.datasets.map { d -> [String: Any] in
            ["title": d.title, "href": d.removed ? Route.changes.href(to: .dataIndex) : Route.changes.href(to: .dataset(d.name)), "summary": d.summary.text(text)]
        }
        context["changes"] = [
            "hasChanges": !report.isEmpty, "added": added, "removed": removed, "edited": edited,
            "charts": charts, "figures": figures, "datasets": datasets,
            "heading": title, "base": base ?? "",
            "has": ["added": !added.isEmpty, "removed": !removed.isEmpty, "edited": !edited.isEmpty,
                    "charts": !charts.isEmpty, "figures": !figures.isEmpty, "datasets": !datasets.isEmpty],
        ] as [String: Any]
        let box = ContextBox(context)
        let templates = self.templates
        var fragments: [StableHash: HTMLFragment] = [:]
        return PlannedOutput(route: .changes, key: pageKey(context, template: "changes", fragments: &fragments)) {
            Array(templates.render("changes", context: box.value).utf8)
        }
    }
}
