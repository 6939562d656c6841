@testable import BriefCharts
import Testing

/// Expected values are d3-array's and d3-scale's own outputs (their test suites).
@Suite struct TicksTests {
    /// d3-array test/ticks-test.js, "returns approximately count + 1 ticks when start < stop".
    static let d3Table: [(Double, Double, Double, [Double])] = [
        (0, 1, 10, [0.0, 0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9, 1.0]),
        (0, 1, 9, [0.0, 0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9, 1.0]),
        (0, 1, 8, [0.0, 0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9, 1.0]),
        (0, 1, 7, [0.0, 0.2, 0.4, 0.6, 0.8, 1.0]),
        (0, 1, 6, [0.0, 0.2, 0.4, 0.6, 0.8, 1.0]),
        (0, 1, 5, [0.0, 0.2, 0.4, 0.6, 0.8, 1.0]),
        (0, 1, 4, [0.0, 0.2, 0.4, 0.6, 0.8, 1.0]),
        (0, 1, 3, [0.0, 0.5, 1.0]),
        (0, 1, 2, [0.0, 0.5, 1.0]),
        (0, 1, 1, [0.0, 1.0]),
        (0, 10, 10, [0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10]),
        (0, 10, 9, [0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10]),
        (0, 10, 8, [0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10]),
        (0, 10, 7, [0, 2, 4, 6, 8, 10]),
        (0, 10, 6, [0, 2, 4, 6, 8, 10]),
        (0, 10, 5, [0, 2, 4, 6, 8, 10]),
        (0, 10, 4, [0, 2, 4, 6, 8, 10]),
        (0, 10, 3, [0, 5, 10]),
        (0, 10, 2, [0, 5, 10]),
        (0, 10, 1, [0, 10]),
        (-10, 10, 10, [-10, -8, -6, -4, -2, 0, 2, 4, 6, 8, 10]),
        (-10, 10, 9, [-10, -8, -6, -4, -2, 0, 2, 4, 6, 8, 10]),
        (-10, 10, 8, [-10, -8, -6, -4, -2, 0, 2, 4, 6, 8, 10]),
        (-10, 10, 7, [-10, -8, -6, -4, -2, 0, 2, 4, 6, 8, 10]),
        (-10, 10, 6, [-10, -5, 0, 5, 10]),
        (-10, 10, 5, [-10, -5, 0, 5, 10]),
        (-10, 10, 4, [-10, -5, 0, 5, 10]),
        (-10, 10, 3, [-10, -5, 0, 5, 10]),
        (-10, 10, 2, [-10, 0, 10]),
        (-10, 10, 1, [0]),
    ]

    @Test func d3TicksTable() {
        for (start, stop, count, expected) in Self.d3Table {
            #expect(Ticks.ticks(start, stop, count: count) == expected, "ticks(\(start), \(stop), \(count))")
            #expect(Ticks.ticks(stop, start, count: count) == expected.reversed(), "ticks(\(stop), \(start), \(count))")
        }
    }

    /// d3-array test/tickIncrement-test.js.
    @Test func d3TickIncrementTable() {
        let table: [(Double, Double, Double, Double)] = [
            (0, 1, 10, -10), (0, 1, 9, -10), (0, 1, 8, -10), (0, 1, 7, -5), (0, 1, 6, -5), (0, 1, 5, -5),
            (0, 1, 4, -5), (0, 1, 3, -2), (0, 1, 2, -2), (0, 1, 1, 1),
            (0, 10, 10, 1), (0, 10, 9, 1), (0, 10, 8, 1), (0, 10, 7, 2), (0, 10, 6, 2), (0, 10, 5, 2),
            (0, 10, 4, 2), (0, 10, 3, 5), (0, 10, 2, 5), (0, 10, 1, 10),
            (-10, 10, 10, 2), (-10, 10, 9, 2), (-10, 10, 8, 2), (-10, 10, 7, 2), (-10, 10, 6, 5),
            (-10, 10, 5, 5), (-10, 10, 4, 5), (-10, 10, 3, 5), (-10, 10, 2, 10), (-10, 10, 1, 20),
        ]
        for (start, stop, count, expected) in table {
            #expect(Ticks.increment(start, stop, count: count) == expected, "tickIncrement(\(start), \(stop), \(count))")
        }
    }

    /// d3-array test/nice-test.js.
    @Test func d3NiceTable() {
        let table: [(Double, Double, Double, Double, Double)] = [
            (0.132, 0.876, 1000, 0.132, 0.876), (0.132, 0.876, 100, 0.13, 0.88), (0.132, 0.876, 30, 0.12, 0.88),
            (0.132, 0.876, 10, 0.1, 0.9), (0.132, 0.876, 6, 0.1, 0.9), (0.132, 0.876, 5, 0, 1), (0.132, 0.876, 1, 0, 1),
            (132, 876, 1000, 132, 876), (132, 876, 100, 130, 880), (132, 876, 30, 120, 880), (132, 876, 10, 100, 900),
            (132, 876, 6, 100, 900), (132, 876, 5, 0, 1000), (132, 876, 1, 0, 1000),
            (1, 1, 10, 1, 1), (0, 1, -1, 0, 1), (0, 1, 0, 0, 1), (0, 1, .infinity, 0, 1),
        ]
        for (start, stop, count, lo, hi) in table {
            #expect(Ticks.nice(start, stop, count: count) == (lo, hi), "nice(\(start), \(stop), \(count))")
        }
    }

    @Test func ticksDegenerate() {
        #expect(Ticks.ticks(1, 1, count: 10) == [1])
        #expect(Ticks.ticks(1, 1, count: 1) == [1])
        #expect(Ticks.ticks(1, 1, count: 0) == [])
        #expect(Ticks.ticks(0, 1, count: 0) == [])
        #expect(Ticks.ticks(0, 1, count: -1) == [])
        #expect(Ticks.ticks(0, 1, count: .nan) == [])
        #expect(Ticks.ticks(0, 1, count: .infinity) == [])
        #expect(Ticks.ticks(.nan, 1, count: 10) == [])
        #expect(Ticks.nice(5, 5, count: 10) == (5, 5))
    }

    @Test func ticksOnRealFigures() {
        // Pakistan's exports to the US with a y_min a little below zero.
        #expect(Ticks.ticks(-2.5, 6798.982, count: 5) == [0, 1000, 2000, 3000, 4000, 5000, 6000])
        #expect(Ticks.ticks(0, 6798.982, count: 8) == [0, 1000, 2000, 3000, 4000, 5000, 6000])
        // d3: ticks(0.001, 0.002, 3) has no 0.0015000000000000002.
        #expect(Ticks.ticks(0.001, 0.002, count: 3) == [0.001, 0.0015, 0.002])
    }

    @Test func tickIncrementAndStep() {
        #expect(Ticks.increment(0, 1, count: 10) == -10)
        #expect(Ticks.increment(0, 10, count: 10) == 1)
        #expect(Ticks.increment(0, 100, count: 10) == 10)
        #expect(Ticks.increment(0, 6798.982, count: 5) == 1000)
        #expect(Ticks.step(0, 1, count: 10) == 0.1)
        #expect(Ticks.step(1, 0, count: 10) == -0.1)
        #expect(Ticks.step(0, 10, count: 4) == 2)
        // The e10 / e5 / e2 thresholds: raw steps just past √50, √10, √2.
        #expect(Ticks.increment(0, 7.1, count: 1) == 10)
        #expect(Ticks.increment(0, 3.2, count: 1) == 5)
        #expect(Ticks.increment(0, 1.42, count: 1) == 2)
        #expect(Ticks.increment(0, 1.41, count: 1) == 1)
    }

    @Test func nice() {
        // d3-scale's linear.nice tests.
        #expect(Ticks.nice(0, 0.96, count: 10) == (0, 1))
        #expect(Ticks.nice(0, 96, count: 10) == (0, 100))
        #expect(Ticks.nice(1.1, 10.9, count: 10) == (1, 11))
        #expect(Ticks.nice(10.9, 1.1, count: 10) == (11, 1))
        #expect(Ticks.nice(0.7, 11.001, count: 10) == (0, 12))
        #expect(Ticks.nice(123.1, 6.7, count: 10) == (130, 0))
        #expect(Ticks.nice(0, 0.49, count: 10) == (0, 0.5))
        #expect(Ticks.nice(0, 14.1, count: 5) == (0, 20))
        #expect(Ticks.nice(0, 15, count: 5) == (0, 20))
        #expect(Ticks.nice(12, 87, count: 5) == (0, 100))
        #expect(Ticks.nice(12, 87, count: 10) == (10, 90))
        #expect(Ticks.nice(12, 87, count: 100) == (12, 87))
        #expect(Ticks.nice(0, 6798.982, count: 5) == (0, 7000))
        #expect(Ticks.nice(-2000, -783, count: 6) == (-2000, -600))
    }

    @Test func precision() {
        #expect(Ticks.precision(step: 1000) == 0)
        #expect(Ticks.precision(step: 0.2) == 1)
        #expect(Ticks.precision(step: 0.05) == 2)
    }

    @Test func dateTicks() {
        let lo = Double(CivilDate(year: 2017, month: 12, day: 31).days)
        let hi = Double(CivilDate(year: 2023, month: 12, day: 31).days)
        let years = DateTicks.ticks(lo, hi, count: 6).map(\.label)
        #expect(years == ["2018", "2019", "2020", "2021", "2022", "2023"])
        let months = DateTicks.ticks(Double(CivilDate(year: 2024, month: 1, day: 15).days),
                                     Double(CivilDate(year: 2024, month: 12, day: 1).days), count: 4).map(\.label)
        #expect(months == ["Apr 2024", "Jul", "Oct"])
        #expect(CivilDate(days: 0) == CivilDate(year: 1970, month: 1, day: 1))
        #expect(CivilDate("2024-02-29")?.days == 19782)
        #expect(CivilDate("2023-02-29") == nil)
        #expect(CivilDate("2024-03") == CivilDate(year: 2024, month: 3, day: 1))
    }
}
