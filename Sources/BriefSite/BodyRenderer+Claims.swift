import BriefCharts
import BriefData
import BriefDiagnostics

/// Derived figures (`@change`, `@diff`, `@ratio`), the `claims` fence, and where each figure
/// links to: its row on the dataset page.
extension BodyRenderer {
    /// A cell a reference names.
    struct Cell {
        var dataset: Dataset
        var column: Column
        var row: Int
    }

    /// The cell `dataset.column[key]` names, or the error for its first unknown part.
    func lookup(_ name: String, _ columnName: String, _ key: String, reference: String, at location: SourceLocation) -> Result<Cell, Diagnostic> {
        // A name that is not a dataset name at all (`@../x.y[z]`) is a misspelt reference, not an
        // unknown dataset called ''.
        guard !name.isEmpty, !name.contains("/") else {
            return .failure(.error(at: location, "a figure reference is written `@dataset.column[key]`, not `@\(reference)`"))
        }
        guard let dataset = datasets[name] else {
            return .failure(.error(at: location, "unknown dataset '\(name)'",
                                   hint: Suggestion.hint(for: name, in: Array(datasets.keys))))
        }
        guard let column = dataset.column(named: columnName) else {
            return .failure(.error(at: location, "unknown column '\(columnName)' in dataset '\(name)'",
                                   hint: Suggestion.hint(for: columnName, in: dataset.columnNames)
                                       ?? "its columns are \(dataset.columnNames.joined(separator: ", "))"))
        }
        guard let row = dataset.row(forKey: key) else {
            let keys = dataset.columns.first?.values.map(\.text) ?? []
            return .failure(.error(at: location, "no row '\(key)' in dataset '\(name)'",
                                   hint: Suggestion.hint(for: key, in: keys)))
        }
        if column.values[row].isMissing {
            return .failure(.error(at: location, "dataset '\(name)' has no value for \(columnName) in row '\(key)' (the cell is empty)"))
        }
        return .success(Cell(dataset: dataset, column: column, row: row))
    }

    /// A numeric cell: its value, the text its source wrote, and its decimals.
    struct NumericCell {
        var cell: Cell
        var value: Double
        var text: String
        var decimals: Int
    }

    func number(_ ref: DerivedFigure.Reference, at location: SourceLocation) -> Result<NumericCell, Diagnostic> {
        switch lookup(ref.dataset, ref.column, ref.key, reference: ref.text, at: location) {
        case .failure(let d): return .failure(d)
        case .success(let cell):
            let value = cell.column.values[cell.row]
            guard let v = value.number else {
                return .failure(.error(at: location, "\(ref.text) is '\(value.text)', not a number"))
            }
            let text = value.text
            let decimals = text.firstIndex(of: ".").map { text.distance(from: $0, to: text.endIndex) - 1 } ?? 0
            return .success(NumericCell(cell: cell, value: v, text: NumberFormat.exact.format(value), decimals: decimals))
        }
    }

    /// `change(…)`, `diff(…)` or `ratio(…)` computed; `formatName` (after `|`) applies to `diff`.
    func derive(_ figure: DerivedFigure, at location: SourceLocation) -> Result<(value: Double, text: String, to: NumericCell), Diagnostic> {
        let a: NumericCell, b: NumericCell
        switch number(figure.from, at: location) {
        case .failure(let d): return .failure(d)
        case .success(let x): a = x
        }
        switch number(figure.to, at: location) {
        case .failure(let d): return .failure(d)
        case .success(let x): b = x
        }
        switch figure.value(from: a.value, to: b.value) {
        case .failure(let message): return .failure(.error(at: location, message.text))
        case .success(let v): return .success((v, figure.text(v, decimals: max(a.decimals, b.decimals)), b))
        }
    }

    /// `@change(dataset.column, from, to)` and its kin as a resolved figure, or nil when
    /// `reference` is not a derived figure.
    func resolveDerived(_ reference: String, at location: SourceLocation) -> Result<ResolvedFigure, Diagnostic>? {
        var body = Substring(reference)
        var formatName: String?
        if let bar = body.lastIndex(of: "|"), let close = body.lastIndex(of: ")"), bar > close {
            formatName = String(body[body.index(after: bar)...]).trimmingSpaces
            body = body[..<bar]
        }
        guard let parsed = DerivedFigure.parse(String(body)) else { return nil }
        let figure: DerivedFigure
        switch parsed {
        case .failure(let message): return .failure(.error(at: location, message.text))
        case .success(let f): figure = f
        }
        switch derive(figure, at: location) {
        case .failure(let d): return .failure(d)
        case .success(let result):
            // Written as the page's language writes it: its per cent, digits and grouping.
            var shown = figure.kind == .change ? NumberFormat.percent.localize(result.text, in: text) : text.number(result.text)
            if let formatName {
                guard figure.kind == .diff else {
                    return .failure(.error(at: location, "a format applies to @diff only; @\(figure.kind.rawValue) prints \(figure.kind == .change ? "a signed percent" : "a plain ratio")"))
                }
                guard let format = NumberFormat(name: formatName) else {
                    return .failure(.error(at: location, "unknown format '\(formatName)'",
                                           hint: Suggestion.hint(for: formatName, in: NumberFormat.names)))
                }
                if format != .exact { shown = format.localize(format.format(result.value), in: text) }
            }
            let cell = result.to.cell
            let what = text.format("figure.derived_" + figure.kind.rawValue, ["from": figure.from.key, "to": figure.to.key])
            return .success(ResolvedFigure(
                dataset: figure.from.dataset, text: shown,
                title: "\(cell.dataset.metadata.title): \(cell.column.displayName), \(what)",
                row: cell.row, lowConfidence: Self.isLowConfidence(cell.dataset, row: cell.row)))
        }
    }

    /// Whether a row's figure is marked low confidence: its `confidence` cell when the dataset
    /// has that column and the cell is filled, else the dataset's `confidence:`.
    static func isLowConfidence(_ dataset: Dataset, row: Int) -> Bool {
        var judgement = dataset.metadata.confidence ?? ""
        if let column = dataset.column(named: "confidence"), row < column.values.count, !column.values[row].isMissing {
            judgement = column.values[row].text
        }
        return judgement.trimmingSpaces.lowercased().hasPrefix("low")
    }

    /// The link from a figure to its row on the dataset page (its page of a paged table): the
    /// page's route and the row's `#fragment`.
    static func rowLink(dataset name: String, _ dataset: Dataset, row: Int?) -> (route: Route, fragment: String) {
        guard let row, row < TablePage.pageRows * TablePage.maxPages else { return (.dataset(name), "") }
        let key = dataset.columns.first?.values[row].text ?? ""
        return (.dataset(name, page: row / TablePage.pageRows + 1), "#" + DatasetTable.rowAnchor(key, row: row))
    }

    /// Checks every claim of a `claims` fence whose text is `literal`; the fence's content
    /// starts on `firstLine`, `columnOffset` columns in. Returns the problems and the datasets read.
    func checkClaims(_ literal: String, firstLine: Int, columnOffset: Int, path: String) -> (diagnostics: [Diagnostic], datasets: [String]) {
        var diagnostics: [Diagnostic] = []
        var used: [String] = []
        for (n, raw) in literal.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            let line = String(raw)
            let trimmed = line.trimmingSpaces
            if trimmed.isEmpty || trimmed.hasPrefix("#") { continue }
            let lead = line.prefix { $0 == " " || $0 == "\t" }.count
            func at(_ offset: Int) -> SourceLocation {
                SourceLocation(path: path, line: firstLine + n, column: columnOffset + offset + 1)
            }
            let claim: Claim
            do {
                claim = try Claim.parse(line)
            } catch {
                diagnostics.append(.error(at: at(max(error.offset, lead)), "malformed claim: \(error.message)"))
                continue
            }
            var figures: [(String, String)] = []
            var failed = false
            func evaluate(_ e: Claim.Expression) -> Double? {
                switch e {
                case .number(let v): return v
                case .negate(let inner): return evaluate(inner).map { -$0 }
                case .binary(let op, let a, let b):
                    guard let x = evaluate(a), let y = evaluate(b) else { return nil }
                    switch op {
                    case "+": return x + y
                    case "-": return x - y
                    case "*": return x * y
                    default:
                        guard y != 0 else {
                            diagnostics.append(.error(at: at(lead), "the claim divides by zero"))
                            failed = true
                            return nil
                        }
                        return x / y
                    }
                case .figure(let ref, let offset):
                    switch number(ref, at: at(offset)) {
                    case .failure(let d): diagnostics.append(d); failed = true; return nil
                    case .success(let cell):
                        if !used.contains(ref.dataset) { used.append(ref.dataset) }
                        figures.append((ref.text, cell.text))
                        return cell.value
                    }
                case .derived(let figure, let offset):
                    switch derive(figure, at: at(offset)) {
                    case .failure(let d): diagnostics.append(d); failed = true; return nil
                    case .success(let result):
                        if !used.contains(figure.from.dataset) { used.append(figure.from.dataset) }
                        figures.append(("\(figure.kind.rawValue)(\(figure.from.dataset).\(figure.from.column), \(figure.from.key), \(figure.to.key))",
                                        Self.claimNumber(result.value)))
                        return result.value
                    }
                }
            }
            let left = evaluate(claim.left), right = evaluate(claim.right)
            guard !failed, let left, let right else { continue }
            if !claim.comparison.holds(left, right) {
                var seen = Set<String>()
                let named = figures.filter { seen.insert($0.0).inserted }.map { "\($0.0) = \($0.1)" }.joined(separator: ", ")
                diagnostics.append(.error(
                    at: at(lead),
                    "claim is false: \(Self.claimNumber(left)) \(claim.comparison.negated) \(Self.claimNumber(right))"
                        + (named.isEmpty ? "" : " (\(named))"),
                    hint: "correct the prose and this claim to what the data says, or check the data"))
            }
        }
        return (diagnostics, used)
    }

    /// A side of a claim in a message: up to four decimals, grouped.
    static func claimNumber(_ v: Double) -> String {
        let rounded = NumberFormat.fixed(v, decimals: 4)
        guard rounded.contains(".") else { return rounded }
        var s = Substring(rounded)
        while s.hasSuffix("0") { s = s.dropLast() }
        if s.hasSuffix(".") { s = s.dropLast() }
        return String(s)
    }
}

extension BodyRenderer {
    /// The sentence of `line` that holds the 1-based byte column `column`: from after the last
    /// ". " (or "! ", "? ") before it to the next one after it, with `fill` applied (figures
    /// resolved) and Markdown emphasis marks dropped.
    /// Where the sentences of `bytes` start after the first: just past each ". ", "! " or "? "
    /// (a figure's code span holds no ". ": keys and names have no spaces after a dot). One pass
    /// per paragraph, however many figures it holds.
    static func sentenceStarts(in bytes: [UInt8]) -> [Int] {
        var starts: [Int] = []
        var i = 0
        while i + 1 < bytes.count {
            if (bytes[i] == 0x2E || bytes[i] == 0x21 || bytes[i] == 0x3F) && bytes[i + 1] == 0x20 { starts.append(i + 1) }
            i += 1
        }
        return starts
    }

    /// Where the sentence around byte column `column` of `bytes` starts and ends (found in
    /// `starts`, from `sentenceStarts`), and whether it was cut: a sentence reaching more than
    /// `sentenceReach` bytes from the figure is cut on a block boundary (then a space), so the
    /// figures of one block share one sentence and it is filled in once.
    static func sentenceRange(in bytes: [UInt8], starts: [Int], atColumn column: Int) -> (range: Range<Int>, cutBefore: Bool, cutAfter: Bool) {
        let at = min(max(0, column - 1), bytes.count)
        // The first start after `at`, by binary search.
        var low = 0, high = starts.count
        while low < high {
            let mid = (low + high) / 2
            if starts[mid] <= at { low = mid + 1 } else { high = mid }
        }
        var start = low > 0 ? starts[low - 1] : 0
        var end = low < starts.count ? starts[low] : bytes.count
        let block = at / sentenceReach * sentenceReach
        let cutBefore = at - start > sentenceReach
        if cutBefore {
            start = block
            while start < at, bytes[start] != 0x20 { start += 1 }
        }
        let cutAfter = end - at > sentenceReach
        if cutAfter {
            end = max(at, min(bytes.count, block + 2 * sentenceReach))
            while end > at, bytes[end - 1] != 0x20 { end -= 1 }
        }
        return (start..<end, cutBefore, cutAfter)
    }

    /// The sentence `range` of `bytes` as a reader sees it: figures filled in by `fill`, list and
    /// quote markers, emphasis and link targets dropped, a cut side marked with "…".
    static func sentence(in bytes: [UInt8], _ range: Range<Int>, cutBefore: Bool, cutAfter: Bool,
                         fill: (String) -> String) -> String {
        var text = String(decoding: bytes[range], as: UTF8.self).trimmingSpaces
        if text.hasPrefix("- ") || text.hasPrefix("* ") || text.hasPrefix("> ") { text = String(text.dropFirst(2)) }
        text = fill(text)
        text = linkTexts(String(text.filter { $0 != "*" }))
        return (cutBefore ? "…" : "") + text + (cutAfter ? "…" : "")
    }

    /// How far a figure's sentence is looked for on each side, in bytes.
    static let sentenceReach = 1_000

    static let linkReach = 2_000

    /// `[text](url)` as `text`: the sentence as a reader sees it.
    static func linkTexts(_ s: String) -> String {
        let chars = Array(s)
        var out = ""
        var i = 0
        while i < chars.count {
            // The link's text and URL are looked for within a bounded reach, so a line of
            // unclosed brackets costs each one a window, not the rest of the line.
            if chars[i] == "[", let close = chars[(i + 1)..<min(chars.count, i + 1 + linkReach)].firstIndex(of: "]"),
               close + 1 < chars.count, chars[close + 1] == "(",
               let end = chars[(close + 2)..<min(chars.count, close + 2 + linkReach)].firstIndex(of: ")") {
                out += String(chars[(i + 1)..<close])
                i = end + 1
                continue
            }
            out.append(chars[i])
            i += 1
        }
        return out
    }
}
