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

    /// One person to contact: to ask today, or awaited since their ask.
    public struct Ask: Sendable {
        public var needID: String
        /// The need in words (``MidstCore/Need/title(in:)``).
        public var needTitle: String
        /// Their staff id, or pseudonym.
        public var person: String
        /// Name and e-mail of a consenting person; nil in a pseudonymised report.
        public var name: String?
        public var email: String?
        public var score: Double
        public var reasons: [String]
        /// When an awaited ask was made, and how many days it has waited by the run's date.
        public var askedOn: CalendarDate?
        public var daysWaiting: Int?
        /// A coordinator pinned the pair.
        public var isPinned: Bool
    }

    /// A coordinator's decision or a recorded outcome since the previous run.
    public struct Activity: Sendable {
        /// The day it was decided or happened (`YYYY-MM-DD…`).
        public var date: String
        public var needID: String
        public var person: String
        /// `pin`, `exclude`, or an outcome (`accepted`, `declined` …).
        public var what: String
        public var reason: String?
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
        /// Where the need stands: open (nobody proposed), proposed or asked.
        public var state: NeedState
        /// People placed on it, and its slots less them.
        public var placed: Int
        public var openSlots: Int
        /// The best ``Options/candidatesPerNeed`` and everyone proposed, by rank.
        public var candidates: [Candidate]
    }

    /// One change since the previous run, for one need.
    public struct Change: Sendable {
        public var needID: String
        /// entered, left, moved, proposed or withdrawn.
        public var kind: String
        public var person: String
        public var before: Double?
        public var after: Double?
        /// Why the person left the shortlist or the proposal, in words, when known.
        public var why: String?

        public init(
            needID: String, kind: String, person: String, before: Double? = nil,
            after: Double? = nil, why: String? = nil
        ) {
            self.needID = needID
            self.kind = kind
            self.person = person
            self.before = before
            self.after = after
            self.why = why
        }
    }

    public var run: RunRecord
    public var options: Options
    /// The people to ask today, most urgent need first, and the asks awaiting an answer, longest
    /// waiting first: consenting, matchable staff only.
    public var toAsk: [Ask]
    public var awaited: [Ask]
    /// Decisions and outcomes since the previous run, newest first.
    public var activity: [Activity]
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

    /// The run's needs in `state`.
    public func count(_ state: NeedState) -> Int { needs.filter { $0.state == state }.count }
}
