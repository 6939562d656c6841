/// The link from a chart in its brief to the chart's own page (issue 14, item 5).
extension ChartRenderer {
    /// The class of the paragraph holding the link: the chart's own page leaves it out.
    public static let pageLinkOpen = "<p class=\"chart-links\">"

    static func chartPageLink(_ href: String, title: String) -> String {
        // Several charts on one page: the hidden title tells their links apart for screen readers.
        pageLinkOpen + "<a href=\"\(Escape.html(href))\">Share, embed or download this chart"
            + "<span class=\"sr-only\">: \(Escape.html(title))</span></a></p>"
    }
}
