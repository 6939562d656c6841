/// A parsed YAML value that remembers where each part came from, so the modules that read
/// front matter, chart specs and dataset metadata can point errors at their line without
/// depending on a YAML library themselves (BriefSite converts Yams' nodes into this).
public indirect enum YAMLNode: Sendable, Hashable {
    /// A scalar's text as written (`quoted` when it was in quotes, so `"5"` is text, not a number).
    case scalar(String, quoted: Bool, at: SourceLocation)
    case sequence([YAMLNode], at: SourceLocation)
    case mapping([YAMLEntry], at: SourceLocation)
    case null(at: SourceLocation)

    public var location: SourceLocation {
        switch self {
        case .scalar(_, _, let at), .sequence(_, let at), .mapping(_, let at), .null(let at): at
        }
    }

    /// The scalar text, or nil for anything else.
    public var scalar: String? {
        if case .scalar(let s, _, _) = self { return s }
        return nil
    }

    public var entries: [YAMLEntry]? {
        if case .mapping(let e, _) = self { return e }
        return nil
    }

    public var items: [YAMLNode]? {
        if case .sequence(let i, _) = self { return i }
        return nil
    }

    public var isNull: Bool {
        if case .null = self { return true }
        return false
    }

    /// The value under `key` in a mapping.
    public subscript(key: String) -> YAMLNode? {
        entries?.first { $0.key == key }?.value
    }

    /// A short name of the kind of value, for messages ("a list", "text").
    public var kindName: String {
        switch self {
        case .scalar: "a single value"
        case .sequence: "a list"
        case .mapping: "a mapping"
        case .null: "nothing"
        }
    }
}

/// One `key: value` pair of a YAML mapping, with the key's own location.
public struct YAMLEntry: Sendable, Hashable {
    public var key: String
    public var keyLocation: SourceLocation
    public var value: YAMLNode

    public init(key: String, keyLocation: SourceLocation, value: YAMLNode) {
        self.key = key
        self.keyLocation = keyLocation
        self.value = value
    }
}
