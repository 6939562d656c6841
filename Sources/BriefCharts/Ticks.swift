/// d3-array's tick algorithm, ported exactly (ticks, tickIncrement, tickStep) so that Brief's
/// axes match what d3 and Observable Plot would draw for the same domain.
public enum Ticks {
    private static let e10 = 50.0.squareRoot(), e5 = 10.0.squareRoot(), e2 = 2.0.squareRoot()

    /// JavaScript's Math.round: halves go up.
    private static func jsRound(_ x: Double) -> Double { (x + 0.5).rounded(.down) }

    /// d3's tickSpec: the tick index range [i1, i2] and the increment (negative = inverse step).
    static func spec(_ start: Double, _ stop: Double, _ count: Double) -> (Double, Double, Double) {
        let step = (stop - start) / max(0, count)
        // Degenerate input (a zero or infinite step) has no ticks; d3 yields NaN here.
        guard step > 0, step.isFinite else { return (1, 0, .nan) }
        let power = log10(step).rounded(.down)
        let error = step / pow10(power)
        let factor: Double = error >= e10 ? 10 : error >= e5 ? 5 : error >= e2 ? 2 : 1
        var i1: Double, i2: Double, inc: Double
        if power < 0 {
            inc = pow10(-power) / factor
            i1 = jsRound(start * inc)
            i2 = jsRound(stop * inc)
            if i1 / inc < start { i1 += 1 }
            if i2 / inc > stop { i2 -= 1 }
            inc = -inc
        } else {
            inc = pow10(power) * factor
            i1 = jsRound(start / inc)
            i2 = jsRound(stop / inc)
            if i1 * inc < start { i1 += 1 }
            if i2 * inc > stop { i2 -= 1 }
        }
        if i2 < i1 && 0.5 <= count && count < 2 { return spec(start, stop, count * 2) }
        return (i1, i2, inc)
    }

    /// About `count` nicely rounded values between `start` and `stop`, inclusive (d3.ticks).
    public static func ticks(_ start: Double, _ stop: Double, count: Double) -> [Double] {
        guard count > 0, count.isFinite, start.isFinite, stop.isFinite else { return [] }
        if start == stop { return [start] }
        let reverse = stop < start
        let (i1, i2, inc) = reverse ? spec(stop, start, count) : spec(start, stop, count)
        guard i2 >= i1, inc.isFinite, inc != 0 else { return [] }
        let n = Int(i2 - i1) + 1
        guard n > 0, n <= 10_000 else { return [] }
        var out = [Double]()
        out.reserveCapacity(n)
        for i in 0..<n {
            let k = reverse ? i2 - Double(i) : i1 + Double(i)
            out.append(inc < 0 ? k / -inc : k * inc)
        }
        return out
    }

    /// d3.tickIncrement: the step as a positive number, or as -1/step when the step is below 1.
    public static func increment(_ start: Double, _ stop: Double, count: Double) -> Double {
        spec(start, stop, count).2
    }

    /// d3.tickStep: the signed distance between ticks.
    public static func step(_ start: Double, _ stop: Double, count: Double) -> Double {
        let reverse = stop < start
        let inc = reverse ? increment(stop, start, count: count) : increment(start, stop, count: count)
        return (reverse ? -1 : 1) * (inc < 0 ? 1 / -inc : inc)
    }

    /// d3-scale's linear.nice(count): the domain widened to round values.
    public static func nice(_ start: Double, _ stop: Double, count: Double) -> (Double, Double) {
        guard start.isFinite, stop.isFinite else { return (start, stop) }
        var reversed = false
        var lo = start, hi = stop
        if hi < lo { swap(&lo, &hi); reversed = true }
        var prestep: Double?
        for _ in 0..<10 {
            let step = increment(lo, hi, count: count)
            if step == prestep { break }
            if step > 0 && step.isFinite {
                lo = (lo / step).rounded(.down) * step
                hi = (hi / step).rounded(.up) * step
            } else if step < 0 && step.isFinite {
                lo = (lo * step).rounded(.up) / step
                hi = (hi * step).rounded(.down) / step
            } else {
                break
            }
            prestep = step
        }
        return reversed ? (hi, lo) : (lo, hi)
    }

    /// d3.precisionFixed: decimals needed to tell ticks `step` apart.
    public static func precision(step: Double) -> Int {
        let s = abs(step)
        guard s > 0, s.isFinite else { return 0 }
        return max(0, -Int(log10(s).rounded(.down)))
    }

    static func pow10(_ p: Double) -> Double {
        // Exact powers of ten for the integer exponents the algorithm uses.
        guard p.isFinite else { return .nan }
        var r = 1.0
        let n = Int(abs(p))
        guard n < 310 else { return p < 0 ? 0 : .infinity }
        for _ in 0..<n { r *= 10 }
        return p < 0 ? 1 / r : r
    }

    static func log10(_ x: Double) -> Double { Math.log10(x) }
}
