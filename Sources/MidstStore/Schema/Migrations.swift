import GRDB
import MidstCore

/// The schema's history. A shipped migration is never edited, only followed by a new one; tables
/// are named by strings, not by app types, so that old migrations keep their meaning.
enum Migrations {
    static var migrator: DatabaseMigrator {
        var migrator = DatabaseMigrator()
        migrator.registerMigration("v1-staff-needs-outcomes", migrate: createStaffNeedsOutcomes)
        migrator.registerMigration("v2-import-log", migrate: createImportLog)
        migrator.registerMigration("v3-staff-generation", migrate: createStaffGeneration)
        migrator.registerMigration("v4-runs", migrate: createRuns)
        migrator.registerMigration("v5-secrets", migrate: createSecrets)
        migrator.registerMigration("v6-decisions", migrate: createDecisions)
        migrator.registerMigration("v7-run-rows-by-run", migrate: indexRunRowsByRun)
        migrator.registerMigration("v8-tie-kind-check", migrate: checkTieKindByComparison)
        migrator.registerMigration("v9-no-profession-index", migrate: dropProfessionIndex)
        migrator.registerMigration("v10-need-site", migrate: addNeedSite)
        migrator.registerMigration("v11-needs-v2", migrate: addNeedsV2Columns)
        migrator.registerMigration("v12-records-you-can-trust", migrate: makeRecordsTrustworthy)
        migrator.registerMigration("v13-nightly-loop", migrate: closeTheNightlyLoop)
        migrator.registerMigration("v14-withdrawals-anywhere", migrate: dateWithdrawalsAnywhere)
        migrator.registerMigration("v15-needs-v3", migrate: addNeedsV3Columns)
        migrator.registerMigration("v16-teams", migrate: addTeams)
        migrator.registerMigration("v17-outcome-exposure", migrate: addOutcomeExposure)
        // Numbered migrations go above: the component columns come last.
        for component in ScoreComponent.allCases where !shortlistColumnsOfV4.contains(component) {
            migrator.registerMigration("component-\(component.rawValue)") { db in
                try addShortlistColumn(for: component, db)
            }
        }
        return migrator
    }

    /// Staff with their specialties, country ties and languages; needs with their languages;
    /// outcomes. Codes are stored as text so that the plain `sqlite3` shell reads them.
    private static func createStaffNeedsOutcomes(_ db: Database) throws {
        try db.execute(
            sql: """
                -- specialties, countries and languages repeat the import syntax for reading;
                -- the staff_* tables below index them for lookups.
                CREATE TABLE staff (
                    staff_key INTEGER PRIMARY KEY,
                    id TEXT NOT NULL UNIQUE,
                    name TEXT,
                    email TEXT,
                    profession TEXT NOT NULL,
                    specialties TEXT NOT NULL,
                    seniority INTEGER NOT NULL CHECK (seniority BETWEEN 1 AND 5),
                    grade TEXT,
                    countries TEXT NOT NULL,
                    languages TEXT NOT NULL,
                    available_from TEXT,
                    available_to TEXT,
                    remote INTEGER NOT NULL CHECK (remote IN (0, 1)),
                    in_country INTEGER NOT NULL CHECK (in_country IN (0, 1)),
                    max_assignments INTEGER NOT NULL CHECK (max_assignments >= 0),
                    consent INTEGER NOT NULL CHECK (consent IN (0, 1)),
                    active INTEGER NOT NULL DEFAULT 1 CHECK (active IN (0, 1)),
                    employer TEXT,
                    placements INTEGER NOT NULL DEFAULT 0 CHECK (placements >= 0),
                    updated_at TEXT NOT NULL
                );
                CREATE INDEX staff_by_profession ON staff(profession);

                -- Lookup tables, each keyed by the code first so that the table is its own index
                -- (one B-tree per table keeps bulk imports fast). position 0 is the primary specialty.
                CREATE TABLE staff_specialty (
                    specialty TEXT NOT NULL,
                    staff_key INTEGER NOT NULL REFERENCES staff(staff_key) ON DELETE CASCADE,
                    position INTEGER NOT NULL,
                    PRIMARY KEY (specialty, staff_key)
                ) WITHOUT ROWID;

                CREATE TABLE staff_country_tie (
                    country TEXT NOT NULL,
                    kind TEXT NOT NULL
                        CHECK (kind IN ('nationality', 'birth', 'trained', 'worked', 'heritage')),
                    staff_key INTEGER NOT NULL REFERENCES staff(staff_key) ON DELETE CASCADE,
                    years INTEGER,
                    PRIMARY KEY (country, kind, staff_key)
                ) WITHOUT ROWID;

                -- level_rank orders levels: 1 = A1 … 6 = C2, 7 = native.
                CREATE TABLE staff_language (
                    language TEXT NOT NULL,
                    staff_key INTEGER NOT NULL REFERENCES staff(staff_key) ON DELETE CASCADE,
                    level TEXT NOT NULL,
                    level_rank INTEGER NOT NULL CHECK (level_rank BETWEEN 1 AND 7),
                    PRIMARY KEY (language, staff_key)
                ) WITHOUT ROWID;

                CREATE TABLE need (
                    need_key INTEGER PRIMARY KEY,
                    id TEXT NOT NULL UNIQUE,
                    partnership TEXT NOT NULL,
                    host_institution TEXT NOT NULL,
                    country TEXT NOT NULL,
                    profession TEXT NOT NULL,
                    specialty TEXT,
                    min_seniority INTEGER NOT NULL CHECK (min_seniority BETWEEN 1 AND 5),
                    start_date TEXT,
                    end_date TEXT,
                    mode TEXT NOT NULL CHECK (mode IN ('remote', 'in-country', 'either')),
                    slots INTEGER NOT NULL CHECK (slots >= 1),
                    priority INTEGER NOT NULL CHECK (priority BETWEEN 1 AND 5),
                    status TEXT NOT NULL CHECK (status IN ('open', 'filled', 'closed')),
                    description TEXT,
                    updated_at TEXT NOT NULL
                );
                CREATE INDEX need_by_status ON need(status);

                CREATE TABLE need_language (
                    need_key INTEGER NOT NULL REFERENCES need(need_key) ON DELETE CASCADE,
                    language TEXT NOT NULL,
                    is_required INTEGER NOT NULL CHECK (is_required IN (0, 1)),
                    min_level TEXT NOT NULL,
                    min_level_rank INTEGER NOT NULL CHECK (min_level_rank BETWEEN 1 AND 7),
                    PRIMARY KEY (need_key, language)
                ) WITHOUT ROWID;

                CREATE TABLE outcome (
                    need_key INTEGER NOT NULL REFERENCES need(need_key) ON DELETE CASCADE,
                    staff_key INTEGER NOT NULL REFERENCES staff(staff_key) ON DELETE CASCADE,
                    outcome TEXT NOT NULL
                        CHECK (outcome IN ('accepted', 'declined', 'no_response', 'completed')),
                    date TEXT NOT NULL,
                    PRIMARY KEY (need_key, staff_key, outcome)
                ) WITHOUT ROWID;
                CREATE INDEX outcome_by_staff ON outcome(staff_key);
                """)
    }

    /// One row per completed import: what was loaded, when, and the counts (never the content).
    private static func createImportLog(_ db: Database) throws {
        try db.execute(
            sql: """
                CREATE TABLE import_log (
                    import_key INTEGER PRIMARY KEY,
                    kind TEXT NOT NULL CHECK (kind IN ('staff', 'needs', 'outcomes')),
                    file_name TEXT NOT NULL,
                    imported_at TEXT NOT NULL,
                    records INTEGER NOT NULL,
                    inserted INTEGER NOT NULL,
                    updated INTEGER NOT NULL,
                    rejected INTEGER NOT NULL
                );
                """)
    }

    /// A counter bumped by every change to staff or outcomes, so that a compact staff snapshot
    /// built from an older state is recognised and rebuilt.
    private static func createStaffGeneration(_ db: Database) throws {
        try db.execute(
            sql: """
                CREATE TABLE staff_generation (generation INTEGER NOT NULL);
                INSERT INTO staff_generation (generation) VALUES (1);
                """)
    }

    /// Nightly runs: one row per run with its counts, totals and phase durations; the shortlist
    /// of every need with each component's raw value; the proposed assignment. A run's rows are
    /// written in the same transaction as its `completed` status, so readers never see half a run.
    private static func createRuns(_ db: Database) throws {
        try db.execute(
            sql: """
                CREATE TABLE run (
                    run_key INTEGER PRIMARY KEY,
                    started_at TEXT NOT NULL,
                    finished_at TEXT,
                    status TEXT NOT NULL CHECK (status IN ('completed', 'failed')),
                    failure TEXT,
                    note TEXT,
                    config_hash TEXT NOT NULL,
                    config TEXT NOT NULL,
                    solver TEXT NOT NULL CHECK (solver IN ('optimal', 'greedy')),
                    top_k INTEGER NOT NULL,
                    needs INTEGER NOT NULL DEFAULT 0,
                    eligible_staff INTEGER NOT NULL DEFAULT 0,
                    pairs_scored INTEGER NOT NULL DEFAULT 0,
                    edges INTEGER NOT NULL DEFAULT 0,
                    assigned INTEGER NOT NULL DEFAULT 0,
                    total_score REAL NOT NULL DEFAULT 0,
                    optimal_objective REAL NOT NULL DEFAULT 0,
                    greedy_objective REAL NOT NULL DEFAULT 0,
                    load_seconds REAL NOT NULL DEFAULT 0,
                    score_seconds REAL NOT NULL DEFAULT 0,
                    solve_seconds REAL NOT NULL DEFAULT 0,
                    write_seconds REAL NOT NULL DEFAULT 0
                );

                CREATE TABLE shortlist (
                    run_key INTEGER NOT NULL REFERENCES run(run_key) ON DELETE CASCADE,
                    need_key INTEGER NOT NULL REFERENCES need(need_key) ON DELETE CASCADE,
                    rank INTEGER NOT NULL,
                    staff_key INTEGER NOT NULL REFERENCES staff(staff_key) ON DELETE CASCADE,
                    score REAL NOT NULL,
                    specialty REAL NOT NULL,
                    country REAL NOT NULL,
                    language REAL NOT NULL,
                    seniority REAL NOT NULL,
                    availability REAL NOT NULL,
                    experience REAL NOT NULL,
                    PRIMARY KEY (run_key, need_key, rank)
                ) WITHOUT ROWID;
                CREATE INDEX shortlist_by_staff ON shortlist(staff_key);

                CREATE TABLE assignment (
                    run_key INTEGER NOT NULL REFERENCES run(run_key) ON DELETE CASCADE,
                    need_key INTEGER NOT NULL REFERENCES need(need_key) ON DELETE CASCADE,
                    staff_key INTEGER NOT NULL REFERENCES staff(staff_key) ON DELETE CASCADE,
                    score REAL NOT NULL,
                    PRIMARY KEY (run_key, need_key, staff_key)
                ) WITHOUT ROWID;
                CREATE INDEX assignment_by_staff ON assignment(staff_key);
                """)
    }

    /// Secrets the database keeps for itself, such as the key of pseudonymised exports.
    private static func createSecrets(_ db: Database) throws {
        try db.execute(
            sql: "CREATE TABLE secret (name TEXT PRIMARY KEY, value BLOB NOT NULL) WITHOUT ROWID")
    }

    /// Coordinators' decisions: a pinned pair is always proposed, an excluded one never.
    private static func createDecisions(_ db: Database) throws {
        try db.execute(
            sql: """
                CREATE TABLE decision (
                    need_key INTEGER NOT NULL REFERENCES need(need_key) ON DELETE CASCADE,
                    staff_key INTEGER NOT NULL REFERENCES staff(staff_key) ON DELETE CASCADE,
                    kind TEXT NOT NULL CHECK (kind IN ('pin', 'exclude')),
                    reason TEXT,
                    decided_at TEXT NOT NULL,
                    PRIMARY KEY (need_key, staff_key)
                ) WITHOUT ROWID;
                """)
    }

    /// A run's rows, found by person within each run. Indexed by person alone, every run's
    /// inserts landed all over an index that grows with each night (2 s of a 1M-staff run
    /// after 15 runs, BENCHMARKS.md); by (run, person) they append. Without a foreign key to
    /// `staff`, an insert does not look each person up either. Nothing deletes staff rows
    /// today; whatever comes to erase a person must first delete their rows here itself, run by
    /// run through this index, as no cascade will.
    private static func indexRunRowsByRun(_ db: Database) throws {
        try db.execute(
            sql: """
                CREATE TABLE shortlist_by_run (
                    run_key INTEGER NOT NULL REFERENCES run(run_key) ON DELETE CASCADE,
                    need_key INTEGER NOT NULL REFERENCES need(need_key) ON DELETE CASCADE,
                    rank INTEGER NOT NULL,
                    staff_key INTEGER NOT NULL,
                    score REAL NOT NULL,
                    specialty REAL NOT NULL,
                    country REAL NOT NULL,
                    language REAL NOT NULL,
                    seniority REAL NOT NULL,
                    availability REAL NOT NULL,
                    experience REAL NOT NULL,
                    PRIMARY KEY (run_key, need_key, rank)
                ) WITHOUT ROWID;
                INSERT INTO shortlist_by_run SELECT run_key, need_key, rank, staff_key, score,
                    specialty, country, language, seniority, availability, experience FROM shortlist;
                DROP TABLE shortlist;
                ALTER TABLE shortlist_by_run RENAME TO shortlist;
                CREATE INDEX shortlist_by_staff ON shortlist(run_key, staff_key);

                CREATE TABLE assignment_by_run (
                    run_key INTEGER NOT NULL REFERENCES run(run_key) ON DELETE CASCADE,
                    need_key INTEGER NOT NULL REFERENCES need(need_key) ON DELETE CASCADE,
                    staff_key INTEGER NOT NULL,
                    score REAL NOT NULL,
                    PRIMARY KEY (run_key, need_key, staff_key)
                ) WITHOUT ROWID;
                INSERT INTO assignment_by_run SELECT run_key, need_key, staff_key, score FROM assignment;
                DROP TABLE assignment;
                ALTER TABLE assignment_by_run RENAME TO assignment;
                CREATE INDEX assignment_by_staff ON assignment(run_key, staff_key);
                """)
    }

    /// The same check on a tie's kind, written as comparisons. SQLite evaluates a CHECK with an
    /// `IN (…)` list of strings by building a small temporary index for every row checked: 1.3 µs
    /// a row, about 2 s of a 1M-staff import (1.5M ties; measured with the `sqlite3` shell). The
    /// comparisons cost a tenth of that.
    private static func checkTieKindByComparison(_ db: Database) throws {
        try db.execute(
            sql: """
                CREATE TABLE staff_country_tie_checked (
                    country TEXT NOT NULL,
                    kind TEXT NOT NULL
                        CHECK (kind = 'nationality' OR kind = 'birth' OR kind = 'trained'
                            OR kind = 'worked' OR kind = 'heritage'),
                    staff_key INTEGER NOT NULL REFERENCES staff(staff_key) ON DELETE CASCADE,
                    years INTEGER,
                    PRIMARY KEY (country, kind, staff_key)
                ) WITHOUT ROWID;
                INSERT INTO staff_country_tie_checked SELECT country, kind, staff_key, years
                    FROM staff_country_tie;
                DROP TABLE staff_country_tie;
                ALTER TABLE staff_country_tie_checked RENAME TO staff_country_tie;
                """)
    }

    /// No index on profession. There are seven professions, each held by 2–35% of staff, so the
    /// index never narrows a search much: with it, SQLite answered a search by profession by
    /// sorting every member of the profession by id (60–250 ms at 1M staff); without it, it walks
    /// the id index and stops at the limit (1–2 ms). Keeping it up to date cost about 2 s of a
    /// 1M-staff import (BENCHMARKS.md).
    private static func dropProfessionIndex(_ db: Database) throws {
        try db.execute(sql: "DROP INDEX staff_by_profession")
    }

    /// A need's site: the town or hospital within the host country, kept and shown.
    private static func addNeedSite(_ db: Database) throws {
        try db.execute(sql: "ALTER TABLE need ADD COLUMN site TEXT")
    }

    /// Needs v2: the countries after the first (`;`-separated), the UK partner organisations
    /// (`;`-separated, as written), the minimum score, and the per-need specialty constraint
    /// (NULL: the configuration decides).
    private static func addNeedsV2Columns(_ db: Database) throws {
        try db.execute(
            sql: """
                ALTER TABLE need ADD COLUMN other_countries TEXT;
                ALTER TABLE need ADD COLUMN partners TEXT;
                ALTER TABLE need ADD COLUMN min_score REAL CHECK (min_score BETWEEN 0 AND 100);
                ALTER TABLE need ADD COLUMN require_specialty INTEGER
                    CHECK (require_specialty IN (0, 1));
                """)
    }

    /// Records you can trust (issue 12):
    /// - staff keys are never reused: the table is rebuilt with `AUTOINCREMENT`, so a key freed by
    ///   erasing a person is never given to anyone else, whoever inserts (Midst or another tool);
    /// - `consent_changed_at`: when consent last changed, so that no older record undoes it;
    /// - `consent_change`: every change of consent, with its time, reason and source;
    /// - triggers that bump the staff generation on any change to staff, outcomes or needs made
    ///   outside Midst (the `sqlite3` shell, another tool), so the next query and run see it.
    private static func makeRecordsTrustworthy(_ db: Database) throws {
        try db.execute(
            sql: """
                CREATE TABLE staff_rebuilt (
                    staff_key INTEGER PRIMARY KEY AUTOINCREMENT,
                    id TEXT NOT NULL UNIQUE,
                    name TEXT,
                    email TEXT,
                    profession TEXT NOT NULL,
                    specialties TEXT NOT NULL,
                    seniority INTEGER NOT NULL CHECK (seniority BETWEEN 1 AND 5),
                    grade TEXT,
                    countries TEXT NOT NULL,
                    languages TEXT NOT NULL,
                    available_from TEXT,
                    available_to TEXT,
                    remote INTEGER NOT NULL CHECK (remote IN (0, 1)),
                    in_country INTEGER NOT NULL CHECK (in_country IN (0, 1)),
                    max_assignments INTEGER NOT NULL CHECK (max_assignments >= 0),
                    consent INTEGER NOT NULL CHECK (consent IN (0, 1)),
                    active INTEGER NOT NULL DEFAULT 1 CHECK (active IN (0, 1)),
                    employer TEXT,
                    placements INTEGER NOT NULL DEFAULT 0 CHECK (placements >= 0),
                    updated_at TEXT NOT NULL,
                    consent_changed_at TEXT
                );
                INSERT INTO staff_rebuilt (staff_key, id, name, email, profession, specialties,
                    seniority, grade, countries, languages, available_from, available_to, remote,
                    in_country, max_assignments, consent, active, employer, placements, updated_at)
                SELECT staff_key, id, name, email, profession, specialties, seniority, grade,
                    countries, languages, available_from, available_to, remote, in_country,
                    max_assignments, consent, active, employer, placements, updated_at
                FROM staff ORDER BY staff_key;
                DROP TABLE staff;
                ALTER TABLE staff_rebuilt RENAME TO staff;

                CREATE TABLE consent_change (
                    staff_key INTEGER NOT NULL REFERENCES staff(staff_key) ON DELETE CASCADE,
                    changed_at TEXT NOT NULL,
                    consent INTEGER NOT NULL CHECK (consent IN (0, 1)),
                    reason TEXT,
                    source TEXT NOT NULL
                );
                CREATE INDEX consent_change_by_staff ON consent_change(staff_key);
                """)
        try GenerationTriggers.create(db)
    }

    /// The nightly loop (issue 21):
    /// - outcomes `asked` (awaiting an answer) and `withdrawn` (an acceptance taken back); the
    ///   check is written as comparisons (see ``checkTieKindByComparison``);
    /// - why and when a need's status last changed (`midst needs close --reason`);
    /// - the date a run was run as of (`midst run --as-of`), and why each proposed pair is
    ///   proposed: chosen by the solver, pinned, or an ask awaited;
    /// - a new staff generation: commitments now follow each pair's latest outcome, so every
    ///   snapshot built before is rebuilt.
    private static func closeTheNightlyLoop(_ db: Database) throws {
        try db.execute(
            sql: """
                CREATE TABLE outcome_v13 (
                    need_key INTEGER NOT NULL REFERENCES need(need_key) ON DELETE CASCADE,
                    staff_key INTEGER NOT NULL REFERENCES staff(staff_key) ON DELETE CASCADE,
                    outcome TEXT NOT NULL
                        CHECK (outcome = 'asked' OR outcome = 'no_response' OR outcome = 'declined'
                            OR outcome = 'accepted' OR outcome = 'withdrawn'
                            OR outcome = 'completed'),
                    date TEXT NOT NULL,
                    PRIMARY KEY (need_key, staff_key, outcome)
                ) WITHOUT ROWID;
                INSERT INTO outcome_v13 SELECT need_key, staff_key, outcome, date FROM outcome;
                DROP TABLE outcome;
                ALTER TABLE outcome_v13 RENAME TO outcome;
                CREATE INDEX outcome_by_staff ON outcome(staff_key);

                ALTER TABLE need ADD COLUMN status_reason TEXT;
                ALTER TABLE need ADD COLUMN status_changed_at TEXT;
                ALTER TABLE run ADD COLUMN as_of TEXT;
                ALTER TABLE assignment ADD COLUMN basis TEXT NOT NULL DEFAULT 'chosen'
                    CHECK (basis = 'chosen' OR basis = 'pinned' OR basis = 'asked');
                """)
        try GenerationTriggers.create(on: "outcome", db)
        try db.execute(sql: "UPDATE staff_generation SET generation = random()")
    }

    /// Teams (issue 24, item 1):
    /// - `need.team`: the id of the team a need belongs to (NULL: none), indexed for
    ///   `needs list --team` and for gathering a team's needs;
    /// - `need.team_languages`: the team's languages, `LANG:LEVEL;…`, the same on every member
    ///   (an import that names them sets them on the whole team);
    /// - `run.proposal_objective`: the objective of the pairs a run proposes, below
    ///   `optimal_objective` by the team repairs' losses (NULL for runs before teams);
    /// - `run_team`: how each team language came out of a run's proposal (docs/SCORING.md,
    ///   "Teams"), written with the run in its transaction: covered, repaired (with the need and
    ///   person pinned to cover it and the objective points that cost) or uncovered. The key
    ///   columns come first (SQLite 3.40's integrity_check misreads WITHOUT ROWID tables
    ///   otherwise); a person erased later leaves the line without its person.
    private static func addTeams(_ db: Database) throws {
        try db.execute(
            sql: """
                ALTER TABLE need ADD COLUMN team TEXT;
                ALTER TABLE need ADD COLUMN team_languages TEXT;
                CREATE INDEX need_by_team ON need(team) WHERE team IS NOT NULL;
                ALTER TABLE run ADD COLUMN proposal_objective REAL;
                CREATE TABLE run_team (
                    run_key INTEGER NOT NULL REFERENCES run(run_key) ON DELETE CASCADE,
                    team TEXT NOT NULL,
                    language TEXT NOT NULL,
                    min_level TEXT NOT NULL,
                    status TEXT NOT NULL CHECK (status IN ('covered', 'repaired', 'uncovered')),
                    need_key INTEGER REFERENCES need(need_key) ON DELETE SET NULL,
                    staff_key INTEGER REFERENCES staff(staff_key) ON DELETE SET NULL,
                    loss REAL NOT NULL DEFAULT 0,
                    PRIMARY KEY (run_key, team, language)
                ) WITHOUT ROWID;
                CREATE INDEX run_team_by_staff ON run_team(staff_key);
                CREATE INDEX run_team_by_need ON run_team(need_key);
                """)
    }

    /// Where each asked person stood in the ranking they were asked from (docs/TUNING.md,
    /// "Exposure"): one row per (need, person) pair, whatever its outcomes. `run_key` names the
    /// run it was read from; NULL when an outcomes file gave it.
    private static func addOutcomeExposure(_ db: Database) throws {
        try db.execute(
            sql: """
                CREATE TABLE outcome_exposure (
                    need_key INTEGER NOT NULL REFERENCES need(need_key) ON DELETE CASCADE,
                    staff_key INTEGER NOT NULL REFERENCES staff(staff_key) ON DELETE CASCADE,
                    rank INTEGER NOT NULL CHECK (rank >= 1),
                    score REAL CHECK (score BETWEEN 0 AND 100),
                    run_key INTEGER REFERENCES run(run_key) ON DELETE SET NULL,
                    PRIMARY KEY (need_key, staff_key)
                ) WITHOUT ROWID;
                CREATE INDEX outcome_exposure_by_staff ON outcome_exposure(staff_key);
                """)
    }

    /// Needs v3 (issue 24):
    /// - `need.skills_required`: `all` when a person must hold the need's skills as well as a
    ///   related specialty (NULL: `any`, as before);
    /// - `need_language.country`: the country whose site speaks a site language of a regional
    ///   need ('' for the main country and for required languages, so that it can be part of the
    ///   key: one language may be a site language in two of the need's countries). The key's
    ///   columns come first: SQLite 3.40's `integrity_check` misreads a `WITHOUT ROWID` table
    ///   whose key column follows others, reporting NULLs that are not there.
    private static func addNeedsV3Columns(_ db: Database) throws {
        try db.execute(
            sql: """
                ALTER TABLE need ADD COLUMN skills_required TEXT
                    CHECK (skills_required IN ('any', 'all'));
                CREATE TABLE need_language_v3 (
                    need_key INTEGER NOT NULL REFERENCES need(need_key) ON DELETE CASCADE,
                    language TEXT NOT NULL,
                    country TEXT NOT NULL DEFAULT '',
                    is_required INTEGER NOT NULL CHECK (is_required IN (0, 1)),
                    min_level TEXT NOT NULL,
                    min_level_rank INTEGER NOT NULL CHECK (min_level_rank BETWEEN 1 AND 7),
                    PRIMARY KEY (need_key, language, country)
                ) WITHOUT ROWID;
                INSERT INTO need_language_v3
                    (need_key, language, is_required, min_level, min_level_rank)
                    SELECT need_key, language, is_required, min_level, min_level_rank
                    FROM need_language;
                DROP TABLE need_language;
                ALTER TABLE need_language_v3 RENAME TO need_language;
                """)
    }

    /// Withdrawals made anywhere (issue 22): a withdrawal of consent made outside Midst (an
    /// `UPDATE staff SET consent = 0` in the `sqlite3` shell) is dated and recorded in the
    /// consent history like one made by `midst staff consent`, so that no later import of an
    /// older spreadsheet gives consent back. Midst's own writes set `consent` and
    /// `consent_changed_at` in one statement; an update that changes consent to 0 and leaves
    /// `consent_changed_at` as it was was made elsewhere, and is dated by the clock.
    private static func dateWithdrawalsAnywhere(_ db: Database) throws {
        try db.execute(
            sql: """
                CREATE TRIGGER staff_consent_withdrawn_outside AFTER UPDATE OF consent ON staff
                WHEN OLD.consent = 1 AND NEW.consent = 0
                    AND NEW.consent_changed_at IS OLD.consent_changed_at
                BEGIN
                    UPDATE staff SET consent_changed_at = strftime('%Y-%m-%dT%H:%M:%SZ', 'now')
                    WHERE staff_key = NEW.staff_key;
                    INSERT INTO consent_change (staff_key, changed_at, consent, reason, source)
                    VALUES (NEW.staff_key, strftime('%Y-%m-%dT%H:%M:%SZ', 'now'), 0, NULL,
                        'the database, outside Midst');
                END
                """)
    }

    /// The score components whose values v4 gave a column of `shortlist`.
    static let shortlistColumnsOfV4: Set<ScoreComponent> = [
        .specialty, .country, .language, .seniority, .availability, .experience,
    ]

    /// A `shortlist` column for a score component added after v4, named after it: a run keeps
    /// every component's value. Runs recorded before the component existed hold 0 for it. The
    /// name comes from ``ScoreComponent``'s cases, never from input.
    private static func addShortlistColumn(for component: ScoreComponent, _ db: Database) throws {
        try db.execute(
            sql: "ALTER TABLE shortlist ADD COLUMN \(component.rawValue) REAL NOT NULL DEFAULT 0")
    }
}
