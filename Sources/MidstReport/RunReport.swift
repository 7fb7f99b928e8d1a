import MidstCore
import MidstStore

/// Everything the report of one run shows, gathered once (``RunReport/gather(run:from:table:options:)``)
/// and written as a page by ``ReportPage``.
package struct RunReport: Sendable {
    /// What a report includes, and for whom.
    package struct Options: Sendable {
        /// Staff ids replaced with keyed pseudonyms and names left out: a copy to share.
        package var pseudonymiser: Pseudonymiser?
        /// Candidates shown per need, best first (proposed people are always shown).
        package var candidatesPerNeed: Int
        /// When the report is written.
        package var generatedAt: Timestamp

        package init(pseudonymiser: Pseudonymiser? = nil, candidatesPerNeed: Int = 3, generatedAt: Timestamp) {
            self.pseudonymiser = pseudonymiser
            self.candidatesPerNeed = candidatesPerNeed
            self.generatedAt = generatedAt
        }
    }

    /// One person to contact: to ask today, or awaited since their ask.
    package struct Ask: Sendable {
        package var needID: String
        /// The need in words (``MidstCore/Need/title(in:)``).
        package var needTitle: String
        /// Their staff id, or pseudonym.
        package var person: String
        /// Name and e-mail of a consenting person; nil in a pseudonymised report.
        package var name: String?
        package var email: String?
        package var score: Double
        package var reasons: [String]
        /// When an awaited ask was made, and how many days it has waited by the run's date.
        package var askedOn: CalendarDate?
        package var daysWaiting: Int?
        /// A coordinator pinned the pair.
        package var isPinned: Bool
    }

    /// A coordinator's decision or a recorded outcome since the previous run.
    package struct Activity: Sendable {
        /// The day it was decided or happened (`YYYY-MM-DD…`).
        package var date: String
        package var needID: String
        package var person: String
        /// `pin`, `exclude`, or an outcome (`accepted`, `declined` …).
        package var what: String
        package var reason: String?
    }

    /// One person on a need's shortlist.
    package struct Candidate: Sendable {
        package var rank: Int
        /// Their staff id, pseudonym, or a placeholder when they are no longer matchable.
        package var person: String
        /// Their name, when they are matchable and the report is not pseudonymised.
        package var name: String?
        package var score: Double
        /// Points each component gave (they add up to the score).
        package var contributions: ScoreComponent.Vector
        /// Each component's reason in words, largest contribution first (empty for a person no
        /// longer matchable).
        package var reasons: [String]
        package var proposed: Bool
    }

    /// One need of the run.
    package struct NeedSection: Sendable {
        package var need: Need
        /// "Paediatrics at Mulago Hospital, Uganda".
        package var title: String
        package var countryName: String
        package var specialtyName: String
        package var shortlisted: Int
        package var proposed: Int
        /// Where the need stands: open (nobody proposed), proposed or asked.
        package var state: NeedState
        /// People placed on it, and its slots less them.
        package var placed: Int
        package var openSlots: Int
        /// The best ``Options/candidatesPerNeed`` and everyone proposed, by rank.
        package var candidates: [Candidate]
    }

    /// One change since the previous run, for one need.
    package struct Change: Sendable {
        package var needID: String
        /// entered, left, moved, proposed or withdrawn.
        package var kind: String
        package var person: String
        package var before: Double?
        package var after: Double?
        /// Why the person left the shortlist or the proposal, in words, when known.
        package var why: String?

        package init(
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

    package var run: RunRecord
    package var options: Options
    /// The people to ask today, most urgent need first, and the asks awaiting an answer, longest
    /// waiting first: consenting, matchable staff only.
    package var toAsk: [Ask]
    package var awaited: [Ask]
    /// Decisions and outcomes since the previous run, newest first.
    package var activity: [Activity]
    /// The previous completed run, when there is one, and how many needs it scored.
    package var previousRunID: Int64?
    package var previousRunNeeds: Int
    /// The needs of the run: every need it shortlisted or proposed for, and every need open now
    /// that was there, unchanged, when it started; by country name, then id, a team's needs
    /// together where its first need (by id) would be.
    package var needs: [NeedSection]
    /// Every shortlisted score of the run, and every proposed one.
    package var shortlistScores: [Double]
    package var proposedScores: [Double]
    /// What changed since the previous run, need by need: the first ``ReportPage`` shows.
    package var changes: [Change]
    /// Every change since the previous run, counted by kind (entered, left, moved, proposed,
    /// withdrawn).
    package var changeCounts: [String: Int]
    /// How many needs changed since the previous run.
    package var needsChanged: Int
    package var gaps: Gaps

    /// The run's needs in `state`.
    package func count(_ state: NeedState) -> Int { needs.count { $0.state == state } }
}
