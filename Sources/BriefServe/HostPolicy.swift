/// Which Host and Origin headers the preview server answers: its own names only. Checking Host
/// defeats DNS rebinding (a hostile name resolving to 127.0.0.1); checking Origin keeps other sites'
/// pages off the live-reload channel.
struct HostPolicy: Sendable {
    /// Lower-cased host names without port; IPv6 literals keep their brackets.
    let names: Set<String>
    /// localhost, 127.0.0.1 and [::1] always; `boundHost` (the `--host` value) as well.
    init(boundHost: String) {
        var names: Set<String> = ["localhost", "127.0.0.1", "[::1]"]
        let host = boundHost.lowercased()
        names.insert(host.contains(":") && !host.hasPrefix("[") ? "[\(host)]" : host)
        self.names = names
    }

    /// Whether a Host header names this server (any port). A missing header is refused.
    func allows(host header: String?) -> Bool {
        guard let header, let (name, _) = Self.split(authority: header) else { return false }
        return names.contains(name)
    }

    /// Whether an Origin header is the origin the page was served from: `http://` and exactly the
    /// (allowed) Host the request was sent to, as Hugo's live reload checks. `null`, other
    /// schemes, other names and other ports are refused.
    func allows(origin header: String, host: String?) -> Bool {
        let prefix = "http://"
        let text = header.lowercased()
        guard allows(host: host), let host, text.hasPrefix(prefix) else { return false }
        return String(text.dropFirst(prefix.count)) == host.lowercased()
    }

    /// `host[:port]` or `[v6][:port]` → (lower-cased host, port); nil when it is anything else.
    static func split(authority: String) -> (String, Int?)? {
        let text = authority.lowercased()
        var name: Substring
        var rest: Substring
        if text.hasPrefix("[") {
            guard let close = text.firstIndex(of: "]") else { return nil }
            name = text[...close]
            rest = text[text.index(after: close)...]
        } else if let colon = text.firstIndex(of: ":") {
            name = text[..<colon]
            rest = text[colon...]
        } else {
            name = text[...]
            rest = ""
        }
        guard !name.isEmpty, name.allSatisfy({ $0.isASCII && ($0.isLetter || $0.isNumber || "-.[]:".contains($0)) })
        else { return nil }
        if rest.isEmpty { return (String(name), nil) }
        guard rest.first == ":" else { return nil }
        let digits = rest.dropFirst()
        guard (1...5).contains(digits.count), digits.allSatisfy({ $0.isASCII && $0.isNumber }), let port = Int(digits)
        else { return nil }
        return (String(name), port)
    }
}
