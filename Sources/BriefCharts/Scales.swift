/// A continuous scale: maps [d0, d1] onto [r0, r1].
struct LinearScale {
    var d0: Double, d1: Double
    var r0: Double, r1: Double

    func callAsFunction(_ v: Double) -> Double {
        if d1 == d0 { return (r0 + r1) / 2 }
        return r0 + (v - d0) / (d1 - d0) * (r1 - r0)
    }

    /// The position of `v`, held inside the range (values beyond a y_min/y_max the author set).
    func clamped(_ v: Double) -> Double {
        let p = self(v)
        let lo = min(r0, r1), hi = max(r0, r1)
        return min(max(p, lo), hi)
    }

    func contains(_ v: Double) -> Bool { v >= min(d0, d1) - 1e-9 && v <= max(d0, d1) + 1e-9 }
}

/// d3's band scale (paddingInner < 1) and point scale (paddingInner = 1), align 0.5.
struct BandScale {
    var count: Int
    var r0: Double, r1: Double
    var paddingInner: Double
    var paddingOuter: Double

    static func band(count: Int, _ r0: Double, _ r1: Double) -> BandScale {
        BandScale(count: count, r0: r0, r1: r1, paddingInner: 0.25, paddingOuter: 0.15)
    }

    static func point(count: Int, _ r0: Double, _ r1: Double) -> BandScale {
        BandScale(count: count, r0: r0, r1: r1, paddingInner: 1, paddingOuter: 0.5)
    }

    var step: Double {
        (r1 - r0) / max(1, Double(count) - paddingInner + paddingOuter * 2)
    }

    var bandwidth: Double { step * (1 - paddingInner) }

    /// The start of band `i`.
    func start(_ i: Int) -> Double {
        let first = r0 + (r1 - r0 - step * (Double(count) - paddingInner)) * 0.5
        return first + step * Double(i)
    }

    func center(_ i: Int) -> Double { start(i) + bandwidth / 2 }
}
