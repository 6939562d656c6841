@testable import BriefCharts
import BriefData
import Foundation
import Testing

/// Charts on right-to-left pages: mirrored drawings, Urdu interface text and numbers.
@Suite struct DirectionTests {
    static func figure(_ text: InterfaceText) throws -> String {
        let (_, yaml) = GoldenTests.cases[0]
        let spec = try ChartSpec.decode(MiniYAML.parse(yaml), datasets: GoldenTests.datasets)
        return ChartRenderer.figure(spec, dataset: Fixtures.sbpTrade, context: context(text: text))
    }

    /// The x of every `<text>` as it is drawn (after the mirror and its own counter-reflection).
    static func drawnAnchors(_ svg: String) -> [(x: Double, anchor: String, text: String)] {
        let regex = try! NSRegularExpression(pattern: "<text x=\"([0-9.-]+)\"[^>]*text-anchor=\"([a-z]+)\" transform=\"matrix\\(-1 0 0 1 ([0-9.-]+) 0\\)\"[^>]*>([^<]*)")
        let ns = svg as NSString
        return regex.matches(in: svg, range: NSRange(location: 0, length: ns.length)).compactMap { m in
            guard let x = Double(ns.substring(with: m.range(at: 1))), let c = Double(ns.substring(with: m.range(at: 3))) else { return nil }
            // Reflected back about its own x inside a group reflected about the centre: drawn at width - x.
            _ = c
            return (x, ns.substring(with: m.range(at: 2)), ns.substring(with: m.range(at: 4)))
        }
    }

    @Test func rightToLeftChartsAreMirroredWithTheirLabelsOnTheOtherSide() throws {
        let ltr = try Self.figure(english)
        let rtl = try Self.figure(urdu)
        #expect(!ltr.contains("class=\"rtl\""))
        #expect(rtl.contains("<g class=\"rtl\" transform=\"matrix(-1 0 0 1 640 0)\">"))
        #expect(rtl.contains("<g class=\"rtl\" transform=\"matrix(-1 0 0 1 340 0)\">"))
        // Every text is reflected back about its own x, so it reads normally, and its anchor swapped.
        let texts = Self.drawnAnchors(rtl)
        #expect(texts.count > 10)
        for t in texts {
            #expect(rtl.contains("transform=\"matrix(-1 0 0 1 \(Decimal.coordinate(2 * t.x)) 0)\""))
        }
        // The value axis: left of the plot and ending at its tick ("end") in English; on the
        // right, starting at its tick, in Urdu.
        #expect(ltr.contains("<g class=\"axis axis-y\" aria-hidden=\"true\" text-anchor=\"end\"><text x=\"") )
        // Urdu ticks are written as Urdu writes dollars ("5 ارب ڈالر"), not "$5B".
        let yLabels = texts.filter { $0.text.hasSuffix("ڈالر") }
        #expect(!yLabels.isEmpty && yLabels.allSatisfy { $0.anchor == "start" })
        #expect(!texts.contains { $0.text.hasPrefix("$") })
        // The same marks, mirrored: the SVG is still well formed.
        for svg in svgs(in: rtl) { #expect(xmlError(svg) == nil) }
    }

    @Test func urduChartTextComesFromTheLanguageFile() throws {
        let html = try Self.figure(urdu)
        #expect(html.contains("<summary>اس چارٹ کا ڈیٹا</summary>"))
        #expect(html.contains("ڈیٹا ڈاؤن لوڈ کریں (سی ایس وی)"))
        #expect(html.contains("لائن چارٹ: Exports to the US اور Imports from the US، بلحاظ Fiscal year، FY2017-18 سے FY2023-24 تک۔"))
        #expect(!html.contains("Data for this chart") && !html.contains("Line chart"))
        // The figures are the source's: only grouping and words change.
        #expect(html.contains("<td class=\"num\">6,798.982</td>"))
    }

    /// A golden case drawn on a page of `text`'s language, as a translation (Urdu) or the
    /// original (English), with a link to its chart page.
    static func figure(_ name: String, _ text: InterfaceText) throws -> String {
        let yaml = try #require(GoldenTests.cases.first { $0.name == name }?.yaml)
        let spec = try ChartSpec.decode(MiniYAML.parse(yaml), datasets: GoldenTests.datasets)
        let dataset = try #require(GoldenTests.datasets[spec.dataset])
        var c = context(text: text)
        c.translated = text.code != "en"
        c.pageHref = "../../charts/x/"
        return ChartRenderer.figure(spec, dataset: dataset, context: c)
    }

    /// Every word Swift used to write in English into slope, range, timeline and small-multiple
    /// charts (descriptions, point names, ticks, the chart page link) now comes from the
    /// language file: none of it is left on an Urdu page, and all of it is still on an English one.
    @Test(arguments: [
        ("slope", ["Slope chart of", "USD millions in", "$"], ["ڈھلوان چارٹ:", "ملین ڈالر"]),
        ("range", ["Range chart of", " higher)", "USD millions", "$"], ["رینج چارٹ:", "ملین ڈالر", "زیادہ)"]),
        ("timeline", ["Timeline of", "events from", "June", "September"], ["ٹائم لائن،", "واقعات", "جون", "ستمبر"]),
        ("facet-line", ["Small multiples", "one panel per", "on one scale", "USD millions", "$"], ["ایک ہی پیمانے پر", "ملین ڈالر"]),
        ("facet-area-series", ["Small multiples", "USD millions", "$"], ["ایک ہی پیمانے پر", "ملین ڈالر"]),
        ("line-two-series", ["Line chart of", "USD millions", "lowest"], ["لائن چارٹ:", "ملین ڈالر"]),
    ])
    func urduChartsHaveNoEnglishInterfaceText(_ name: String, english words: [String], urdu: [String]) throws {
        let page = try Self.figure(name, BriefChartsTests.urdu)
        for word in words + ["Share, embed or download this chart", "no data", "Data for this chart"] {
            #expect(!page.contains(word), "\(name): \"\(word)\" on an Urdu page")
        }
        for word in urdu + ["یہ چارٹ شیئر، ایمبیڈ یا ڈاؤن لوڈ کریں"] {
            #expect(page.contains(word), "\(name): no \"\(word)\" on an Urdu page")
        }
        // Not vacuous: the English page says all of it in English.
        let original = try Self.figure(name, BriefChartsTests.english)
        for word in words + ["Share, embed or download this chart"] {
            #expect(original.contains(word), "\(name): no \"\(word)\" on the English page")
        }
        for svg in svgs(in: page) { #expect(xmlError(svg) == nil) }
    }
}
