@testable import BriefCharts
import BriefData
import Testing

/// One golden figure per chart type and per hard case.
@Suite struct GoldenTests {
    static let cases: [(name: String, yaml: String)] = [
        ("line-two-series", """
        type: line
        data: sbp_trade_with_us
        x: fiscal_year
        y: [exports_to_us_musd, imports_from_us_musd]
        title: Exports to the US outgrew imports
        subtitle: Pakistan's goods trade with the US, Pakistan fiscal years
        caption: SBP figures; imports for FY2022-23 onwards not reported.
        format: usd_millions
        y_min: 0
        """),
        ("line-one-series", """
        type: line
        data: sbp_trade_with_us
        x: fiscal_year
        y: exports_to_us_musd
        title: Exports to the US peaked in FY2021-22
        subtitle: USD millions
        """),
        ("line-annotations", """
        type: line
        data: sbp_trade_with_us
        x: fiscal_year
        y: exports_to_us_musd
        title: A record, then a fall
        format: usd_millions
        y_min: 0
        annotations:
          - {x: FY2019-20, label: Pandemic}
          - {y: 5000, label: $5bn}
          - {x: FY2021-22, y: 6798.982, label: Record $6.8bn}
        """),
        ("line-direct-labels", """
        type: line
        data: totals
        x: fiscal_year
        y: [sbp_total_exports_musd, sbp_exports_to_us_musd]
        title: The US took a growing part of a growing total
        format: usd_millions
        y_min: 0
        """),
        ("line-missing-values", """
        type: line
        data: ict
        x: fiscal_year
        y: [ict_export_remittances_musd, it_ites_export_remittances_musd]
        title: ICT exports, two measures with gaps
        """),
        ("line-six-series", """
        type: line
        data: pakistan_us_flows
        x: fiscal_year
        y: [exports, imports, remittances, ict, fdi, total_share]
        title: Six series on one chart
        """),
        ("line-single-point", """
        type: line
        data: single
        x: fiscal_year
        y: exports_to_us_musd
        title: One year only
        """),
        ("line-all-negative-years", """
        type: line
        data: us_census_goods_trade
        x: year
        y: us_trade_balance_musd
        title: The US runs a deficit in goods with Pakistan
        format: usd_millions
        """),
        ("line-dates", """
        type: line
        data: dated
        x: date
        y: exports_to_us_musd
        title: Exports on a time axis
        format: usd_millions
        """),
        ("bar", """
        type: bar
        data: sbp_trade_with_us
        x: fiscal_year
        y: exports_to_us_musd
        title: Exports to the US
        format: usd_millions
        caption: FY2017-18 as first reported ("over $3.86 billion").
        """),
        ("bar-grouped", """
        type: bar
        data: sbp_trade_with_us
        x: fiscal_year
        y: [exports_to_us_musd, imports_from_us_musd]
        title: Exports and imports
        format: usd_millions
        """),
        ("bar-crossing-zero", """
        type: bar
        data: export_growth
        x: fiscal_year
        y: growth_pct
        title: Exports to the US rose in four years of six
        format: percent
        """),
        ("bar-all-negative", """
        type: bar
        data: us_census_goods_trade
        x: year
        y: us_trade_balance_musd
        title: US goods balance with Pakistan
        """),
        ("line-long-three-series", """
        type: line
        data: us_aid_long
        x: us_fiscal_year
        y: appropriated_musd
        series: category
        title: Three kinds of US assistance, one file in long form
        format: usd_millions
        y_min: 0
        """),
        ("bar-long-stacked", """
        type: bar
        data: us_aid_long
        x: us_fiscal_year
        y: appropriated_musd
        series: category
        title: US assistance to Pakistan fell away after 2011
        stacked: true
        format: usd_millions
        """),
        ("bar-long-horizontal", """
        type: bar
        data: us_aid_long
        x: us_fiscal_year
        y: appropriated_musd
        series: category
        title: US assistance by category
        horizontal: true
        """),
        ("scatter-long", """
        type: scatter
        data: us_aid_long
        x: us_fiscal_year
        y: appropriated_musd
        series: category
        title: Each category's appropriation
        """),
        ("bar-stacked", """
        type: bar
        data: us_assistance
        x: us_fiscal_year
        y: [security_related_musd, economic_related_musd, coalition_support_funds_reimbursements_musd]
        title: US assistance to Pakistan fell away after 2011
        stacked: true
        format: usd_millions
        """),
        ("bar-horizontal", """
        type: bar
        data: exports_composition
        x: product
        y: value_musd
        title: Linen and suits lead exports to the US
        subtitle: July–April FY2018-19
        horizontal: true
        format: usd_millions
        annotations:
          - {y: 500, label: $500M}
        """),
        ("bar-long-labels", """
        type: bar
        data: exports_composition
        x: product
        y: value_musd
        title: Long category names, vertical bars
        """),
        ("bar-forty", """
        type: bar
        data: forty
        x: fiscal_year
        y: value
        title: Forty categories
        """),
        ("area", """
        type: area
        data: ict
        x: fiscal_year
        y: ict_export_remittances_musd
        title: ICT exports more than doubled
        format: usd_millions
        x_label: Fiscal year
        """),
        ("area-stacked", """
        type: area
        data: us_assistance
        x: us_fiscal_year
        y: [security_related_musd, economic_related_musd]
        title: Security and economic aid
        stacked: true
        format: usd_millions
        """),
        ("scatter", """
        type: scatter
        data: totals
        x: sbp_total_exports_musd
        y: sbp_exports_to_us_musd
        title: Exports to the US rise with total exports
        x_label: Total exports, USD millions
        y_label: Exports to the US, USD millions
        """),
        ("slope", """
        type: slope
        data: products_two_periods
        x: period
        y: value_musd
        series: product
        title: Every leading product sold more to the US
        format: usd_millions
        """),
        ("slope-wide-series", """
        type: slope
        data: products_two_periods
        x: period
        y: value_musd
        series: product
        title: Sweaters gained most
        highlight: Sweaters
        """),
        ("range", """
        type: range
        data: exports_compared
        x: fiscal_year
        y: [sbp_goods_musd, commerce_adviser_musd]
        title: Two official figures for each year
        format: usd_millions
        """),
        ("timeline", """
        type: timeline
        data: tifa
        x: date
        label: event
        title: TIFA milestones
        """),
        ("facet-line", """
        type: line
        data: us_aid_long
        x: us_fiscal_year
        y: appropriated_musd
        facet: category
        title: Three kinds of aid, three panels
        format: usd_millions
        """),
        ("facet-bar", """
        type: bar
        data: us_aid_long
        x: us_fiscal_year
        y: appropriated_musd
        facet: category
        title: Aid by category, one panel each
        """),
        ("facet-area-series", """
        type: area
        data: aid_by_kind_and_channel
        x: us_fiscal_year
        y: appropriated_musd
        series: channel
        facet: kind
        title: Two series in each of two panels
        format: usd_millions
        """),
        ("line-bands-callouts-highlight", """
        type: line
        data: sbp_trade_with_us
        x: fiscal_year
        y: [exports_to_us_musd, imports_from_us_musd]
        title: Exports peaked in the crisis year
        format: usd_millions
        y_min: 0
        highlight: exports_to_us_musd
        bands:
          - {from: FY2021-22, to: FY2022-23, label: Political and economic crisis}
          - {from: FY2019-20, to: FY2019-20, label: Pandemic}
        callouts:
          - {x: FY2021-22, y: 6798.982, text: A record $6.8bn}
          - {x: FY2018-19, y: 2097.595, text: Imports first reported}
        """),
        ("bar-bands-callout", """
        type: bar
        data: export_growth
        x: fiscal_year
        y: growth_pct
        title: Growth turned negative after the crisis
        format: percent
        bands:
          - {from: FY2022-23, to: FY2023-24, label: After the crisis}
        callouts:
          - {x: FY2021-22, y: 35.15, text: Fastest growth}
        """),
        ("line-dates-bands", """
        type: line
        data: dated
        x: date
        y: exports_to_us_musd
        title: Bands on a time axis
        format: usd_millions
        bands:
          - {from: 2020-03-01, to: 2020-12-31, label: Pandemic}
          - {from: 2022-04-01, to: 2023-06-30, label: Crisis and IMF programme}
        callouts:
          - {x: 2019-12-31, y: 3897.852, text: Before the pandemic exports were just under $3.9bn}
        """),
        ("facet-line-bands-highlight", """
        type: line
        data: aid_by_kind_and_channel
        x: us_fiscal_year
        y: appropriated_musd
        series: channel
        facet: kind
        highlight: Channel A
        title: Bands and highlight in every panel
        bands:
          - {from: FY2009, to: FY2010, label: Kerry–Lugar–Berman years}
        """),
    ]

    static var datasets: [String: Dataset] {
        var all = Fixtures.all
        all["single"] = Fixtures.dataset("single", [
            .init("fiscal_year", .text, ["FY2021-22"], label: "Fiscal year"),
            .init("exports_to_us_musd", .number, ["6798.982"], label: "Exports to the US", unit: "USD millions"),
        ])
        all["products_two_periods"] = Fixtures.productsTwoPeriods
        all["exports_compared"] = Fixtures.exportsCompared
        all["tifa"] = Fixtures.tifa
        all["aid_by_kind_and_channel"] = Fixtures.aidByKindAndChannel
        return all
    }

    @Test(arguments: cases.map(\.name))
    func golden(_ name: String) throws {
        let yaml = try #require(Self.cases.first { $0.name == name }?.yaml)
        let spec = try ChartSpec.decode(MiniYAML.parse(yaml), datasets: Self.datasets)
        let dataset = try #require(Self.datasets[spec.dataset])
        let html = ChartRenderer.figure(spec, dataset: dataset, context: context())
        Golden.check(name, ext: "html", html)
        let drawings = svgs(in: html)
        #expect(drawings.count == 2)
        for svg in drawings {
            #expect(xmlError(svg) == nil, "\(name): \(xmlError(svg) ?? "")")
            // A drawing with focusable values is the svg's own graphics document of named points;
            // one without, an image.
            #expect(svg.contains("<g class=\"points\">") ? !svg.contains(" role=\"img\" aria-labelledby") : svg.contains("role=\"img\""))
            SVGChecks.labelsInViewBox(svg, name: name)
            SVGChecks.ariaTargetsExist(svg)
        }
        #expect(xmlError(html.replacingOccurrences(of: " download>", with: " download=\"\">")) == nil)
    }

    /// Degenerate data never crashes and still yields well-formed SVG with text in view.
    @Test(arguments: [ChartSpec.Kind.line, .bar, .area, .scatter])
    func edgeCases(_ kind: ChartSpec.Kind) {
        let sets: [Dataset] = [
            Fixtures.dataset("empty", [.init("x", .text, []), .init("y", .number, [])]),
            Fixtures.dataset("allMissing", [.init("x", .text, ["a", "b"]), .init("y", .number, ["", ""])]),
            Fixtures.dataset("zeros", [.init("x", .text, ["a", "b"]), .init("y", .number, ["0", "0"])]),
            Fixtures.dataset("huge", [.init("x", .number, ["1", "2"]), .init("y", .number, ["1e300", "-1e300"])]),
            Fixtures.dataset("tiny", [.init("x", .year, ["2020", "2020"]), .init("y", .number, ["0.0001", "0.0002"])]),
            Fixtures.dataset("dup", [.init("x", .date, ["2020-01-01", "2020-01-01", "bad"]), .init("y", .number, ["1", "2", "3"])]),
        ]
        for ds in sets {
            for (stacked, horizontal) in [(false, false), (true, false), (false, true)] {
                let spec = ChartSpec(kind: kind, dataset: ds.name, x: "x", y: ["y", "y"], title: "T",
                                     stacked: stacked && (kind == .bar || kind == .area),
                                     horizontal: horizontal && kind == .bar, yMin: ds.name == "zeros" ? 5 : nil,
                                     annotations: [ChartAnnotation(x: "a", label: "A"), ChartAnnotation(y: 1, label: "B"),
                                                   ChartAnnotation(x: "zz", y: 3, label: "C")])
                let html = ChartRenderer.figure(spec, dataset: ds, context: context())
                let drawings = svgs(in: html)
                #expect(drawings.count == 2, "\(ds.name) \(kind): \(drawings.count) drawings")
                for svg in drawings {
                    #expect(xmlError(svg) == nil, "\(ds.name) \(kind)")
                    SVGChecks.labelsInViewBox(svg, name: "\(ds.name) \(kind)")
                    #expect(!svg.contains("nan") && !svg.contains("inf"), "\(ds.name) \(kind)")
                }
            }
        }
    }

    // Rendering twice in one process cannot catch ordering bugs (Swift seeds its hashing once per
    // process); the golden files above were written by another process, and
    // BriefSiteTests/DeterminismTests builds charts in separate processes with different seeds.

    @Test func descriptionAndTableUseSourceFigures() throws {
        let (_, yaml) = Self.cases[0]
        let spec = try ChartSpec.decode(MiniYAML.parse(yaml), datasets: Self.datasets)
        let html = ChartRenderer.figure(spec, dataset: Fixtures.sbpTrade, context: context())
        #expect(html.contains("Line chart of Exports to the US and Imports from the US by Fiscal year, from FY2017-18 to FY2023-24. Exports to the US: lowest 3,860 USD millions in FY2017-18, highest 6,798.982 USD millions in FY2021-22, latest 5,432.929 USD millions in FY2023-24."))
        #expect(html.contains("<td class=\"num\">6,798.982</td>"))
        #expect(html.contains("<th scope=\"row\">FY2021-22</th>"))
        #expect(html.contains("aria-labelledby=\"chart-1-wide-title\" aria-describedby=\"chart-1-wide-desc\""))
        #expect(html.contains("<title id=\"chart-1-narrow-title\">"))
        // The table holds exactly the plotted rows: one per fiscal year.
        #expect(html.components(separatedBy: "<th scope=\"row\">").count - 1 == 7)
    }
}

/// Structural checks on a rendered SVG.
enum SVGChecks {
    /// Level text must sit inside the viewBox, measured with the same width table as layout.
    static func labelsInViewBox(_ svg: String, name: String) {
        guard let width = attribute("width", in: svg).flatMap(Double.init),
              let height = attribute("height", in: svg).flatMap(Double.init) else {
            Issue.record("\(name): no width/height")
            return
        }
        var rest = svg[...]
        var groupAnchor = "start"
        while let open = rest.range(of: "<") {
            rest = rest[open.upperBound...]
            guard let close = rest.firstIndex(of: ">") else { break }
            let tag = String(rest[..<close])
            rest = rest[rest.index(after: close)...]
            if tag.hasPrefix("g ") { groupAnchor = attribute("text-anchor", in: tag) ?? "start" }
            if tag == "/g" { groupAnchor = "start" }
            if tag.hasPrefix("tspan ") {
                let x = attribute("x", in: tag).flatMap(Double.init) ?? 0
                let content = String(rest[..<(rest.range(of: "</tspan>")?.lowerBound ?? rest.endIndex)])
                // Bold text (a timeline's dates) runs up to 10% wider than the width table.
                let w = TextMeasure.width(unescape(content), size: 12) * (tag.contains("timeline-date") ? 1.1 : 1)
                let left = groupAnchor == "start" ? x : groupAnchor == "end" ? x - w : x - w / 2
                #expect(left >= -0.01 && left + w <= width + 0.01, "\(name): \"\(content)\" spans \(left)…\(left + w)")
                continue
            }
            guard tag.hasPrefix("text "), !tag.contains("transform"),
                  let x = attribute("x", in: tag).flatMap(Double.init),
                  let y = attribute("y", in: tag).flatMap(Double.init) else { continue }
            var content = String(rest[..<(rest.range(of: "</text>")?.lowerBound ?? rest.endIndex)])
            if let t = content.range(of: "</title>") { content = String(content[t.upperBound...]) }
            content = unescape(content)
            let w = TextMeasure.width(content, size: 12)
            let anchor = attribute("text-anchor", in: tag) ?? groupAnchor
            let left = anchor == "end" ? x - w : anchor == "middle" ? x - w / 2 : x
            #expect(left >= -0.01 && left + w <= width + 0.01, "\(name): \"\(content)\" spans \(left)…\(left + w) of \(width)")
            #expect(y - 10 >= -0.01 && y + 3 <= height + 0.01, "\(name): \"\(content)\" at y \(y) of \(height)")
        }
    }

    static func unescape(_ s: String) -> String {
        s.replacingOccurrences(of: "&#39;", with: "'").replacingOccurrences(of: "&lt;", with: "<")
            .replacingOccurrences(of: "&gt;", with: ">").replacingOccurrences(of: "&quot;", with: "\"")
            .replacingOccurrences(of: "&amp;", with: "&")
    }

    static func ariaTargetsExist(_ svg: String) {
        guard let ids = attribute("aria-labelledby", in: svg) else {
            Issue.record("no aria-labelledby")
            return
        }
        for id in ids.split(separator: " ") {
            #expect(svg.contains("id=\"\(id)\""))
        }
    }

    static func attribute(_ name: String, in tag: String) -> String? {
        guard let r = tag.range(of: " \(name)=\"") else { return nil }
        let rest = tag[r.upperBound...]
        guard let end = rest.firstIndex(of: "\"") else { return nil }
        return String(rest[..<end])
    }
}
