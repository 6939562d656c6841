/// What a figure needs to know about the page it goes on.
public struct FigureContext: Sendable {
    /// Unique on the page, e.g. "chart-2"; every element id in the figure starts with it.
    public var id: String
    /// A relative link to the dataset's page.
    public var datasetHref: String
    /// A relative link to the dataset's CSV.
    public var downloadHref: String
    /// "Figure 2" or "Table 1" when the block has an id (`id: fig-…`), shown before its title.
    public var label: String?
    /// The page's language: the figure's interface text, digits and direction.
    public var text: InterfaceText
    /// A relative link to the chart's own page (chart, source, download, embed code), shown
    /// under the chart; nil where there is none.
    public var pageHref: String?
    /// The page is a translation: in another language than the site's, whose words the
    /// datasets' metadata (`units`) are. Charts then name dollar and per cent units from the
    /// page's language file (`NumberFormat.unit(_:in:translated:)`).
    public var translated = false

    public init(id: String, datasetHref: String, downloadHref: String, text: InterfaceText) {
        self.id = id
        self.datasetHref = datasetHref
        self.downloadHref = downloadHref
        self.text = text
    }
}
