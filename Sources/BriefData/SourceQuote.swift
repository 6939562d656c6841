import BriefDiagnostics

/// A sentence or table cell quoted, word for word, from the public page a dataset's figure came
/// from: the evidence for a figure that is not in the briefing's research files.
public struct SourceQuote: Sendable, Hashable {
    /// The page's address (http or https).
    public var url: String
    /// Who published the page, e.g. "State Bank of Pakistan".
    public var publisher: String
    /// When the page was read, YYYY-MM-DD as written.
    public var retrieved: String
    /// The exact sentence or table cell.
    public var text: String
    /// Where the quote's entry starts in the metadata file, for diagnostics.
    public var location: SourceLocation?

    public init(url: String, publisher: String, retrieved: String, text: String, location: SourceLocation? = nil) {
        self.url = url
        self.publisher = publisher
        self.retrieved = retrieved
        self.text = text
        self.location = location
    }

    /// The keys a quote's entry under `quotes` may use; all are required.
    public static let keys = ["url", "publisher", "retrieved", "text"]
}
