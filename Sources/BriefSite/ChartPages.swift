import BriefCharts
import BriefDiagnostics
import BriefRaster

/// Chart pages, standalone SVGs and social cards (issue 14, items 5 and 6).
///
/// All three are cut from a rendered body: each chart's figure is generated markup in the body's
/// HTML (author text in it is escaped, so it cannot open or close a figure), in the order of
/// `RenderedBody.charts`. Their keys are the hash of the figure's HTML (`ChartRecord.figureHash`,
/// made when the body is rendered and kept in the body cache), so they are re-made exactly when
/// the chart's markup changes (its spec, the data it draws, …) and reused otherwise: an edit to
/// the prose around a chart leaves its page, SVG and card alone.
enum ChartPages {
    static let figureOpen = Array("<figure class=\"chart ".utf8)
    static let figureClose = Array("</figure>\n".utf8)

    /// The byte ranges of every chart figure in a body's HTML, in order: one pass.
    static func figureRanges(in html: String) -> [Range<Int>] {
        let b = Array(html.utf8)
        var out: [Range<Int>] = []
        var from = 0
        while let start = firstOffset(of: figureOpen, in: b, from: from),
              let end = firstOffset(of: figureClose, in: b, from: start) {
            out.append(start..<(end + figureClose.count))
            from = end + figureClose.count
        }
        return out
    }

    /// A chart's figure cut from its body's HTML (placeholders unfilled), without the link to
    /// the chart's own page; nil when the recorded range does not hold a figure.
    static func figure(_ record: ChartRecord, in html: String) -> String? {
        let u = html.utf8
        guard record.figureStart < record.figureEnd, record.figureEnd <= u.count else { return nil }
        var figure = Array(u[u.index(u.startIndex, offsetBy: record.figureStart)..<u.index(u.startIndex, offsetBy: record.figureEnd)])
        guard figure.starts(with: figureOpen) else { return nil }
        let open = Array(ChartRenderer.pageLinkOpen.utf8), close = Array("</p>".utf8)
        if let a = firstOffset(of: open, in: figure, from: 0),
           let z = firstOffset(of: close, in: figure, from: a) {
            figure.removeSubrange(a..<(z + close.count))
        }
        return String(decoding: figure, as: UTF8.self)
    }

    /// The chart's id on its page ("fig-exports", "chart-2"), without the body's id placeholder.
    static func localID(_ record: ChartRecord) -> String {
        record.id.hasPrefix(BodyToken.id) ? String(record.id.dropFirst(BodyToken.id.count)) : record.id
    }

    /// The standalone SVG file of a chart of a body.
    static func svgFile(_ record: ChartRecord, in html: String) -> [UInt8] {
        guard let figure = figure(record, in: html),
              let drawing = StandaloneChart.drawing(inFigure: BodyToken.fill(figure, root: "", idPrefix: "")) else { return [] }
        return Array(StandaloneChart.file(drawing: drawing).utf8)
    }

    /// The social card's SVG for a brief: its title over its first chart.
    static func cardSVG(title: String, site: String, body: RenderedBody) -> String {
        let lead = body.charts.first.flatMap { figure($0, in: body.html) }.flatMap {
            StandaloneChart.drawing(inFigure: BodyToken.fill($0, root: "", idPrefix: ""))
        }
        return SocialCard.svg(title: title, site: site, chart: lead)
    }

    /// What a card's PNG is made from: its SVG's inputs and the rasteriser's version.
    static func cardKey(title: String, site: String, body: RenderedBody) -> StableHash {
        var h = StableHash()
        h.add("social-card 1")
        h.add(SVGRaster.libraryVersion)
        h.add(title)
        h.add(site)
        h.add(body.charts.first?.figureHash ?? StableHash())
        return h
    }

    /// The card's PNG (empty only if librsvg refuses Brief's own SVG, which the tests rule out).
    static func cardPNG(title: String, site: String, body: RenderedBody) -> [UInt8] {
        let svg = cardSVG(title: title, site: site, body: body)
        return (try? SVGRaster.png(svg: svg, width: SocialCard.width, height: SocialCard.height).get()) ?? []
    }

    /// The HTML an author pastes to show the chart elsewhere: the standalone SVG as an image,
    /// with its title, source and a link back. Full addresses need `base_url`.
    /// Every wide drawing is 640 wide (its height follows the chart), so the image scales down
    /// with the column it is pasted into and keeps its proportions.
    static func embedCode(title: String, source: String, site: String, svgURL: String, pageURL: String, text: InterfaceText) -> String {
        let t = TextEscaping.html(title)
        return "<figure style=\"margin:0\">\n"
            + "<img src=\"\(TextEscaping.html(svgURL))\" alt=\"\(t)\" width=\"640\" style=\"max-width:100%;height:auto\">\n"
            + "<figcaption>\(t). \(TextEscaping.html(text["chart.source"])) \(TextEscaping.html(source)). <a href=\"\(TextEscaping.html(pageURL))\">\(TextEscaping.html(site))</a></figcaption>\n"
            + "</figure>"
    }
}

extension SiteRenderer {
    /// The page and SVG file of every chart in one body; `owner` is the brief's or page's route.
    func chartOutputs(body: RenderedBody, owner: Route, ownerTitle: String,
                      templated: (Route, String, [String: Any]) -> PlannedOutput) -> [PlannedOutput] {
        var outputs: [PlannedOutput] = []
        let slug: String
        switch owner {
        case .brief(let s), .page(let s): slug = s
        default: slug = "chart"
        }
        for record in body.charts {
            let id = ChartPages.localID(record)
            let route = Route.chart(owner, id), svg = Route.chartSVG(owner, id)
            var context = common(title: record.title, description: text.format("page.chart_description", ["brief": ownerTitle, "title": record.title]),
                                 kind: "chart", route: route, ogType: "website")
            var figureKey = record.figureHash
            figureKey.add("chart-page")
            figureKey.add(route.root)
            var data: [String: Any] = [
                "title": record.title,
                "figure": HTMLFragment(key: figureKey, html: body.html, root: route.root, idPrefix: "", chart: record),
                "brief": ["title": ownerTitle, "href": route.href(to: owner)],
                "svgHref": route.href(to: svg), "svgName": "\(slug)-\(id).svg",
            ]
            let dataset = inputs.datasets[record.dataset]
            if let dataset {
                data["data"] = ["title": dataset.metadata.title, "href": route.href(to: .dataset(record.dataset)),
                                "csvHref": route.href(to: .datasetFile(record.dataset, .csv))]
            }
            let base = inputs.config.baseURL
            data["embed"] = ChartPages.embedCode(
                title: record.title, source: dataset?.metadata.source ?? record.dataset, site: inputs.config.title,
                svgURL: base.map { $0 + svg.path } ?? route.href(to: svg),
                pageURL: base.map { route.url(base: $0) } ?? route.href(to: route), text: text)
            data["embedNeedsBase"] = base == nil
            // The note on relative addresses names site.yml's key as code.
            data["embedNote"] = base != nil ? "" : escapeHTML(text["chart_page.embed_relative"])
                .replacingAll("{base_url}", with: "<code>base_url</code>").replacingAll("{site_yml}", with: "<code>site.yml</code>")
            context["chart"] = data
            outputs.append(templated(route, "chart", context))
            var svgKey = record.figureHash
            svgKey.add("chart-svg 1")
            let html = body.html
            outputs.append(PlannedOutput(route: svg, key: svgKey) { ChartPages.svgFile(record, in: html) })
        }
        return outputs
    }

    /// Cards cannot be drawn without their fonts: an error at the first brief, naming the package.
    func socialCardProblems() -> [Diagnostic] {
        guard let first = briefs.first, let problem = SVGRaster.setupProblem else { return [] }
        return [.error(at: SourceLocation(path: first.path, line: 1, column: 1), "cannot draw social cards: \(problem)")]
    }

    /// The brief's social card: its output, and the `page.image` meta values for its page.
    func socialCard(_ brief: Brief, body: RenderedBody) -> (output: PlannedOutput, meta: [String: Any]) {
        let site = inputs.config.title
        let title = brief.title
        let route = Route.socialCard(brief.slug)
        let output = PlannedOutput(route: route, key: ChartPages.cardKey(title: title, site: site, body: body)) {
            ChartPages.cardPNG(title: title, site: site, body: body)
        }
        let page = Route.brief(brief.slug)
        let url = inputs.config.baseURL.map { $0 + route.path } ?? page.href(to: route)
        let alt = body.charts.first.map { text.format("page.card_alt_chart", ["title": title, "site": site, "chart": $0.title]) }
            ?? text.format("page.card_alt", ["title": title, "site": site])
        let meta: [String: Any] = [
            "url": url, "width": String(SocialCard.width), "height": String(SocialCard.height), "alt": alt,
        ]
        return (output, meta)
    }
}
