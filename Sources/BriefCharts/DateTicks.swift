/// Ticks for a time axis whose positions are days since 1970-01-01: whole days, weeks,
/// month starts, or 1 January of round years, whichever gives about `count` ticks.
enum DateTicks {
    struct Tick {
        var days: Double
        var label: String
    }

    /// `months`: the twelve month names as an axis writes them (`InterfaceText.shortMonths`).
    static func ticks(_ lo: Double, _ hi: Double, count: Double, months monthNames: [String] = CivilDate.monthNames) -> [Tick] {
        let monthNames = monthNames.count == 12 ? monthNames : CivilDate.monthNames
        guard lo.isFinite, hi.isFinite, hi >= lo, count > 0 else { return [] }
        let target = (hi - lo) / count
        if target >= 300 {
            let y0 = CivilDate(days: Int(lo.rounded(.down))).year
            let y1 = CivilDate(days: Int(hi.rounded(.down))).year
            let step = max(1, Ticks.step(Double(y0), Double(y1), count: count).rounded())
            var out: [Tick] = []
            var y = (Double(y0) / step).rounded(.up) * step
            while y <= Double(y1) && out.count < 1000 {
                let d = Double(CivilDate(year: Int(y), month: 1, day: 1).days)
                if d >= lo && d <= hi { out.append(Tick(days: d, label: String(Int(y)))) }
                y += step
            }
            return out
        }
        if target >= 20 {
            let months = [1, 2, 3, 6].first { Double($0) * 30.4 >= target * 0.8 } ?? 6
            var date = CivilDate(days: Int(lo.rounded(.up)))
            date = CivilDate(year: date.year, month: date.month, day: 1)
            var out: [Tick] = []
            while out.count < 1000 {
                let d = Double(date.days)
                if d > hi { break }
                if d >= lo && (date.month - 1) % months == 0 {
                    let name = monthNames[date.month - 1]
                    out.append(Tick(days: d, label: date.month == 1 || out.isEmpty ? "\(name) \(date.year)" : name))
                }
                date = date.month == 12 ? CivilDate(year: date.year + 1, month: 1, day: 1) : CivilDate(year: date.year, month: date.month + 1, day: 1)
            }
            return out
        }
        let step = [1.0, 2, 7, 14].first { $0 >= target * 0.8 } ?? 14
        var out: [Tick] = []
        var d = lo.rounded(.up)
        while d <= hi && out.count < 1000 {
            let c = CivilDate(days: Int(d))
            out.append(Tick(days: d, label: "\(c.day) \(monthNames[c.month - 1])" + (out.isEmpty || (c.month == 1 && c.day <= Int(step)) ? " \(c.year)" : "")))
            d += step
        }
        return out
    }
}
