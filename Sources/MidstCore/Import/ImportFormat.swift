/// The syntax of an import file.
public enum ImportFormat: String, CaseIterable, Sendable {
    case csv
    case jsonl
    /// An Excel workbook (Office Open XML), read one sheet at a time.
    case xlsx

    /// The format a file name's extension implies (`.csv`, `.jsonl`, `.ndjson`, `.xlsx`), or
    /// `nil`.
    public init?(fileName: String) {
        let lowered = fileName.lowercased()
        if lowered.hasSuffix(".csv") {
            self = .csv
        } else if lowered.hasSuffix(".jsonl") || lowered.hasSuffix(".ndjson") {
            self = .jsonl
        } else if lowered.hasSuffix(".xlsx") {
            self = .xlsx
        } else {
            return nil
        }
    }
}
