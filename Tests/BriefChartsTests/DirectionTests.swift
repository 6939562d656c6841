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
        let yLabels = texts.filter { $0.text.hasPrefix("$") }
        #expect(!yLabels.isEmpty && yLabels.allSatisfy { $0.anchor == "start" })
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
}
