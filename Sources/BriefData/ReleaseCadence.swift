/// How often a dataset's source publishes new figures (`release:` in its metadata).
public enum ReleaseCadence: String, Sendable, Hashable, CaseIterable {
    case monthly, quarterly, annual, irregular

    /// Days after retrieval by which a newer release is likely out: the period plus a grace
    /// for publication lags (a month's figures come about six weeks later). Irregular sources
    /// have none: they are never reported as stale.
    public var staleAfterDays: Int? {
        switch self {
        case .monthly: 45
        case .quarterly: 120
        case .annual: 400
        case .irregular: nil
        }
    }
}
