/// One problem found in the input, printed like a compiler's.
public struct Diagnostic: Hashable, Sendable, Error, CustomStringConvertible {
    public enum Severity: String, Sendable, Hashable, Comparable {
        case error, warning, note
        public static func < (a: Severity, b: Severity) -> Bool {
            a.rank < b.rank
        }
        private var rank: Int {
            switch self {
            case .error: 0
            case .warning: 1
            case .note: 2
            }
        }
    }

    public var severity: Severity
    public var location: SourceLocation
    public var message: String
    /// A suggestion such as "did you mean 'exports'?".
    public var hint: String?
    /// The text of the line `location` points at, without its line end; filled in before printing.
    public var sourceLine: String?

    public init(
        _ severity: Severity = .error, at location: SourceLocation, _ message: String,
        hint: String? = nil, sourceLine: String? = nil
    ) {
        self.severity = severity
        self.location = location
        self.message = message
        self.hint = hint
        self.sourceLine = sourceLine
    }

    public static func error(at location: SourceLocation, _ message: String, hint: String? = nil) -> Diagnostic {
        Diagnostic(.error, at: location, message, hint: hint)
    }

    public static func warning(at location: SourceLocation, _ message: String, hint: String? = nil) -> Diagnostic {
        Diagnostic(.warning, at: location, message, hint: hint)
    }

    /// `path:line:col: error: message`, then the source line and a caret under the column.
    public var description: String { formatted() }

    public func formatted() -> String {
        var text = "\(location): \(severity.rawValue): \(message)"
        if let hint { text += " (\(hint))" }
        if let line = sourceLine {
            let shown = String(line.prefix(300))
            text += "\n" + shown + "\n"
            // Keep tabs in the caret line so the caret sits under the column in a terminal.
            let prefix = shown.prefix(max(0, location.column - 1))
            text += String(prefix.map { $0 == "\t" ? "\t" : " " }) + "^"
        }
        return text
    }
}

/// An error from one area of Brief that can say where and what went wrong.
public protocol DiagnosticConvertible: Error {
    var diagnostic: Diagnostic { get }
}

/// A failure carrying every diagnostic found, so a build reports all problems at once.
public struct DiagnosticError: Error, Sendable {
    public var diagnostics: [Diagnostic]
    public init(_ diagnostics: [Diagnostic]) { self.diagnostics = diagnostics }
}

extension Diagnostic: DiagnosticConvertible {
    public var diagnostic: Diagnostic { self }
}

extension Array where Element == Diagnostic {
    /// Diagnostics in a stable order: errors first (what stopped the build), then warnings;
    /// each by file, line, column and message.
    public func sortedForOutput() -> [Diagnostic] {
        sorted { a, b in
            if a.severity != b.severity { return a.severity < b.severity }
            if a.location != b.location { return a.location < b.location }
            return a.message < b.message
        }
    }

    public var hasErrors: Bool { contains { $0.severity == .error } }
}
