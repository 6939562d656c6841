@testable import BriefCharts
import BriefData
import Testing

@Suite struct EscapingTests {
    static let hostile = "<script>alert(\"x\")</script> & 'q'"

    @Test func titleLabelAndColumnNamesAreEscaped() throws {
        let ds = Fixtures.dataset("evil", title: Self.hostile, source: Self.hostile, [
            .init("cat\"<script>", .text, ["<script>a</script>", "b\"c", "d&e"], label: Self.hostile),
            .init("v<script>\"", .number, ["1", "2", ""], label: Self.hostile, unit: "\"<u>"),
        ])
        let spec = ChartSpec(kind: .bar, dataset: "evil", x: "cat\"<script>", y: ["v<script>\""], title: Self.hostile,
                             subtitle: Self.hostile, caption: Self.hostile, xLabel: Self.hostile, yLabel: Self.hostile,
                             annotations: [ChartAnnotation(y: 1.5, label: Self.hostile), ChartAnnotation(x: "b\"c", label: Self.hostile)])
        let ctx = FigureContext(id: "chart-1", datasetHref: "x\"><script>", downloadHref: "y\"", text: english)
        for horizontal in [false, true] {
            var s = spec
            s.horizontal = horizontal
            let html = ChartRenderer.figure(s, dataset: ds, context: ctx)
            #expect(!html.contains("<script"))
            #expect(!html.contains("\"x\""))
            #expect(html.contains("&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; &#39;q&#39;"))
            let drawings = svgs(in: html)
            #expect(drawings.count == 2, "a wide and a narrow drawing")
            for svg in drawings { #expect(xmlError(svg) == nil) }
        }
        let table = TableRenderer.figure(TableSpec(dataset: "evil", caption: Self.hostile), dataset: ds, context: ctx)
        #expect(!table.contains("<script"))
        #expect(table.contains("href=\"x&quot;&gt;&lt;script&gt;\""))
    }

    @Test func escape() {
        #expect(Escape.html("a<b>&\"'") == "a&lt;b&gt;&amp;&quot;&#39;")
        #expect(Escape.html("plain") == "plain")
        #expect(Escape.html("bell\u{07}") == "bell")
    }
}
