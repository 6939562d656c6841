@testable import BriefCharts
import BriefData
import Testing

@Suite struct FormatTests {
    @Test func names() {
        #expect(NumberFormat.names == ["number", "integer", "percent", "usd_millions", "usd_millions_words", "date_long", "exact"])
        #expect(NumberFormat(name: "usd_millions") == .usdMillions)
        #expect(NumberFormat(name: "USD") == nil)
    }

    /// Prose words keep three significant digits (fewer only when the source has fewer) and
    /// never round 108 to 110.
    @Test func usdMillionsWords() {
        let f = NumberFormat.usdMillionsWords
        #expect(f.format(6798.982) == "$6.8 billion")
        #expect(f.format(1276.4) == "$1.28 billion")
        #expect(f.format(108) == "$108 million")
        #expect(f.format(108.4) == "$108 million")
        #expect(f.format(5) == "$5 million")
        #expect(f.format(45.67) == "$45.7 million")
        #expect(f.format(999.7) == "$1 billion")
        #expect(f.format(0.45) == "$450,000")
        #expect(f.format(-1276.4) == "\u{2212}$1.28 billion")
        #expect(f.format(2_500_000) == "$2.5 trillion")
        #expect(f.format(.number(108, text: "108")) == "$108 million")
        #expect(NumberFormat.usdMillions.format(6798.982) == "$6.8B")
    }

    @Test func dateLong() {
        let f = NumberFormat.dateLong
        #expect(f.format(.text("2003-06-09")) == "9 June 2003")
        #expect(f.format(.text("2003-06")) == "June 2003")
        #expect(f.format(.text("2003-12-31")) == "31 December 2003")
        #expect(f.format(.text("FY2021-22")) == "FY2021-22")
        #expect(f.format(.text("2003-13-01")) == "2003-13-01")
        #expect(f.format(.number(2003, text: "2003")) == "2003")
    }

    @Test func values() {
        #expect(NumberFormat.number.format(6798.982) == "6,798.982")
        #expect(NumberFormat.number.format(-1276.4) == "\u{2212}1,276.4")
        #expect(NumberFormat.integer.format(6798.982) == "6,799")
        #expect(NumberFormat.percent.format(18.3) == "18.3%")
        #expect(NumberFormat.percent.format(20.95) == "20.95%")
        #expect(NumberFormat.usdMillions.format(6798.982) == "$6.8B")
        #expect(NumberFormat.usdMillions.format(450) == "$450M")
        #expect(NumberFormat.usdMillions.format(32450.087) == "$32.5B")
        #expect(NumberFormat.usdMillions.format(999.9) == "$1B")
        #expect(NumberFormat.usdMillions.format(0.25) == "$250K")
        #expect(NumberFormat.usdMillions.format(-1276.4) == "\u{2212}$1.28B")
        // Three significant digits: CRS's $108m is not "$110M" (issue 16, item 9).
        #expect(NumberFormat.usdMillions.format(108) == "$108M")
        #expect(NumberFormat.usdMillions.format(6028.193) == "$6.03B")
        #expect(NumberFormat.usdMillions.format(0) == "$0")
        #expect(NumberFormat.exact.format(.number(6798.982, text: "6798.982")) == "6,798.982")
        #expect(NumberFormat.exact.format(.number(5932.358, text: "5932.358")) == "5,932.358")
        #expect(NumberFormat.exact.format(.number(-1276.4, text: "-1276.4")) == "-1,276.4")
        #expect(NumberFormat.exact.format(.number(761.16, text: "761.160")) == "761.160")
        #expect(NumberFormat.exact.format(.number(1234567, text: "1234567")) == "1,234,567")
        #expect(NumberFormat.usdMillions.format(.number(6798.982, text: "6798.982")) == "$6.8B")
        #expect(NumberFormat.exact.format(.missing) == "")
    }

    @Test func ticks() {
        let usd = NumberFormat.usdMillions.tickFormatter(step: 1000, ticks: [0, 1000, 7000])
        #expect([0, 1000, 7000].map(usd) == ["$0", "$1B", "$7B"])
        let half = NumberFormat.usdMillions.tickFormatter(step: 500, ticks: [2000, 2500])
        #expect([2000, 2500].map(half) == ["$2.0B", "$2.5B"])
        let small = NumberFormat.usdMillions.tickFormatter(step: 100, ticks: [0, 100, 800])
        #expect([0, 100, 800].map(small) == ["$0", "$100M", "$800M"])
        let number = NumberFormat.number.tickFormatter(step: 0.2, ticks: [])
        #expect([0, 0.2, 1200].map(number) == ["0.0", "0.2", "1,200.0"])
        let pct = NumberFormat.percent.tickFormatter(step: 10, ticks: [])
        #expect([-20, 0, 30].map(pct) == ["\u{2212}20%", "0%", "30%"])
    }

    @Test func coordinates() {
        #expect(Decimal.coordinate(12.3456) == "12.35")
        #expect(Decimal.coordinate(-0.001) == "0")
        #expect(Decimal.coordinate(-0.004) == "0")
        #expect(Decimal.coordinate(40) == "40")
        #expect(Decimal.coordinate(40.10) == "40.1")
        #expect(Decimal.coordinate(-3.5) == "-3.5")
        #expect(Decimal.coordinate(.nan) == "0")
    }

    /// The byte writers markup uses are the String formatters, byte for byte: coordinates
    /// (`appendCoordinate` against `fixed(_, decimals: 2, trim: true)`), whole numbers, and
    /// source figures grouped (`appendGrouped` against `grouped`).
    @Test func byteWritersMatchTheStringFormatters() {
        var values: [Double] = [0, -0.0, 0.004, -0.004, 0.005, -0.005, 0.995, 1, -1, 12.345, 99.999, 100.5,
                                -640.125, 1e6 + 0.015, 39_999_999.99, 4.2e7, -4.2e7, 1e12, .nan, .infinity, -.infinity]
        var x = 0.37
        for _ in 0..<2000 {
            x = (x * 9301 + 49297).truncatingRemainder(dividingBy: 233280)
            values.append((x - 116_640) / 97.3)
        }
        for v in values {
            var bytes: [UInt8] = []
            Decimal.appendCoordinate(v, to: &bytes)
            #expect(String(decoding: bytes, as: UTF8.self) == Decimal.fixed(v, decimals: 2, trim: true), "\(v)")
        }
        for i in [0, 7, 9, 10, 99, 100, 12_345, 4_294_967_295, 4_294_967_296, -3] {
            var out = MarkupBytes()
            out.int(i)
            #expect(out.string == Decimal.fixed(Double(i), decimals: 0), "\(i)")
        }
        for text in ["0", "123", "1234", "-1234.5", "+98765", "\u{2212}1234567.25", "1234.", "12a34", "$1234", "", "-",
                     "1,234", "<b>1234</b>", "6798.982"] {
            var bytes: [UInt8] = []
            let plain = Decimal.appendGrouped(text, to: &bytes)
            #expect(String(decoding: bytes, as: UTF8.self) == (plain ? Decimal.grouped(text) : text), "\(text)")
            var markup = MarkupBytes()
            markup.figure(text)
            #expect(markup.string == Escape.html(Decimal.grouped(text)), "\(text)")
        }
    }
}
