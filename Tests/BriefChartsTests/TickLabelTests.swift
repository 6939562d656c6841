@testable import BriefCharts
import BriefData
import Testing

/// Tick labels on narrow ranges, where a format that drops a decimal prints the same label
/// twice ("18% 18% 19% 19%"): each format's labels, and the invariant that no numeric axis
/// (value axis or numeric x axis) ever shows two equal labels.
@Suite struct TickLabelTests {
    /// Narrow and awkward value ranges: steps of 0.2, 0.0002, 0.002, 1e-5 and wide ones around zero.
    static let ranges: [(Double, Double)] = [
        (18.2, 19.6), (0.001, 0.0012), (99.1, 99.9), (6798.2, 6799.0), (-0.5, 0.5), (12.34, 12.36),
        (-19.6, -18.2), (0.5, 4.5), (1_000_000, 1_000_003), (0.99999, 1.00001), (1e9, 1e9 + 40), (0, 1),
    ]

    @Test func percentLabelsKeepTheirDecimalOnANarrowRange() {
        let ticks = Ticks.ticks(18.2, 19.6, count: 7)
        #expect(ticks.count == 8)
        let format = NumberFormat.percent.tickFormatter(step: Ticks.step(18.2, 19.6, count: 7), ticks: ticks)
        #expect(ticks.map(format) == ["18.2%", "18.4%", "18.6%", "18.8%", "19.0%", "19.2%", "19.4%", "19.6%"])
        let fine = NumberFormat.percent.tickFormatter(step: 0.005, ticks: [])
        #expect([12.34, 12.345, 12.35].map(fine) == ["12.340%", "12.345%", "12.350%"])
        let negative = NumberFormat.percent.tickFormatter(step: 0.5, ticks: [])
        #expect([-1, -0.5, 0].map(negative) == ["\u{2212}1.0%", "\u{2212}0.5%", "0.0%"])
    }

    @Test func everyFormatsLabelsOnANarrowRange() {
        let ticks = [6798.2, 6798.4, 6798.6, 6798.8, 6799.0]
        func labels(_ format: NumberFormat) -> [String] { ticks.map(format.tickFormatter(step: 0.2, ticks: ticks)) }
        #expect(labels(.number) == ["6,798.2", "6,798.4", "6,798.6", "6,798.8", "6,799.0"])
        #expect(labels(.exact) == labels(.number))
        #expect(labels(.percent) == ["6,798.2%", "6,798.4%", "6,798.6%", "6,798.8%", "6,799.0%"])
        #expect(labels(.usdMillions) == ["$6.7982B", "$6.7984B", "$6.7986B", "$6.7988B", "$6.7990B"])
        // `integer` charts use whole-number ticks only (SVGChart.integerTicks), so labels stay distinct.
        #expect(SVGChart.integerTicks(18.2, 21.6, count: 7) == [19, 20, 21])
        #expect(SVGChart.integerTicks(0, 1000, count: 5) == [0, 200, 400, 600, 800, 1000])
        let small = NumberFormat.usdMillions.tickFormatter(step: 0.00002, ticks: [0.001, 0.0012])
        #expect([0.001, 0.00102, 0.0012].map(small) == ["$1.00K", "$1.02K", "$1.20K"])
    }

    /// Every format, on every range, in every chart kind and orientation, at both sizes: no axis
    /// shows the same label twice, and each axis checked has at least two labels to compare.
    @Test(arguments: NumberFormat.allCases)
    func noAxisShowsTwoEqualLabels(_ format: NumberFormat) {
        var axesChecked = 0
        for (lo, hi) in Self.ranges {
            let values = (0..<5).map { lo + (hi - lo) * Double($0) / 4 }
            // Values written with enough digits to survive the round trip.
            let cells = values.map { "\($0)" }
            #expect(cells.allSatisfy { Double($0) != nil })
            let ds = Fixtures.dataset("narrow", [
                .init("x", .number, values.map { "\($0)" }),
                .init("cat", .text, ["a", "b", "c", "d", "e"]),
                .init("y", .number, cells),
            ])
            let specs: [ChartSpec] = [
                ChartSpec(kind: .line, dataset: "narrow", x: "cat", y: ["y"], title: "T", format: format),
                ChartSpec(kind: .scatter, dataset: "narrow", x: "x", y: ["y"], title: "T", format: format),
                ChartSpec(kind: .line, dataset: "narrow", x: "x", y: ["y"], title: "T", format: format),
                ChartSpec(kind: .bar, dataset: "narrow", x: "cat", y: ["y"], title: "T", format: format, yMin: lo, yMax: hi),
                ChartSpec(kind: .bar, dataset: "narrow", x: "cat", y: ["y"], title: "T", horizontal: true, format: format,
                          yMin: lo, yMax: hi),
                ChartSpec(kind: .area, dataset: "narrow", x: "cat", y: ["y"], title: "T", format: format),
            ]
            for spec in specs {
                let html = ChartRenderer.figure(spec, dataset: ds, context: context())
                let drawings = svgs(in: html)
                #expect(drawings.count == 2, "\(spec.kind) \(lo)…\(hi)")
                for svg in drawings {
                    for (axis, labels) in numericAxisLabels(svg, spec: spec) {
                        if labels.count >= 2 { axesChecked += 1 }
                        #expect(Set(labels).count == labels.count,
                                "\(format) \(spec.kind)\(spec.horizontal ? " horizontal" : "") \(lo)…\(hi) \(axis): \(labels)")
                    }
                }
            }
        }
        // 12 ranges × 6 charts × 2 sizes, one or two numeric axes each; some axes keep one label
        // (integer axes on a range narrower than 1 most of all).
        #expect(axesChecked >= (format == .integer ? 90 : 150), "only \(axesChecked) axes had two labels or more")
    }

    /// The labels of the numeric axes of one drawing: the value axis, and x when it is numeric.
    func numericAxisLabels(_ svg: String, spec: ChartSpec) -> [(String, [String])] {
        let numericX = spec.x == "x"
        var out: [(String, [String])] = []
        for (axis, texts) in axisGroups(svg) {
            let isValueAxis = spec.horizontal ? axis == "axis-x" : axis == "axis-y"
            if isValueAxis || (axis == "axis-x" && numericX) { out.append((axis, texts)) }
        }
        return out
    }
}

/// The text of every `<text>` inside each `<g class="axis axis-…">` group of an SVG.
func axisGroups(_ svg: String) -> [(String, [String])] {
    var out: [(String, [String])] = []
    var rest = svg[...]
    while let start = rest.range(of: "<g class=\"axis "), let end = rest.range(of: "</g>", range: start.upperBound..<rest.endIndex) {
        let group = rest[start.upperBound..<end.lowerBound]
        let name = String(group.prefix { $0 != "\"" })
        var texts: [String] = []
        var inner = group
        while let open = inner.range(of: "<text"), let close = inner.range(of: "</text>", range: open.upperBound..<inner.endIndex) {
            let element = inner[open.upperBound..<close.lowerBound]
            if let gt = element.firstIndex(of: ">") {
                // Drop nested markup (<title>, <tspan>): the visible text is what is compared.
                var visible = String(element[element.index(after: gt)...])
                if let title = visible.range(of: "<title>") { visible = String(visible[..<title.lowerBound]) }
                texts.append(visible)
            }
            inner = inner[close.upperBound...]
        }
        out.append((name, texts))
        rest = rest[end.upperBound...]
    }
    return out
}
