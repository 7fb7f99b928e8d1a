import MidstCore

/// What an import loads.
public enum ImportKind: String, CaseIterable, Sendable {
    case staff, needs, outcomes

    /// The table its records go to.
    var table: String {
        switch self {
        case .staff: "staff"
        case .needs: "need"
        case .outcomes: "outcome"
        }
    }
}

/// How an import treats bad records.
public struct ImportOptions: Sendable {
    /// The syntax of the file.
    public var format: ImportFormat
    /// The name used in messages (usually the path as given).
    public var fileName: String
    /// The delimiter of a CSV file (`--delimiter`); `nil` to take the one its header shows
    /// (``CSVDelimiter/detected(inHeaderOf:)``).
    public var delimiter: CSVDelimiter?
    /// The sheet of a workbook to read (`--sheet`); by default the first.
    public var sheet: String?
    /// Import the valid records and report the others, instead of importing nothing.
    public var skipsInvalid = false
    /// Validate only; write nothing.
    public var isDryRun = false
    /// Read past unknown CSV columns and JSON keys (`--ignore-unknown-columns`) instead of
    /// refusing the file; they are listed in ``ImportSummary/ignoredColumns``.
    public var ignoresUnknownColumns = false
    /// Apply a record even when it is older than the stored one (`--force`). A record never
    /// gives back consent withdrawn after its date, even so.
    public var appliesOlderRecords = false
    /// The `updated_at` of records that carry none.
    public var now: Timestamp
    /// The day the import takes as today (`$MIDST_AS_OF` in the CLI; by default the day of
    /// ``now``): a record dated more than ``DateHorizon/skewDays`` after it is refused.
    public var today: CalendarDate
    /// Whether CSV rows already written the way Midst stores them are validated straight from
    /// their bytes (``PlainStaffValidator``). On by default; off, every row is decoded and goes
    /// through the full validator, which the tests and benchmarks compare against.
    public var readsPlainRows = true
    /// Files of at least this many bytes are bulk loads: when no other connection has the
    /// database open, they are written with a rollback journal instead of the WAL, so that each
    /// page is written once (see ``SingleWriteJournal``). 16 MiB is about 75,000 staff rows.
    public var bulkLoadBytes = 16 << 20
    /// The caller hands the file's bytes over and never reads them again (the CLI): once every
    /// record is written, the import gives their memory back to the system
    /// (``FileMemory/giveBack(_:)``; what the array's whole pages hold is then undefined), so
    /// the end of a large import (lookup rows, snapshot, commit) runs without the file in
    /// memory: about 160 MB less at the peak of a 1M-row staff file. Off by default.
    public var handsOverBytes = false
    /// Called now and then with (bytes read, total bytes), for a progress display.
    public var progress: (@Sendable (Int, Int) -> Void)?

    public init(format: ImportFormat, fileName: String, now: Timestamp) {
        self.format = format
        self.fileName = fileName
        self.now = now
        today = DateHorizon(now: now).today
    }

    /// The latest day a record may be dated.
    var horizon: DateHorizon { DateHorizon(today: today) }
}

/// A record left out of an import, with every reason.
public struct RejectedRecord: Sendable {
    public var line: Int
    /// The original fields (CSV) or line (JSON Lines).
    public var original: [String]
    package var issues: [ImportIssue]
}

/// What an import did.
public struct ImportSummary: Sendable {
    public var kind: ImportKind
    public var fileName: String
    /// The CSV or sheet header as written (for a rejects file), `nil` for JSON Lines.
    public var header: [String]?
    /// The delimiter the CSV file was read with (given or detected), `nil` for JSON Lines.
    public var delimiter: CSVDelimiter?
    /// The encoding the file was read in (UTF-16 files are transcoded to UTF-8 first).
    public var encoding = TextEncoding.utf8
    /// Unknown CSV columns read past (``ImportOptions/ignoresUnknownColumns``).
    public var ignoredColumns: [String] = []
    /// Records read from the file.
    public var records = 0
    /// Records new to the database (or that would be, in a dry run).
    public var inserted = 0
    /// Records that replaced one with the same id.
    public var updated = 0
    /// Records validated straight from their bytes (``ImportOptions/readsPlainRows``).
    public var plainRecords = 0
    /// Records left out, in file order.
    public var rejected: [RejectedRecord] = []
    /// What was imported but may not do what the file meant (a partner Midst cannot find, a team member whose dates differ from the team's), in
    /// file order.
    package var warnings: [ImportIssue] = []
    /// Whether nothing was written.
    public var isDryRun = false
    /// Whether the import ran as a bulk load with a rollback journal (see
    /// ``ImportOptions/bulkLoadBytes``).
    public var isBulkLoad = false
    /// Wall-clock seconds of the whole import: reading, validating, writing, committing and
    /// copying the new pages into the database file (checkpoint).
    public var seconds = 0.0
}
