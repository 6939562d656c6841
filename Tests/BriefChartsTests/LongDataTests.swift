@testable import BriefCharts
import BriefData
import Foundation
import Testing

/// A fixed pseudo-random walk (an LCG), so long series are the same in every run.
struct Walk {
    var state: UInt64
    init(seed: UInt64) { state = seed }
    mutating func next() -> Double {
        state = state &* 6364136223846793005 &+ 1442695040888963407
        return Double(state >> 11) / Double(1 << 53) - 0.5
    }
    /// `count` values of a random walk from 1,000, written with one decimal.
    static func cells(_ count: Int, seed: UInt64 = 7) -> [String] {
        var walk = Walk(seed: seed)
        var v = 1000.0
        return (0..<count).map { _ in
            v += walk.next() * 10
            return Decimal.fixed(v, decimals: 1)
        }
    }
}

/// Long series drawn at screen resolution (M4 for lines and areas, bins for scatter plots),
/// tables cut to a page of rows, and descriptions still computed on every row.
@Suite struct LongDataTests {
    static func long(_ count: Int) -> Dataset {
        Fixtures.dataset("long", [
            .init("hour", .number, (0..<count).map(String.init), label: "Hour"),
            .init("load", .number, Walk.cells(count), label: "Load", unit: "MW"),
        ])
    }

    /// Per pixel column (as the SVG prints x): first, last, lowest and highest y, the four
    /// numbers M4 keeps.
    static func columns(_ points: [(Double, Double)]) -> [Double: [Double]] {
        var out: [Double: [Double]] = [:]
        for (x, y) in points {
            let c = Reduction.column(x)
            if var v = out[c] {
                v[1] = y
                v[2] = min(v[2], y)
                v[3] = max(v[3], y)
                out[c] = v
            } else {
                out[c] = [y, y, y, y]
            }
        }
        return out
    }

    @Test func m4KeepsEveryPixelColumnsFirstLastLowestAndHighest() {
        var walk = Walk(seed: 3)
        var y = 100.0
        // 20,000 points over 300 pixel columns, with repeated x values and flat stretches.
        let run: [(Double, Double)] = (0..<20_000).map { i in
            y += walk.next() * 4
            if i % 97 < 5 { return (Double(i) * 0.015, 100) }
            return (Double(i) * 0.015, (y * 100).rounded() / 100)
        }
        let reduced = Reduction.m4(run)
        #expect(reduced.count < run.count / 10)
        #expect(reduced.count <= 4 * Self.columns(run).count)
        #expect(Self.columns(reduced) == Self.columns(run))
        #expect(reduced.first! == run.first!)
        #expect(reduced.last! == run.last!)
        // A subsequence: every kept point is an original point, in the original order.
        var i = 0
        for p in reduced {
            while i < run.count && run[i] != p { i += 1 }
            #expect(i < run.count, "kept a point that is not in the run")
            i += 1
        }
    }

    @Test func sparseRunsAreDrawnPointForPoint() {
        // 1,000 points over 100 pixel columns: dense for a 100-pixel plot, not for a 600-pixel one.
        let run: [(Double, Double)] = (0..<1_000).map { (Double($0) * 0.1, Double($0 % 7)) }
        let kept = Reduction.forScreen(run, width: 600)
        #expect(kept.count == run.count)
        #expect(Reduction.forScreen(run, width: 100).count <= 400)
        #expect(Reduction.forScreen(run, width: .infinity).count == run.count)
        #expect(Reduction.forScreen(run, width: .nan).count == run.count)
    }

    @Test func binsCountEveryPointInAFixedOrder() {
        var walk = Walk(seed: 11)
        let points: [(Double, Double)] = (0..<5_000).map { _ in (50 + (walk.next() + 0.5) * 500, 20 + (walk.next() + 0.5) * 300) }
        let bins = Reduction.bins(points, cell: 7, left: 50, top: 20)
        #expect(bins.map(\.count).reduce(0, +) == points.count)
        #expect(Reduction.bins(points.reversed(), cell: 7, left: 50, top: 20) == bins)
        for bin in bins {
            #expect(bin.x > 50 && bin.x < 50 + 500 + 7 && bin.y > 20 && bin.y < 20 + 300 + 7)
        }
        #expect(Reduction.opacity(1, max: 40) == 0.2)
        #expect(Reduction.opacity(40, max: 40) == 1)
    }

    /// The drawn line has the same extremes, pixel column by pixel column, as the line through
    /// every point, and each drawing reduces for its own width.
    @Test func aLongLineChartIsLightAndDrawsTheSameLine() throws {
        let dataset = Self.long(200_000)
        let spec = ChartSpec(kind: .line, dataset: "long", x: "hour", y: ["load"], title: "Load")
        let html = ChartRenderer.figure(spec, dataset: dataset, context: context())
        #expect(html.utf8.count < 150_000, "figure is \(html.utf8.count) bytes")
        let drawings = svgs(in: html)
        try #require(drawings.count == 2)
        let data = PlotData(spec: spec, dataset: dataset)
        for (variant, svg) in zip(ChartRenderer.variants, drawings) {
            let drawn = try #require(Self.pathPoints(svg).first)
            // The same chart with reduction off: every point, through the same scales.
            let full = SVGChart(spec: spec, data: data, variant: variant, reduce: false).render(id: "x", title: "T", description: "D").svg
            let all = try #require(Self.pathPoints(full).first)
            #expect(all.count == 200_000)
            #expect(drawn.count <= 4 * Int(variant.width))
            #expect(Self.columns(drawn) == Self.columns(all), "\(variant.name): a pixel column lost its extremes")
        }
        // The description and the table read the full data.
        let values = dataset.columns[1].values.compactMap(\.number)
        let highest = try #require(values.max()), lowest = try #require(values.min())
        #expect(html.contains("highest " + Decimal.grouped(Decimal.fixed(highest, decimals: 1))))
        #expect(html.contains("lowest " + Decimal.grouped(Decimal.fixed(lowest, decimals: 1))))
        #expect(html.contains("latest " + Decimal.grouped(dataset.columns[1].values[199_999].text)))
        #expect(html.components(separatedBy: "<th scope=\"row\">").count - 1 == 50)
        #expect(html.contains("199,950 rows not shown"))
        #expect(html.contains("200,000 rows; the first and last 25 are shown."))
        #expect(html.contains("<th scope=\"row\">199,999</th>") || html.contains("<th scope=\"row\">199999</th>"))
    }

    @Test func longAreaAndScatterChartsAreReduced() throws {
        let dataset = Self.long(50_000)
        let area = ChartSpec(kind: .area, dataset: "long", x: "hour", y: ["load"], title: "Load")
        let areaHTML = ChartRenderer.figure(area, dataset: dataset, context: context())
        #expect(areaHTML.utf8.count < 150_000)
        let scatter = ChartSpec(kind: .scatter, dataset: "long", x: "hour", y: ["load"], title: "Load")
        let dots = ChartRenderer.figure(scatter, dataset: dataset, context: context())
        #expect(dots.utf8.count < 400_000)
        #expect(dots.contains("class=\"dot binned series-1\""))
        #expect(dots.contains("Its 50,000 points are drawn binned"))
        let opacities = dots.components(separatedBy: "fill-opacity=\"").dropFirst().compactMap { Double($0.prefix { $0 != "\"" }) }
        #expect(!opacities.isEmpty && opacities.allSatisfy { $0 >= 0.2 && $0 <= 1 })
        // Below the threshold, one mark per point as before.
        let few = ChartRenderer.figure(scatter, dataset: Self.long(300), context: context())
        #expect(!few.contains("binned"))
        #expect(few.components(separatedBy: "<circle").count - 1 == 600)
    }

    @Test func tableBlocksShowAPageOfRows() throws {
        let dataset = Self.long(1_000)
        let html = TableRenderer.figure(TableSpec(dataset: "long"), dataset: dataset, context: context())
        #expect(html.components(separatedBy: "<tr>").count - 1 == 51) // header + 50 rows
        #expect(html.contains("950 rows not shown"))
        #expect(html.contains("Download the full data (CSV)"))
        let short = TableRenderer.figure(TableSpec(dataset: "long"), dataset: Self.long(50), context: context())
        #expect(!short.contains("rows not shown"))
        #expect(short.components(separatedBy: "<tr>").count - 1 == 51)
    }

    /// Golden drawings of a reduced line and a binned scatter plot: the reduction is deterministic.
    @Test(arguments: [ChartSpec.Kind.line, .scatter])
    func golden(_ kind: ChartSpec.Kind) {
        let dataset = Self.long(kind == .line ? 6_000 : 2_500)
        let spec = ChartSpec(kind: kind, dataset: "long", x: "hour", y: ["load"], title: "A long series")
        Golden.check(kind == .line ? "line-reduced" : "scatter-binned", ext: "html",
                     ChartRenderer.figure(spec, dataset: dataset, context: context()))
    }

    /// Every point of every `d="M…L…"` path in `svg`, one array per path of class "line".
    static func pathPoints(_ svg: String) -> [[(Double, Double)]] {
        svg.components(separatedBy: "<path class=\"line").dropFirst().map { rest in
            guard let start = rest.range(of: " d=\""), let end = rest[start.upperBound...].firstIndex(of: "\"") else { return [] }
            return rest[start.upperBound..<end].split(whereSeparator: { $0 == "M" || $0 == "L" }).compactMap { pair in
                let xy = pair.split(separator: ",")
                guard xy.count == 2, let x = Double(xy[0]), let y = Double(xy[1]) else { return nil }
                return (x, y)
            }
        }
    }
}
