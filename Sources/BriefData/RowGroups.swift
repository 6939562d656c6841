/// A dataset's rows split by the values of one column, in the order each value first appears:
/// what a chart's `series:` draws as one series each (and what a future `facet:` would draw as
/// one panel each).
public struct RowGroups: Sendable, Hashable {
    /// Each group's value as written, in first-appearance order.
    public var keys: [String]
    /// The rows of each group, ascending, parallel to `keys`.
    public var rows: [[Int]]
    /// Rows whose grouping cell is missing (they belong to no group).
    public var ungrouped: [Int]

    /// Groups `rows` (every row when nil) by the text of `column`'s cells.
    public init(column: Column, rows selection: [Int]? = nil) {
        var keys: [String] = []
        var rows: [[Int]] = []
        var ungrouped: [Int] = []
        var index: [String: Int] = [:]
        for row in selection ?? Array(column.values.indices) {
            let value = column.value(at: row)
            guard !value.isMissing else { ungrouped.append(row); continue }
            let key = value.text
            if let k = index[key] {
                rows[k].append(row)
            } else {
                index[key] = keys.count
                keys.append(key)
                rows.append([row])
            }
        }
        self.keys = keys
        self.rows = rows
        self.ungrouped = ungrouped
    }

    public var count: Int { keys.count }
}
