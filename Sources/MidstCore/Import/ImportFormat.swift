/// The syntax of an import file.
public enum ImportFormat: String, CaseIterable, Sendable {
    case csv
    case jsonl

    /// The format a file name's extension implies (`.csv`, `.jsonl`, `.ndjson`), or `nil`.
    public init?(fileName: String) {
        let lowered = fileName.lowercased()
        if lowered.hasSuffix(".csv") {
            self = .csv
        } else if lowered.hasSuffix(".jsonl") || lowered.hasSuffix(".ndjson") {
            self = .jsonl
        } else {
            return nil
        }
    }
}
