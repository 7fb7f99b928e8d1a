/// The partnership component (docs/SCORING.md, "Partnership"): a bonus, 1 for a person employed
/// by one of the need's UK partner organisations and 0 for anyone else, so 0 for everyone when
/// the need names no partner. Naming a partner raises its staff and lowers nobody: an outsider
/// scores the same with or without the partner. Employers and partners are compared by
/// ``OrganisationKey``.
struct PartnershipRule: Sendable {
    /// The partners as the need writes them, with the keys each credits (its own, and its
    /// members' for a partnership of organisations; none for a name with no words).
    let partners: [(name: String, keys: [UInt64])]

    /// The partners' keys, each once, without 0: the blocked search's partner group. Empty when
    /// nobody can earn the component.
    let keys: [UInt64]

    init(need: Need, reference: ReferenceData) {
        // A partnership of organisations (King's Health Partners) credits its members' staff.
        partners = need.partners.map { ($0, OrganisationKey.keys(ofPartner: $0, reference)) }
        var keys: [UInt64] = []
        for key in partners.flatMap(\.keys) where !keys.contains(key) { keys.append(key) }
        self.keys = keys
    }

    @inline(__always)
    func value(_ row: Int, _ table: StaffTable) -> Double {
        let employer = table.employerKeys[row]
        guard employer != 0 else { return 0 }
        // The keys alone (no name to retain and release on every pair).
        for key in keys where key == employer { return 1 }
        return 0
    }

    func reason(_ row: Int, _ table: StaffTable) -> String {
        guard !partners.isEmpty else {
            return "The need names no UK partner organisation: nobody earns these points"
        }
        let employer = table.employerKeys[row]
        if employer != 0, let partner = partners.first(where: { $0.keys.first == employer }) {
            return "Works for \(partner.name), the partnership's UK partner"
        }
        if employer != 0, let partner = partners.first(where: { $0.keys.contains(employer) }) {
            return "Works for a member of \(partner.name), the partnership's UK partner"
        }
        let names = partners.map(\.name).joined(separator: " or ")
        return "Does not work for the partnership's UK partner (\(names))"
    }
}
