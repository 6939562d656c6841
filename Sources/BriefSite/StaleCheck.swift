import BriefData
import BriefDiagnostics

/// `brief check --stale`: datasets whose source has likely published newer figures since they
/// were retrieved, from `retrieved:` and `release:` in their metadata, with the briefs using them.
public struct StaleDataset: Sendable, Equatable {
    public var name: String
    public var title: String
    /// The metadata file, and the line of its `retrieved:` (1 when absent).
    public var location: SourceLocation
    public var retrieved: String
    public var release: String
    /// Days from retrieval to `today`.
    public var age: Int
    /// Days after which the cadence expects a newer release.
    public var limit: Int
    /// Brief files that use the dataset, sorted.
    public var briefs: [String]

    public var message: String {
        "dataset '\(name)' was retrieved \(retrieved), \(age) days ago; its source publishes \(release), so newer figures are likely out"
            + (briefs.isEmpty ? "" : " (used by \(briefs.joined(separator: ", ")))")
    }
}

public enum StaleCheck {
    /// Every dataset of the built content that is likely out of date on `today`, by name.
    /// Datasets without `release:` or `retrieved:`, or released irregularly, are never listed.
    public static func run(_ fs: FileSystem, options: BuildOptions, today: CalendarDate) -> (stale: [StaleDataset], diagnostics: [Diagnostic]) {
        let builder = IncrementalBuilder(fs: fs, options: options, keepOutputs: true)
        let result = builder.build()
        guard result.succeeded else { return ([], result.diagnostics) }
        var out: [StaleDataset] = []
        for name in builder.lastDatasets.keys.sorted() {
            guard let dataset = builder.lastDatasets[name] else { continue }
            let m = dataset.metadata
            guard let release = m.release, let limit = release.staleAfterDays, let retrieved = m.retrieved,
                  let date = CalendarDate(parsing: retrieved), date.day != nil, today.day != nil else { continue }
            let age = today.daysSinceEpoch - date.daysSinceEpoch
            guard age > limit else { continue }
            let text = builder.lastTexts[m.path] ?? ""
            var line = 1
            for (n, l) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() where l.hasPrefix("retrieved:") {
                line = n + 1
                break
            }
            out.append(StaleDataset(name: name, title: m.title, location: SourceLocation(path: m.path, line: line, column: 1),
                                    retrieved: retrieved, release: release.rawValue, age: age, limit: limit,
                                    briefs: (builder.lastUsage[name] ?? []).sorted()))
        }
        return (out, result.diagnostics)
    }
}
