@testable import BriefCharts
import Testing

/// Expected values are d3-array's and d3-scale's own outputs (their test suites).
@Suite struct TicksTests {
    @Test func ticksZeroToOne() {
        #expect(Ticks.ticks(0, 1, count: 10) == [0.0, 0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9, 1.0])
        #expect(Ticks.ticks(0, 1, count: 9) == [0.0, 0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9, 1.0])
        #expect(Ticks.ticks(0, 1, count: 8) == [0.0, 0.2, 0.4, 0.6, 0.8, 1.0])
        #expect(Ticks.ticks(0, 1, count: 5) == [0.0, 0.2, 0.4, 0.6, 0.8, 1.0])
        #expect(Ticks.ticks(0, 1, count: 4) == [0.0, 0.2, 0.4, 0.6, 0.8, 1.0])
        #expect(Ticks.ticks(0, 1, count: 3) == [0.0, 0.5, 1.0])
        #expect(Ticks.ticks(0, 1, count: 2) == [0.0, 0.5, 1.0])
        #expect(Ticks.ticks(0, 1, count: 1) == [0.0, 1.0])
    }

    @Test func ticksZeroToTen() {
        #expect(Ticks.ticks(0, 10, count: 10) == [0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10])
        #expect(Ticks.ticks(0, 10, count: 8) == [0, 2, 4, 6, 8, 10])
        #expect(Ticks.ticks(0, 10, count: 4) == [0, 2, 4, 6, 8, 10])
        #expect(Ticks.ticks(0, 10, count: 3) == [0, 5, 10])
        #expect(Ticks.ticks(0, 10, count: 2) == [0, 5, 10])
        #expect(Ticks.ticks(0, 10, count: 1) == [0, 10])
    }

    @Test func ticksAcrossZero() {
        #expect(Ticks.ticks(-10, 10, count: 10) == [-10, -8, -6, -4, -2, 0, 2, 4, 6, 8, 10])
        #expect(Ticks.ticks(-10, 10, count: 7) == [-10, -8, -6, -4, -2, 0, 2, 4, 6, 8, 10])
        #expect(Ticks.ticks(-10, 10, count: 6) == [-10, -5, 0, 5, 10])
        #expect(Ticks.ticks(-10, 10, count: 3) == [-10, -5, 0, 5, 10])
        #expect(Ticks.ticks(-10, 10, count: 2) == [-10, 0, 10])
        #expect(Ticks.ticks(-10, 10, count: 1) == [0])
    }

    @Test func ticksReversedAndDegenerate() {
        #expect(Ticks.ticks(1, 0, count: 10) == [1.0, 0.9, 0.8, 0.7, 0.6, 0.5, 0.4, 0.3, 0.2, 0.1, 0.0])
        #expect(Ticks.ticks(1, 1, count: 10) == [1])
        #expect(Ticks.ticks(0, 1, count: 0) == [])
        #expect(Ticks.ticks(0, 1, count: -1) == [])
        #expect(Ticks.ticks(.nan, 1, count: 10) == [])
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
        #expect(Ticks.nice(0, 6798.982, count: 5) == (0, 8000))
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
