import BriefDiagnostics

/// Catches a misspelt command before ArgumentParser reads it as an argument to `build`.
enum CommandNames {
    /// The message for an unknown first word, or nil when the arguments are fine (an option, a
    /// known command, or nothing). `build`, the default command, takes no positional argument,
    /// so any other first word that is not an option is a command brief does not have.
    static func unknownCommandMessage(_ arguments: [String], known: [String]) -> String? {
        guard let first = arguments.first, !first.hasPrefix("-"), !known.contains(first) else { return nil }
        var message = "error: unknown command '\(first)'\n"
        if let close = Suggestion.closest(to: first, in: known) {
            message += "did you mean 'brief \(close)'?\n"
        }
        message += "the commands are: \(known.joined(separator: ", ")) (see brief --help)\n"
        return message
    }
}
