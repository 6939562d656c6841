/// How many rows a table in a page shows. A brief's tables (chart data and `table` blocks) show at
/// most `rows` rows: past that, the first and last `rows / 2` with a row saying how many are left
/// out, and a note pointing at the full download. Dataset pages are paged `pageRows` at a time,
/// up to `maxPages` pages; the downloads hold every row.
public enum TablePage {
    public static let rows = 50
    public static let pageRows = 500
    /// Dataset pages list at most this many pages of rows; the downloads hold the rest.
    public static let maxPages = 20

    /// A count with thousands separators ("200,000").
    public static func grouped(_ count: Int) -> String { Decimal.grouped(String(count)) }

    /// The row indices to show out of `count`, and the position in that list before which the
    /// "rows not shown" row goes (nil when every row is shown).
    public static func excerpt(count: Int) -> (rows: [Int], gapBefore: Int?) {
        guard count > rows else { return (Array(0..<max(0, count)), nil) }
        let half = rows / 2
        return (Array(0..<half) + Array((count - half)..<count), half)
    }

    static func gapRow(omitted: Int, columns: Int, text: InterfaceText) -> String {
        let words = text.format("chart.rows_not_shown", ["count": text.number(Decimal.grouped(String(omitted)))])
        return "<tr class=\"rows-omitted\"><td colspan=\"\(max(1, columns))\">\u{2026} \(Escape.html(words)) \u{2026}</td></tr>\n"
    }

    static func note(total: Int, downloadHref: String, text: InterfaceText) -> String {
        let words = text.format("chart.rows_shown", ["count": text.number(Decimal.grouped(String(total))), "half": text.number(String(rows / 2))])
        return "<p class=\"table-note\">\(Escape.html(words)) "
            + "<a href=\"\(Escape.html(downloadHref))\" download>\(Escape.html(text["chart.download_full_csv"]))</a>.</p>\n"
    }
}
