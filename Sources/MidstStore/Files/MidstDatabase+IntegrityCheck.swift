import GRDB

extension MidstDatabase {
    /// SQLite's own check of the whole file: every page, every index entry (`integrity_check`),
    /// or without comparing indexes to their tables (`quick_check`, faster). Returns the
    /// problems found, at most `limit`; none means the file is sound.
    package func integrityProblems(full: Bool, limit: Int = 20) throws -> [String] {
        let problems = try read { db in
            try String.fetchAll(
                db, sql: "PRAGMA \(full ? "integrity_check" : "quick_check")(\(limit))")
        }
        return problems == ["ok"] ? [] : problems
    }
}
