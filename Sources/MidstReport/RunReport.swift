import MidstCore
import MidstStore

/// Everything the report of one run shows, gathered once (``RunReport/gather(run:from:table:options:)``)
/// and written as a page by ``ReportPage``.
public struct RunReport: Sendable {
    /// What a report includes, and for whom.
    public struct Options: Sendable {
        /// Staff ids replaced with keyed pseudonyms and names left out: a copy to share.
        public var pseudonymiser: Pseudonymiser?
        /// Candidates shown per need, best first (proposed people are always shown).
        public var candidatesPerNeed: Int
        /// When the report is written.
        public var generatedAt: Timestamp

        public init(pseudonymiser: Pseudonymiser? = nil, candidatesPerNeed: Int = 3, generatedAt: Timestamp) {
            self.pseudonymiser = pseudonymiser
            self.candidatesPerNeed = candidatesPerNeed
            self.generatedAt = generatedAt
        }
    }

    /// How far a need's proposal goes towards its slots.
    public enum Fill: String, CaseIterable, Sendable {
        case filled
        case partly = "partly filled"
        case unfilled
    }

    /// One person on a need's shortlist.
    public struct Candidate: Sendable {
        public var rank: Int
        /// Their staff id, pseudonym, or a placeholder when they are no longer matchable.
        public var person: String
        /// Their name, when they are matchable and the report is not pseudonymised.
        public var name: String?
        public var score: Double
        /// Points each component gave (they add up to the score).
        public var contributions: ComponentVector
        /// Each component's reason in words, largest contribution first (empty for a person no
        /// longer matchable).
        public var reasons: [String]
        public var proposed: Bool
    }

    /// One need of the run.
    public struct NeedSection: Sendable {
        public var need: Need
        /// "Paediatrics at Mulago Hospital, Uganda".
        public var title: String
        public var countryName: String
        public var specialtyName: String
        public var shortlisted: Int
        public var proposed: Int
        /// The best ``Options/candidatesPerNeed`` and everyone proposed, by rank.
        public var candidates: [Candidate]

        public var fill: Fill {
            proposed >= need.slots ? .filled : proposed > 0 ? .partly : .unfilled
        }
    }

    /// One change since the previous run, for one need.
    public struct Change: Sendable {
        public var needID: String
        /// entered, left, moved, proposed or withdrawn.
        public var kind: String
        public var person: String
        public var before: Double?
        public var after: Double?

        public init(needID: String, kind: String, person: String, before: Double? = nil, after: Double? = nil) {
            self.needID = needID
            self.kind = kind
            self.person = person
            self.before = before
            self.after = after
        }
    }

    public var run: RunRecord
    public var options: Options
    /// The previous completed run, when there is one, and how many needs it scored.
    public var previousRunID: Int64?
    public var previousRunNeeds: Int
    /// The needs of the run: every need it shortlisted or proposed for, and every need open now
    /// that was there, unchanged, when it started; by country name, then id.
    public var needs: [NeedSection]
    /// Every shortlisted score of the run, and every proposed one.
    public var shortlistScores: [Double]
    public var proposedScores: [Double]
    /// What changed since the previous run, need by need: the first ``ReportPage`` shows.
    public var changes: [Change]
    /// Every change since the previous run, counted by kind (entered, left, moved, proposed,
    /// withdrawn).
    public var changeCounts: [String: Int]
    /// How many needs changed since the previous run.
    public var needsChanged: Int
    public var gaps: Gaps

    /// Needs per fill state.
    public func count(_ fill: Fill) -> Int { needs.filter { $0.fill == fill }.count }
}
