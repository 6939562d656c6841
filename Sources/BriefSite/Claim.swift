import BriefCharts

/// One line of a ```` ```claims ```` fence: two expressions over figure references
/// (`dataset.column[key]`), derived figures (`change(…)`, `diff(…)`, `ratio(…)`), numbers,
/// `+ - * /` and parentheses, compared with `<`, `<=`, `>`, `>=`, `==` or `!=`.
/// `sbp_trade_with_us.balance[FY2021-22] > 2 * sbp_trade_with_us.balance[FY2019-20]`.
struct Claim: Equatable {
    enum Comparison: String, CaseIterable {
        case less = "<", lessOrEqual = "<=", greater = ">", greaterOrEqual = ">=", equal = "==", notEqual = "!="

        /// How a false claim is read back: "is not greater than".
        var negated: String {
            switch self {
            case .less: "is not less than"
            case .lessOrEqual: "is not at most"
            case .greater: "is not greater than"
            case .greaterOrEqual: "is not at least"
            case .equal: "is not equal to"
            case .notEqual: "is equal to"
            }
        }

        func holds(_ a: Double, _ b: Double) -> Bool {
            // Equal within rounding of the decimal inputs (0.1 + 0.2 == 0.3).
            let close = abs(a - b) <= 1e-9 * max(1, abs(a), abs(b))
            switch self {
            case .less: return a < b && !close
            case .lessOrEqual: return a < b || close
            case .greater: return a > b && !close
            case .greaterOrEqual: return a > b || close
            case .equal: return close
            case .notEqual: return !close
            }
        }
    }

    indirect enum Expression: Equatable {
        case number(Double)
        /// `dataset.column[key]`, with its offset in the line.
        case figure(DerivedFigure.Reference, offset: Int)
        /// `change(dataset.column, from, to)` and its kin.
        case derived(DerivedFigure, offset: Int)
        case negate(Expression)
        case binary(Character, Expression, Expression)
    }

    var left: Expression
    var comparison: Comparison
    var right: Expression

    struct SyntaxError: Error, Equatable {
        var message: String
        /// Offset in Characters of the line.
        var offset: Int
    }

    /// Parses one line of the fence.
    static func parse(_ line: String) throws(SyntaxError) -> Claim {
        var parser = Parser(chars: Array(line))
        let left = try parser.expression()
        parser.skipSpaces()
        guard let comparison = parser.comparison() else {
            if parser.atEnd {
                throw SyntaxError(message: "a claim compares two sides with <, <=, >, >=, == or !=", offset: 0)
            }
            throw SyntaxError(message: "expected a comparison (<, <=, >, >=, == or !=) or an operator (+ - * /), not '\(parser.chars[parser.i])'", offset: parser.i)
        }
        let right = try parser.expression()
        parser.skipSpaces()
        guard parser.atEnd else {
            throw SyntaxError(message: "unexpected '\(parser.chars[parser.i])' after the claim", offset: parser.i)
        }
        return Claim(left: left, comparison: comparison, right: right)
    }

    private struct Parser {
        let chars: [Character]
        var i = 0
        /// Nesting of parentheses and signs: bounded, so no line can exhaust the stack.
        var depth = 0
        var atEnd: Bool { i >= chars.count }

        mutating func skipSpaces() { while i < chars.count, chars[i] == " " || chars[i] == "\t" { i += 1 } }

        mutating func comparison() -> Comparison? {
            for op in [Comparison.lessOrEqual, .greaterOrEqual, .equal, .notEqual, .less, .greater] {
                let symbol = Array(op.rawValue)
                if i + symbol.count <= chars.count, Array(chars[i..<(i + symbol.count)]) == symbol {
                    i += symbol.count
                    return op
                }
            }
            if i < chars.count, chars[i] == "=" { i += 1; return .equal }
            return nil
        }

        mutating func expression() throws(SyntaxError) -> Expression {
            var value = try term()
            while true {
                skipSpaces()
                guard i < chars.count, chars[i] == "+" || chars[i] == "-" else { return value }
                let op = chars[i]
                i += 1
                value = .binary(op, value, try term())
            }
        }

        mutating func term() throws(SyntaxError) -> Expression {
            var value = try factor()
            while true {
                skipSpaces()
                guard i < chars.count, chars[i] == "*" || chars[i] == "/" || chars[i] == "×" else { return value }
                let op: Character = chars[i] == "/" ? "/" : "*"
                i += 1
                value = .binary(op, value, try factor())
            }
        }

        mutating func factor() throws(SyntaxError) -> Expression {
            depth += 1
            defer { depth -= 1 }
            guard depth <= 32 else { throw SyntaxError(message: "the claim nests more than 32 deep", offset: i) }
            skipSpaces()
            guard i < chars.count else { throw SyntaxError(message: "the claim ends where a figure or number was expected", offset: chars.count) }
            let c = chars[i]
            if c == "-" || c == "\u{2212}" {
                i += 1
                return .negate(try factor())
            }
            if c == "(" {
                let open = i
                i += 1
                let inner = try expression()
                skipSpaces()
                guard i < chars.count, chars[i] == ")" else { throw SyntaxError(message: "'(' is not closed", offset: open) }
                i += 1
                return inner
            }
            if c.isASCII, c.isNumber || c == "." {
                let start = i
                while i < chars.count, chars[i].isASCII, chars[i].isNumber || chars[i] == "." || chars[i] == "_" { i += 1 }
                let text = String(chars[start..<i]).filter { $0 != "_" }
                guard let v = Double(text), text.filter({ $0 == "." }).count <= 1, !text.hasSuffix(".") else {
                    throw SyntaxError(message: "'\(text)' is not a number", offset: start)
                }
                if i < chars.count, chars[i] == "%" { i += 1 }
                return .number(v)
            }
            guard c.isLetter || c.isNumber || c == "_" else {
                throw SyntaxError(message: "expected a figure (dataset.column[key]), a number or '(', not '\(c)'", offset: i)
            }
            let start = i
            while i < chars.count, chars[i].isLetter || chars[i].isNumber || chars[i] == "_" || chars[i] == "-" || chars[i] == "." { i += 1 }
            let word = String(chars[start..<i])
            if i < chars.count, chars[i] == "(", let kind = DerivedFigure.Kind(rawValue: word) {
                let open = i
                var depth = 0
                while i < chars.count {
                    if chars[i] == "(" { depth += 1 }
                    if chars[i] == ")" { depth -= 1; if depth == 0 { break } }
                    i += 1
                }
                guard i < chars.count else { throw SyntaxError(message: "'(' is not closed", offset: open) }
                let arguments = String(chars[(open + 1)..<i])
                i += 1
                switch DerivedFigure.parseArguments(kind, arguments) {
                case .success(let figure): return .derived(figure, offset: start)
                case .failure(let message): throw SyntaxError(message: message.text, offset: start)
                }
            }
            guard i < chars.count, chars[i] == "[" else {
                throw SyntaxError(message: "'\(word)' is not a figure: write dataset.column[key], or change(…), diff(…) or ratio(…)", offset: start)
            }
            guard let close = chars[i...].firstIndex(of: "]") else { throw SyntaxError(message: "'[' is not closed", offset: i) }
            let key = String(chars[(i + 1)..<close]).trimmingSpaces
            i = close + 1
            guard let dot = word.firstIndex(of: "."), !word[..<dot].isEmpty, !word[word.index(after: dot)...].isEmpty else {
                throw SyntaxError(message: "a figure in a claim is written dataset.column[key], not '\(word)[\(key)]'", offset: start)
            }
            return .figure(DerivedFigure.Reference(dataset: String(word[..<dot]), column: String(word[word.index(after: dot)...]), key: key),
                           offset: start)
        }
    }
}

/// `@change(dataset.column, from_key, to_key)`, `@diff(…)` and `@ratio(…)`: a figure computed
/// from two rows of one column.
struct DerivedFigure: Equatable {
    /// Why a derived figure cannot be read or computed.
    struct Message: Error, Equatable { var text: String }

    enum Kind: String, CaseIterable {
        /// Percent change from the first row to the second, one decimal, signed: "+35.1%".
        case change
        /// The second row minus the first, in the column's unit.
        case diff
        /// The second row divided by the first, two decimals at most: "2.29", "1.5".
        case ratio
    }

    struct Reference: Equatable, Hashable {
        var dataset: String
        var column: String
        var key: String
        var text: String { "\(dataset).\(column)[\(key)]" }
    }

    var kind: Kind
    var from: Reference
    var to: Reference

    /// The inside of `kind(…)`: `dataset.column, from_key, to_key`.
    static func parseArguments(_ kind: Kind, _ text: String) -> Result<DerivedFigure, Message> {
        let parts = text.split(separator: ",", omittingEmptySubsequences: false).map { String($0).trimmingSpaces }
        let usage = "write \(kind.rawValue)(dataset.column, from_key, to_key)"
        guard parts.count == 3, !parts.contains(where: \.isEmpty) else {
            return .failure(Message(text: "\(kind.rawValue)(…) takes a column and two row keys: \(usage)"))
        }
        let column = parts[0]
        guard let dot = column.firstIndex(of: "."), !column[..<dot].isEmpty, !column[column.index(after: dot)...].isEmpty,
              !column.contains("["), !column.contains("/")
        else {
            return .failure(Message(text: "'\(column)' is not a column: \(usage)"))
        }
        let dataset = String(column[..<dot]), name = String(column[column.index(after: dot)...])
        return .success(DerivedFigure(kind: kind, from: Reference(dataset: dataset, column: name, key: parts[1]),
                                      to: Reference(dataset: dataset, column: name, key: parts[2])))
    }

    /// `reference` (after the `@`) as a derived figure, nil when it is not one, or a message.
    static func parse(_ reference: String) -> Result<DerivedFigure, Message>? {
        guard let open = reference.firstIndex(of: "("), let kind = Kind(rawValue: String(reference[..<open])) else { return nil }
        guard reference.hasSuffix(")") else {
            return .failure(Message(text: "`@\(reference)` is not closed: write `@\(kind.rawValue)(dataset.column, from_key, to_key)`"))
        }
        return parseArguments(kind, String(reference[reference.index(after: open)..<reference.index(before: reference.endIndex)]))
    }

    /// The value from the two rows' values, or why there is none.
    func value(from a: Double, to b: Double) -> Result<Double, Message> {
        switch kind {
        case .diff: return .success(b - a)
        case .change:
            guard a != 0 else { return .failure(Message(text: "change from \(from.key) is undefined: its value is 0")) }
            return .success((b - a) / abs(a) * 100)
        case .ratio:
            guard a != 0 else { return .failure(Message(text: "ratio to \(from.key) is undefined: its value is 0")) }
            return .success(b / a)
        }
    }

    /// The value as prose prints it. `decimals` is the most decimals either source cell has.
    func text(_ v: Double, decimals: Int) -> String {
        switch kind {
        case .change: return NumberFormat.fixed(v, decimals: 1, plus: true) + "%"
        case .ratio: return NumberFormat.fixed(v, decimals: 2, trim: true)
        case .diff: return NumberFormat.fixed(v, decimals: decimals, trim: true)
        }
    }
}
