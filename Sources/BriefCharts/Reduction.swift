/// Drawing long series at screen resolution, so a page stays light whatever the data size.
///
/// Lines and areas use M4 (Jugel et al., "M4: A Visualization-Oriented Time Series Data
/// Aggregation", VLDB 2014): within every pixel column keep the first, last, lowest and highest
/// point. A line rasterised from those points covers exactly the pixels of the line through all
/// points, so the drawing is the same while the SVG holds at most four points per pixel column.
/// Scatter plots with more points than the plot can separate are binned into a grid of cells,
/// each drawn once with an opacity that grows with its count. Both are pure and deterministic:
/// same points, same output.
public enum Reduction {
    /// A run of a line is reduced only when it has more than this many points per pixel column
    /// of the plot; sparser runs are drawn point for point.
    public static let pointsPerColumn = 2

    /// A scatter series with more defined points than this is binned. Decided on the data, not
    /// the drawing size, so both drawings and the description agree.
    public static let binThreshold = 2_000

    /// The M4 reduction of `run` (points in drawing order, x in pixels, non-decreasing): per pixel
    /// column `floor(x)`, the first, lowest, highest and last point, in their original order.
    public static func m4(_ run: [(Double, Double)]) -> [(Double, Double)] {
        guard run.count > 4 else { return run }
        var out: [(Double, Double)] = []
        out.reserveCapacity(min(run.count, 4 * 1024))
        var start = 0
        while start < run.count {
            let column = Self.column(run[start].0)
            var end = start + 1
            var lo = start, hi = start
            while end < run.count, Self.column(run[end].0) == column {
                if run[end].1 < run[lo].1 { lo = end }
                if run[end].1 > run[hi].1 { hi = end }
                end += 1
            }
            let last = end - 1
            // The four indices in order, each once.
            var picks = [start, lo, hi, last]
            picks.sort()
            var previous = -1
            for i in picks where i != previous {
                out.append(run[i])
                previous = i
            }
            start = end
        }
        return out
    }

    /// The pixel column of `x` as the SVG will say it: the coordinate rounded to two decimals
    /// the way `Decimal.coordinate` prints it, then floored, so a point printed as 13 is in
    /// column 13 even when it was 12.996.
    static func column(_ x: Double) -> Double {
        let printed = (abs(x) * 100).rounded(.toNearestOrAwayFromZero) / 100
        return (x < 0 ? -printed : printed).rounded(.down)
    }

    /// `run` reduced when it is denser than `pointsPerColumn` per pixel column of a plot `width`
    /// pixels wide, else unchanged.
    public static func forScreen(_ run: [(Double, Double)], width: Double) -> [(Double, Double)] {
        guard width.isFinite, width >= 1, width < 1_000_000 else { return run }
        return run.count > Int(width) * pointsPerColumn ? m4(run) : run
    }

    /// One cell of a binned scatter plot: its centre and how many points fell in it.
    public struct Bin: Equatable, Sendable {
        public var x: Double
        public var y: Double
        public var count: Int
    }

    /// Points counted into square cells of `cell` pixels laid from (`left`, `top`), row by row
    /// from the top, then left to right: a fixed order, whatever the order of the points.
    public static func bins(_ points: [(Double, Double)], cell: Double, left: Double, top: Double) -> [Bin] {
        guard cell > 0 else { return [] }
        var counts: [Int64: Int] = [:]
        for (x, y) in points where x.isFinite && y.isFinite {
            let column = Int64(((x - left) / cell).rounded(.down))
            let row = Int64(((y - top) / cell).rounded(.down))
            counts[(row << 32) &+ (column & 0xFFFF_FFFF), default: 0] += 1
        }
        return counts.keys.sorted().map { key in
            let row = Double(key >> 32), column = Double(Int32(truncatingIfNeeded: key))
            return Bin(x: left + (column + 0.5) * cell, y: top + (row + 0.5) * cell, count: counts[key] ?? 0)
        }
    }

    /// A bin's fill opacity: 0.2 for one point up to 1 for the fullest cell, on a log scale so a
    /// few dense cells do not wash out the rest.
    static func opacity(_ count: Int, max: Int) -> Double {
        guard max > 1 else { return 1 }
        let t = Math.log10(Double(count)) / Math.log10(Double(max))
        return 0.2 + 0.8 * Swift.min(1, Swift.max(0, t))
    }
}
