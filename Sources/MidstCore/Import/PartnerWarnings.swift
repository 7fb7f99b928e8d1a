/// What an import says about a need's partners that Midst cannot tie to one organisation: a
/// partner kept as written still credits staff whose employer is written the same way, but not
/// the organisation's other names, hospitals or former names (docs/SCORING.md, "Partnership").
package enum PartnerWarnings {
    /// A warning for each of `need`'s partners that names no organisation, or several, of
    /// `reference`, with the nearest names; on `line` of `file`.
    package static func warnings(
        for need: Need, line: Int, file: String, reference: ReferenceData
    ) -> [ImportIssue] {
        need.partners.compactMap { partner in
            message(for: partner, reference).map {
                ImportIssue(file: file, line: line, field: NeedColumn.partner.name, message: $0)
            }
        }
    }

    /// Why `partner` does not resolve, and what would: nil when it names one organisation.
    package static func message(for partner: String, _ reference: ReferenceData) -> String? {
        func list(_ organisations: [Organisation]) -> String {
            organisations.map { "\($0.name) (\($0.code))" }.joined(separator: ", ")
        }
        switch reference.organisation(named: partner) {
        case .found: return nil
        case .ambiguous(let organisations):
            return "partner \(partner.quotedForMessage()) names several organisations: \(list(organisations)); write the organisation's name or code"
        case .unknown:
            let nearest = reference.organisations(like: partner)
            let suggestion = nearest.isEmpty ? "" : "; nearest: \(list(nearest))"
            return "partner \(partner.quotedForMessage()) is not a UK organisation Midst knows (kept as written: only staff whose employer is written the same way earn the partnership points)\(suggestion)"
        }
    }
}
