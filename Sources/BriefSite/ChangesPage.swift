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

    var briefs: [String: BriefState] = [:]
    var datasets: [String: DatasetState] = [:]

    init() {}

    init(inputs: SiteInputs, briefs: [Brief], bodies: [RenderedBody]) {
        for (brief, body) in zip(briefs, bodies) {
            self.briefs[brief.slug] = BriefState(
                title: brief.title, source: StableHash.of(inputs.texts[brief.path] ?? brief.body).description,
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
            datasets[name] = DatasetState(title: dataset.metadata.title, hash: inputs.datasetHashes[name] ?? "", rows: rows)
        }
    }
}

extension SiteRenderer {
    /// `changes/index.html`: what changed in content since the previous build. Empty on a first
    /// build; derived from content only, so two builds of the same content give the same bytes.
    func changesPage(previous: ContentSnapshot?, current: ContentSnapshot) -> PlannedOutput {
        var context = common(title: text["page.changes"], description: text["page.changes_description"],
                             kind: "changes", route: .changes, ogType: "website")
        let before = previous ?? current
        func briefLink(_ slug: String) -> String { Route.changes.href(to: .brief(slug)) }

        var added: [[String: Any]] = [], removed: [[String: Any]] = [], edited: [[String: Any]] = []
        var charts: [[String: Any]] = [], figures: [[String: Any]] = [], datasets: [[String: Any]] = []
        for slug in current.briefs.keys.sorted() {
            guard let now = current.briefs[slug] else { continue }
            guard let then = before.briefs[slug] else {
                added.append(["title": now.title, "href": briefLink(slug)])
                continue
            }
            if then.source != now.source { edited.append(["title": now.title, "href": briefLink(slug)]) }
            let oldCharts = Dictionary(then.charts.map { ($0.id, $0) }, uniquingKeysWith: { a, _ in a })
            for chart in now.charts {
                let old = oldCharts[chart.id]
                let dataChanged = before.datasets[chart.dataset]?.hash != current.datasets[chart.dataset]?.hash
                if old == nil || old?.specHash != chart.specHash || old?.dataset != chart.dataset || dataChanged {
                    let why = old == nil ? "new chart" : (old?.specHash != chart.specHash ? "spec changed" : "data changed")
                    charts.append(["title": chart.title, "href": briefLink(slug) + "#" + chart.id, "brief": now.title, "why": why])
                }
            }
            let oldFigures = Dictionary(then.figures.map { ($0.reference, $0.value) }, uniquingKeysWith: { a, _ in a })
            var seen = Set<String>()
            for figure in now.figures where seen.insert(figure.reference).inserted {
                if let was = oldFigures[figure.reference], was != figure.value {
                    figures.append(["reference": figure.reference, "before": was, "after": figure.value,
                                    "href": briefLink(slug), "brief": now.title])
                }
            }
        }
        for slug in before.briefs.keys.sorted() where current.briefs[slug] == nil {
            removed.append(["title": before.briefs[slug]?.title ?? slug])
        }
        for name in current.datasets.keys.sorted() {
            guard let now = current.datasets[name] else { continue }
            let then = before.datasets[name]
            guard then?.hash != now.hash else { continue }
            let (addedRows, removedRows, changedRows) = ContentSnapshot.compare(then?.rows ?? [], now.rows)
            datasets.append(["title": now.title, "href": Route.changes.href(to: .dataset(name)),
                             "summary": then == nil ? "new dataset, \(now.rows.count) rows"
                                : "\(addedRows) rows added, \(removedRows) removed, \(changedRows) changed"])
        }
        for name in before.datasets.keys.sorted() where current.datasets[name] == nil {
            datasets.append(["title": before.datasets[name]?.title ?? name, "href": Route.changes.href(to: .dataIndex), "summary": "dataset removed"])
        }
        let any = !(added.isEmpty && removed.isEmpty && edited.isEmpty && charts.isEmpty && figures.isEmpty && datasets.isEmpty)
        context["changes"] = [
            "hasChanges": any, "added": added, "removed": removed, "edited": edited,
            "charts": charts, "figures": figures, "datasets": datasets,
            "has": ["added": !added.isEmpty, "removed": !removed.isEmpty, "edited": !edited.isEmpty,
                    "charts": !charts.isEmpty, "figures": !figures.isEmpty, "datasets": !datasets.isEmpty],
        ] as [String: Any]
        let box = ContextBox(context)
        let templates = self.templates
        return PlannedOutput(route: .changes,
                             key: ContextHash.of(context, template: "changes", templates: inputs.templatesHash)) {
            Array(templates.render("changes", context: box.value).utf8)
        }
    }
}
