import Foundation
import MidstCore

/// The nightly batch as one workflow (`midst run`): takes the database's batch lock, loads the
/// matchable staff, the open needs and the decisions, runs the core ``Batch`` and records the
/// run, or, when anything fails after the lock is taken, records a failed run and throws
/// ``NightlyRunFailure``. The CLI, the tests and the benchmarks call it; progress and warnings
/// are reported through a closure, never printed.
package struct NightlyRun: Sendable {
    /// What a run is asked to do: the inputs recorded with it.
    package struct Options: Sendable {
        /// Candidates kept per need (1 or more).
        package var top: Int
        package var solver: Batch.Solver
        /// A note recorded with the run.
        package var note: String?
        /// The scoring configuration in force.
        package var config: ScoringConfig
        /// Whether to wait for a batch already running on the database instead of failing.
        package var waits: Bool
        /// The run's date (``FollowUp/asOf``): needs ended before it are expired, asks and
        /// silences are counted to it, outcomes dated after it are not known yet. Nil: the day
        /// the run starts (UTC).
        package var asOf: CalendarDate?

        package init(
            top: Int = 20, solver: Batch.Solver = .optimal, note: String? = nil,
            config: ScoringConfig = ScoringConfig(), waits: Bool = false,
            asOf: CalendarDate? = nil
        ) {
            self.top = top
            self.solver = solver
            self.note = note
            self.config = config
            self.waits = waits
            self.asOf = asOf
        }
    }

    /// Something the run says about its data, to show on stderr; the run completes anyway.
    package enum Warning: Sendable, Equatable {
        /// No open need has a slot to fill: the run records empty shortlists.
        case noOpenNeeds
        /// Nobody consenting and active is matchable.
        case nobodyMatchable
        /// Needs were matched against matchable people and nobody was shortlisted for any of
        /// them: every pair failed a hard constraint or its need's minimum score.
        case nobodyShortlisted(needs: Int, people: Int)
        /// An ask awaited or a pin was not proposed, for the reason it gives.
        case setAside(Batch.Result.SetAside)
        /// Open needs whose end date is before the run's date: expired, not matched.
        case expired(needIDs: [String])
    }

    /// What the run is doing, in order, as it happens.
    package enum Event: Sendable {
        /// Another batch holds the lock (named by `holder`) and this run waits for it.
        case waitingForLock(holder: String)
        case loading
        /// `done` of `total` needs scored against `people` matchable people.
        case scoring(done: Int, total: Int, people: Int)
        /// The shortlists are made; the warnings follow as ``warning(_:)`` events.
        case scored
        case warning(Warning)
        case solving
        /// The run is being written (`midst run`: while the proposal is solved).
        case writing
        /// The run is recorded.
        case written
    }

    /// A recorded run and what the caller needs to show or report on it.
    package struct Outcome: Sendable {
        /// The run as recorded.
        package var record: RunRecord
        /// The people the run scored (for a report written by the run itself).
        package var table: StaffTable
        /// The warnings reported while the run worked, in order.
        package var warnings: [Warning]
    }

    package var options: Options

    package init(options: Options) { self.options = options }

    /// Runs the batch on `database` and records it (see the type's description).
    ///
    /// - Throws: ``StoreError/batchRunning(path:holder:)`` when another batch holds the lock
    ///   and `options.waits` is false (nothing is recorded); ``NightlyRunFailure`` when the run
    ///   failed after taking the lock (recorded as failed; the previous run stays the latest).
    package func run(
        on database: MidstDatabase, events: @escaping (Event) -> Void = { _ in }
    ) async throws -> Outcome {
        let lock = try BatchLock.acquire(forDatabaseAt: database.path, waits: options.waits) {
            events(.waitingForLock(holder: $0))
        }
        defer { withExtendedLifetime(lock) {} }
        let startedAt = Timestamp(secondsSince1970: Int(Date().timeIntervalSince1970))
        do {
            let (run, warnings) = try await shortlist(
                on: database, startedAt: startedAt, events: events)
            // The shortlists are final: they are written while the proposal is solved over them
            // on another core, in the one transaction that then takes the proposal.
            events(.solving)
            let proposing = Pending { run.shortlisted.propose() }
            // Waited for however the write ends, so that no solver outlives the run.
            defer { _ = proposing.value() }
            events(.writing)
            let runID = try database.recordRun(run) { proposing.value() }
            events(.written)
            guard let record = try database.run(String(runID)) else {
                throw StoreError.failed(path: database.path, reason: "run \(runID) was not recorded")
            }
            return Outcome(record: record, table: run.table, warnings: warnings)
        } catch {
            let message = StoreError.message(for: error, path: database.path)
            let config = options.config
            // Recording a run that failed for a lock would only wait for the same lock again.
            let isRecorded =
                !StoreError.isLock(error)
                && (try? database.recordFailedRun(
                    startedAt: startedAt, note: options.note, config: config.json(),
                    configHash: config.fingerprint, solver: options.solver.rawValue,
                    topK: options.top, failure: message)) != nil
            throw NightlyRunFailure(reason: message, isRecorded: isRecorded)
        }
    }

    /// The scoring half of ``run(on:events:)`` alone, without the lock or any write: loads the
    /// staff (unless `table` is given), the open needs and the decisions, runs the batch and
    /// returns the run to record with its warnings.
    package func score(
        on database: MidstDatabase, table given: StaffTable? = nil, startedAt: Timestamp,
        events: @escaping (Event) -> Void = { _ in }
    ) async throws -> (run: CompletedRun, warnings: [Warning]) {
        let (run, warnings) = try await shortlist(
            on: database, table: given, startedAt: startedAt, events: events)
        events(.solving)
        return (run.completed(with: run.shortlisted.propose()), warnings)
    }

    /// The batch's first step (``Batch/shortlist(needs:table:decisions:followUp:progress:)``):
    /// loads the staff (unless `table` is given), the open needs and the decisions, and finds
    /// every need's shortlist; returns them with the run's warnings.
    private func shortlist(
        on database: MidstDatabase, table given: StaffTable? = nil, startedAt: Timestamp,
        events: @escaping (Event) -> Void
    ) async throws -> (run: ShortlistedRun, warnings: [Warning]) {
        let loadStarted = Date()
        events(.loading)
        let config = options.config
        let asOf = options.asOf ?? CalendarDate(dayNumber: Int(Date().timeIntervalSince1970) / 86_400)
        // The staff snapshot (mapped and checked) on one core while the needs, decisions and
        // outcomes are read from the database on the other: independent reads.
        async let staff = given ?? database.staffTable(reference: BundledReference.data)
        let needs = try database.openNeeds()
        let decisions = try database.decisions()
        let followUp = try database.followUp(asOf: asOf, rules: config.followUp)
        let table = try await staff
        let loadSeconds = Date().timeIntervalSince(loadStarted)
        let batch = Batch(
            scorer: Scorer(reference: BundledReference.data, config: config), top: options.top,
            solver: options.solver)
        let shortlisted = await batch.shortlist(
            needs: needs, table: table, decisions: decisions, followUp: followUp
        ) { step in
            if case .scoring(let done, let total) = step {
                events(.scoring(done: done, total: total, people: table.count))
            }
        }
        events(.scored)
        var warnings: [Warning] = []
        if needs.isEmpty { warnings.append(.noOpenNeeds) }
        if table.count == 0 { warnings.append(.nobodyMatchable) }
        if !shortlisted.needs.isEmpty, table.count > 0, shortlisted.shortlists.allSatisfy(\.isEmpty) {
            warnings.append(.nobodyShortlisted(needs: shortlisted.needs.count, people: table.count))
        }
        let expired = shortlisted.unmatchedNeeds.filter { $0.state == .expired }.map(\.need.id.rawValue)
        if !expired.isEmpty { warnings.append(.expired(needIDs: expired)) }
        warnings += shortlisted.setAside.map(Warning.setAside)
        warnings.forEach { events(.warning($0)) }
        let run = ShortlistedRun(
            startedAt: startedAt, note: options.note, config: config.json(),
            configHash: config.fingerprint, solver: options.solver.rawValue, topK: options.top,
            table: table, shortlisted: shortlisted, loadSeconds: loadSeconds)
        return (run, warnings)
    }
}

/// A nightly run that failed after taking the lock; it is recorded as failed when the database
/// lets it be, and the previous completed run stays the latest.
package struct NightlyRunFailure: MidstError, LocalizedError {
    /// Why it failed, as recorded with the failed run.
    package var reason: String
    /// Whether the failed run was recorded (not when the database was locked, or failing).
    package var isRecorded: Bool

    package var message: String {
        "the run failed and \(isRecorded ? "was recorded as failed" : "could not be recorded"); "
            + "the previous run stays the latest: \(reason)"
    }
    package var exitStatus: ExitStatus { .databaseProblem }
    package var errorDescription: String? { message }
}
