import ArgumentParser
import MidstCore
import MidstStore

/// `midst decide NEED STAFF --pin|--exclude|--clear`: a coordinator's decision about a pair.
struct Decide: ParsableCommand, DatabaseCommand {
    static let configuration = CommandConfiguration(
        commandName: "decide",
        abstract: "Pin or exclude a (need, person) pair for the next runs, or clear the decision.",
        discussion: """
            A pinned pair is always in the next runs' proposal, and counts against the need's \
            slots and the person's capacity before anything else is proposed. A need takes no \
            more pins than its slots; a pin on someone who fails a hard constraint is kept, with \
            a warning naming the constraints (--config: the configuration they are checked \
            with). An excluded pair \
            never appears on the need's shortlist or in its proposal. Decisions are kept with \
            their time and reason; `midst decisions` lists them and `midst show` shows them.

              midst decide N001 S0156 --pin --reason "agreed at the partnership meeting"
              midst decide N001 S0288 --exclude --reason "on leave until March"
              midst decide N001 S0288 --clear
            """)

    @Argument(help: "The need's id.") var needID: String
    @Argument(help: "The staff member's id.") var staffID: String
    @Flag(help: "Always propose this pair.") var pin = false
    @Flag(help: "Never list this pair.") var exclude = false
    @Flag(help: "Remove the decision about this pair.") var clear = false
    @Option(help: "Why, in a few words (kept with the decision).") var reason: String?
    @OptionGroup var scoring: ConfigOptions
    @OptionGroup var database: DatabaseOptions

    func validate() throws {
        guard [pin, exclude, clear].filter({ $0 }).count == 1 else {
            throw ValidationError("Give exactly one of --pin, --exclude or --clear.")
        }
    }

    func run() throws {
        let kind: Decision.Kind? = pin ? .pin : exclude ? .exclude : nil
        let database = try self.database.openExistingForWriting()
        let existed = try database.decide(needID: needID, staffID: staffID, kind: kind, reason: reason)
        switch kind {
        case .pin?:
            print("Pinned \(staffID) to \(needID)\(reason.map { ": \($0)" } ?? "")")
            try warnOfFailedConstraints(database)
        case .exclude?: print("Excluded \(staffID) from \(needID)\(reason.map { ": \($0)" } ?? "")")
        case nil:
            print(
                existed
                    ? "Cleared the decision about \(staffID) for \(needID)"
                    : "There was no decision about \(staffID) for \(needID)")
        }
    }
}

extension Decide {
    /// A pin overrides the hard constraints, so say which ones the person fails (on stderr).
    private func warnOfFailedConstraints(_ database: MidstDatabase) throws {
        guard let need = try database.need(id: needID), let staff = try database.staff(id: staffID)
        else { return }
        let scorer = Scorer(reference: BundledReference.data, config: try scoring.load())
        let followUp = try database.followUp(
            asOf: AsOfOptions.day(given: nil), rules: scorer.config.followUp, needID: needID)
        let exclusions = try database.explanation(
            of: staff, for: need, scorer: scorer, followUp: followUp
        ).exclusions
        // An outcome that keeps the person off the need wins over the pin (docs/SCORING.md,
        // "Outcomes and the nightly loop"): say so rather than promise a proposal.
        if let kept = exclusions.first(where: { $0.name == "outcome" }) {
            Terminal.note(
                "warning: \(staffID) \(kept); the pin is kept but not proposed while that outcome stands")
            return
        }
        guard !exclusions.isEmpty else { return }
        Terminal.note(
            "warning: \(staffID) fails \(exclusions.count == 1 ? "a hard constraint" : "hard constraints") of \(needID); the pin will still be proposed:\n"
                + exclusions.map { "  - \($0.name): \($0)" }.joined(separator: "\n"))
    }
}
