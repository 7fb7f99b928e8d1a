import GRDB
import MidstCore

extension MidstDatabase {
    /// Whether each of a team's languages is covered (docs/SCORING.md, "Teams"): by someone the
    /// latest completed run proposes for one of the team's needs, or who was asked and has not
    /// answered, or is placed, on `followUp`'s date. Only consenting people count and are named.
    package func teamCoverage(
        of languages: [Need.LanguageRequirement], team: RecordID, followUp: FollowUp
    ) throws -> [Need.TeamLanguageCoverage] {
        let people = try read { db in
            let members = try String.fetchAll(
                db, sql: "SELECT id FROM need WHERE team = ? ORDER BY id", arguments: [team.rawValue])
            let proposed = try String.fetchAll(
                db,
                sql: """
                    SELECT s.id FROM assignment a JOIN need n USING (need_key)
                    JOIN staff s USING (staff_key)
                    WHERE a.run_key = (SELECT max(run_key) FROM run WHERE status = 'completed')
                      AND n.team = ?
                    ORDER BY n.id, s.id
                    """, arguments: [team.rawValue])
            let memberIDs = Set(members.map(RecordID.init(rawValue:)))
            let onTheTeam = followUp.entries.filter { entry in
                guard memberIDs.contains(entry.needID) else { return false }
                if case .asked = entry.standing { return true }
                return entry.standing.isPlaced
            }.map(\.staffID.rawValue)
            var seen: Set<String> = []
            var people: [(id: RecordID, languages: [Staff.LanguageSkill])] = []
            for id in proposed + onTheTeam where seen.insert(id).inserted {
                guard
                    let row = try Row.fetchOne(
                        db, sql: "SELECT * FROM staff WHERE id = ? AND consent = 1", arguments: [id])
                else { continue }
                let person = Self.staff(from: row)
                people.append((person.id, person.languages))
            }
            return people
        }
        return Need.teamCoverage(of: languages, by: people, reference: BundledReference.data)
    }

    /// How run `run`'s proposal came out for each team language, by team, each team's by
    /// language code (a person named only while they consent); with each need's lowest
    /// proposed score in the run (by need id), what a team's nearest fix is costed against
    /// (``Gaps``).
    package func teamLanguageLines(run: Int64) throws -> (
        languages: [RecordID: [TeamGap.Language]], lowestProposed: [RecordID: Double]
    ) {
        var lowest: [RecordID: Double] = [:]
        for pair in try assignments(run: run) {
            let need = RecordID(rawValue: pair.needID)
            lowest[need] = min(lowest[need] ?? pair.score, pair.score)
        }
        return (try teamLanguageGaps(run: run), lowest)
    }

    /// How run `run`'s proposal came out for each team language, by team, each team's by
    /// language code (a person named only while they consent): ``teamLanguageLines(run:)``
    /// without the lowest proposed scores, for a caller that read the run's pairs already.
    package func teamLanguageGaps(run: Int64) throws -> [RecordID: [TeamGap.Language]] {
        var languages: [RecordID: [TeamGap.Language]] = [:]
        for line in try teamLanguages(run: run) {
            guard let level = LanguageLevel(code: line.level) else { continue }
            languages[RecordID(rawValue: line.team), default: []].append(
                TeamGap.Language(
                    language: Need.LanguageRequirement(
                        language: LanguageCode(rawValue: line.language), minimumLevel: level),
                    status: line.status, needID: line.needID.map(RecordID.init(rawValue:)),
                    staffID: line.staffID.map(RecordID.init(rawValue:)), loss: line.loss))
        }
        return languages
    }
}
