/// The version `brief --version` prints. Raise it with each release.
enum BriefVersion {
    static let current = "0.1.0"
}
