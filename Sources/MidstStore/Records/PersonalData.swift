/// The registry of the tables that hold personal data, and what erasing a person does to each.
///
/// Every table of the schema is either here or in ``tablesWithoutPersonalData``; a test checks
/// that against the schema, so that a table added later cannot be forgotten by
/// ``MidstDatabase/forgetStaff(id:)``.
package enum PersonalData {
    /// What erasure does to a table's rows about the person.
    package enum Erasure: Sendable {
        /// The rows are deleted.
        case deleted
        /// The rows stay, so that past runs still add up, but point to an anonymous placeholder
        /// (a negative staff key no one has) instead of the person.
        case anonymised
    }

    /// Tables with a row per person (`staff`) or rows about a person, each by its `staff_key`
    /// column. `staff` comes last: the others are cleared before its row goes.
    package static let tables: [(name: String, erasure: Erasure)] = [
        ("staff_specialty", .deleted),
        ("staff_country_tie", .deleted),
        ("staff_language", .deleted),
        ("outcome", .deleted),
        ("outcome_exposure", .deleted),
        ("decision", .deleted),
        ("consent_change", .deleted),
        ("shortlist", .anonymised),
        ("assignment", .anonymised),
        ("run_team", .anonymised),
        ("staff", .deleted),
    ]

    /// Tables that hold no personal data: needs, counts, configuration, bookkeeping. A run's
    /// `note` and `failure` are written by coordinators and by Midst, which never puts a
    /// personal field in a message.
    package static let tablesWithoutPersonalData: Set<String> = [
        "need", "need_language", "import_log", "run", "staff_generation", "secret",
        "grdb_migrations", "sqlite_sequence",
    ]
}
