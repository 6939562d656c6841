import BriefSite
import Testing

/// reliability.md M1–M4: author text can never add script or event handlers to a page.
@Suite struct SafetyTests {
    static let hostile = """
    ---
    title: "</title><script>alert(1)</script>"
    date: 2022-01-01
    summary: "\\" onload=\\"x"
    tags: ["<b onmouseover=x>"]
    ---
    <script>alert(1)</script>

    <img src=x onerror=alert(1)>

    Inline <script>alert(2)</script> and <svg onload=alert(3)> and <iframe src=javascript:alert(4)>.

    [a](javascript:alert(1)) [b](JaVaScRiPt:alert(1)) [c](&#106;avascript:alert(1))
    [d](&#x6A;avascript&colon;alert(1)) <javascript:alert(1)> [e][r] [f](vbscript:msgbox(1))
    [g](data:text/html,<script>alert(1)</script>) [h](file:///etc/passwd)
    ![i](data:image/svg+xml,<svg onload=alert(1)>)

    [r]: javascript:alert(1)

    [q](/x "q\\" onclick=\\"x") ![alt "><img src=x onerror=alert(1)>](../assets/x.png)

    ## a" onmouseover="x

    ```"><script>alert(1)</script>
    code
    ```

    Safe: [https](https://example.org) ![png](data:image/png;base64,iVBORw0KGgo=)
    """

    @Test func hostileBriefRendersNoScriptAndNoHandlers() throws {
        let result = buildFixture(["Content/briefs/hostile.md": Self.hostile, "Content/assets/x.png": "png"])
        #expect(result.succeeded, "\(result.diagnostics)")
        let ours = [
            #"<script src="search-index.js" defer></script>"#, #"<script src="static/search.js" defer></script>"#,
            #"<script src="../search-index.js" defer></script>"#, #"<script src="../static/search.js" defer></script>"#,
            #"<script src="../../search-index.js" defer></script>"#, #"<script src="../../static/search.js" defer></script>"#,
            #"<script src="../../../../search-index.js" defer></script>"#, #"<script src="../../../../static/search.js" defer></script>"#,
        ] + ["", "../", "../../", "../../../../"].map { #"<script src=""# + $0 + #"static/chart-values.js" defer></script>"# }
        let pages = result.outputs.filter { $0.path.hasSuffix(".html") || $0.path.hasSuffix(".xml") }
        #expect(pages.count >= 10)
        #expect(pages.contains { $0.path == "briefs/hostile/index.html" } && pages.contains { $0.path == "feed.xml" })
        for file in pages {
            var html = text(file)
            for tag in ours { html = html.replacingOccurrences(of: tag, with: "") }
            html = Self.removingJSONLD(html, path: file.path)
            let lower = html.lowercased()
            #expect(!lower.contains("<script"), "\(file.path) has a script element")
            #expect(!lower.contains("<iframe"), "\(file.path) has an iframe")
            #expect(firstEventHandler(in: lower) == nil, "\(file.path): \(firstEventHandler(in: lower) ?? "")")
            for scheme in ["javascript:", "vbscript:", "data:text", "data:image/svg", "file:"] {
                #expect(!hrefsAndSrcs(lower).contains { $0.hasPrefix(scheme) }, "\(file.path) links to \(scheme)")
            }
        }
        let page = text(try #require(result.outputs.first { $0.path == "briefs/hostile/index.html" }))
        #expect(page.contains("&lt;/title&gt;&lt;script&gt;alert(1)&lt;/script&gt;"))
        #expect(page.contains("<!-- raw HTML omitted -->"))
        #expect(page.contains("href=\"https://example.org\""))
        #expect(page.contains("src=\"data:image/png;base64,iVBORw0KGgo=\""))
    }

    @Test func templatesMayInsertOnlyHTMLValuesRaw() throws {
        let layout = String(decoding: fixtureFiles()["Templates/page.mustache"] ?? [], as: UTF8.self)
        let result = buildFixture(["Templates/page.mustache": layout.replacingOccurrences(of: "<h1>{{page.title}}</h1>", with: "<h1>{{{page.title}}}</h1>")])
        #expect(!result.succeeded)
        #expect(result.diagnostics.first?.message == "'page.title' is text and must be escaped: write {{page.title}}, not the raw form")
        #expect(result.diagnostics.first?.location.path == "Templates/page.mustache")
    }

    /// The page without its schema.org block, after checking that the block holds no `<`
    /// (so author text cannot close the script element).
    static func removingJSONLD(_ html: String, path: String) -> String {
        let open = #"<script type="application/ld+json">"#
        guard let start = html.range(of: open), let end = html.range(of: "</script>", range: start.upperBound..<html.endIndex)
        else { return html }
        let json = html[start.upperBound..<end.lowerBound]
        #expect(!json.contains("<") && !json.contains(">"), "\(path): JSON-LD holds a raw < or >")
        return String(html[..<start.lowerBound]) + String(html[end.upperBound...])
    }

    /// The first ` on…=` attribute inside a tag, if any.
    func firstEventHandler(in html: String) -> String? {
        var inTag = false
        var quote: Character?
        let chars = Array(html)
        var i = 0
        while i < chars.count {
            let c = chars[i]
            if !inTag { if c == "<" { inTag = true }; i += 1; continue }
            if let q = quote { if c == q { quote = nil }; i += 1; continue }
            if c == "\"" || c == "'" { quote = c } else if c == ">" { inTag = false } else if c.isWhitespace || c == "/",
                i + 3 < chars.count, chars[i + 1] == "o", chars[i + 2] == "n" {
                var j = i + 3
                while j < chars.count, chars[j].isLetter { j += 1 }
                if j > i + 3, j < chars.count, chars[j] == "=" { return String(chars[i..<min(chars.count, j + 10)]) }
            }
            i += 1
        }
        return nil
    }

    func hrefsAndSrcs(_ html: String) -> [String] {
        attributeValues("href", in: html) + attributeValues("src", in: html)
    }
}
