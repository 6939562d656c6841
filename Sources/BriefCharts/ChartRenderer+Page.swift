/// The link from a chart in its brief to the chart's own page (issue 14, item 5).
extension ChartRenderer {
    /// The class of the paragraph holding the link: the chart's own page leaves it out.
    public static let pageLinkOpen = "<p class=\"chart-links\">"

    static func chartPageLink(_ href: String, title: String, text: InterfaceText) -> String {
        // Several charts on one page: the hidden title tells their links apart for screen readers.
        pageLinkOpen + "<a href=\"\(Escape.html(href))\">\(Escape.html(text["chart.page_link"]))"
            + "<span class=\"sr-only\">: \(Escape.html(title))</span></a></p>"
    }
}
