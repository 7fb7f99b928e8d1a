/// What a needs file says about its teams, gathered record by record in file order
/// (docs/FORMATS.md, `team`).
///
/// A team's languages are the first non-empty `team_languages` of its members in the file;
/// another member may leave the column empty (and inherits them) or give the same languages, in
/// any order; different ones are an error. A team's dates are those of its first member in the
/// file that gives a `start` or an `end`: a member that gives none takes them (the writer fills
/// them in, or a stored member's when the file gives none), and one that gives different dates
/// is accepted with a warning.
package struct TeamLedger: Sendable {
    /// One team as the file describes it so far.
    package struct Team: Sendable {
        /// The team's languages and the line that gave them; nil while no member gave any.
        package var languages: (requirements: [Need.LanguageRequirement], line: Int)?
        /// The team's dates and the line that gave them; nil while no member gave any.
        package var dates: (window: CalendarDate.Window, line: Int)?
        /// The members that gave no dates, in file order.
        package var undated: [RecordID] = []
    }

    /// The import file's name, for warnings.
    package let file: String
    /// The teams named so far.
    package private(set) var teams: [RecordID: Team] = [:]
    /// Members whose dates differ from their team's, in file order.
    package private(set) var warnings: [ImportIssue] = []

    package init(file: String) {
        self.file = file
    }

    /// Takes in `need`, read from `line`: the problem that rejects it (a `team_languages` other
    /// than its team's), or nil. A member whose dates differ from the team's adds a warning.
    package mutating func admit(_ need: Need, line: Int) -> (field: String, message: String)? {
        guard let id = need.team else { return nil }
        var team = teams[id] ?? Team()
        if !need.teamLanguages.isEmpty {
            if let known = team.languages {
                guard Set(known.requirements) == Set(need.teamLanguages) else {
                    let syntax = Need.LanguageRequirement.importSyntax(known.requirements)
                    return (
                        "team_languages",
                        "team '\(id)' has the languages '\(syntax)' (line \(known.line)): leave this empty to take them, or give the same"
                    )
                }
            } else {
                team.languages = (need.teamLanguages, line)
            }
        }
        if need.dates.start == nil, need.dates.end == nil {
            team.undated.append(need.id)
        } else if let known = team.dates {
            if known.window != need.dates {
                let field = known.window.start != need.dates.start ? "start" : "end"
                warnings.append(
                    ImportIssue(
                        file: file, line: line, field: field,
                        message:
                            "the dates \(Self.shown(need.dates)) differ from team '\(id)' (\(Self.shown(known.window)), line \(known.line)); accepted"
                    ))
            }
        } else {
            team.dates = (need.dates, line)
        }
        teams[id] = team
        return nil
    }

    private static func shown(_ window: CalendarDate.Window) -> String {
        "\(window.start?.description ?? "…") to \(window.end?.description ?? "…")"
    }
}
