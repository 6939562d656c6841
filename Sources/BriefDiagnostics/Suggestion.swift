/// "Did you mean …" suggestions for misspelt names.
public enum Suggestion {
    /// The candidate closest to `name` by edit distance, if it is close enough to be a likely typo.
    public static func closest(to name: String, in candidates: [String]) -> String? {
        let target = Array(name.lowercased())
        var best: (distance: Int, candidate: String)?
        for candidate in candidates.sorted() {
            let d = editDistance(target, Array(candidate.lowercased()))
            if d < (best?.distance ?? Int.max) { best = (d, candidate) }
        }
        guard let best else { return nil }
        let limit = max(1, min(3, target.count / 3 + 1))
        return best.distance <= limit && best.distance > 0 ? best.candidate : nil
    }

    /// The hint text for `closest(to:in:)`, or nil.
    public static func hint(for name: String, in candidates: [String]) -> String? {
        closest(to: name, in: candidates).map { "did you mean '\($0)'?" }
    }

    static func editDistance(_ a: [Character], _ b: [Character]) -> Int {
        if a.isEmpty { return b.count }
        if b.isEmpty { return a.count }
        // Long names are never typos of each other; bound the work.
        if abs(a.count - b.count) > 3 || a.count > 200 || b.count > 200 { return Int.max / 2 }
        var previous = Array(0...b.count)
        var current = [Int](repeating: 0, count: b.count + 1)
        for i in 1...a.count {
            current[0] = i
            for j in 1...b.count {
                let cost = a[i - 1] == b[j - 1] ? 0 : 1
                current[j] = Swift.min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + cost)
            }
            swap(&previous, &current)
        }
        return previous[b.count]
    }
}
