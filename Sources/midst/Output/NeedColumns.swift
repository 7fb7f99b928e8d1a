import Foundation
import MidstCore
import MidstStore

/// A need's columns as the needs file writes them (docs/FORMATS.md), for the commands that
/// print needs whole: `needs list --format csv|json` and `needs show --format json`.
struct NeedColumns {
    /// The columns beyond those every listing shows.
    static let more = [
        "site", "skills_required", "partners", "min_score", "require_specialty",
        "min_seniority", "required_languages", "preferred_languages", "description",
        "updated_at",
    ]

    let need: Need
    /// The need's specialties and its skills, apart, `;`-separated.
    let specialties: String
    let skills: String

    init(_ need: Need) {
        self.need = need
        let isSkill = { (code: SpecialtyCode) in
            BundledReference.data.specialty(code.rawValue)?.isSkill == true
        }
        specialties =
            need.specialties.filter { !isSkill($0) }.map(\.rawValue).joined(separator: ";")
        skills = need.specialties.filter(isSkill).map(\.rawValue).joined(separator: ";")
    }

    /// The fewest decimals (up to 9) that write `value` so that it reads back the same.
    private static func decimals(of value: Double) -> Int {
        (0...9).first { Double(String(format: "%.\($0)f", value)) == value } ?? 9
    }

    /// The cells of ``more``, in order.
    var moreCells: [Cell] {
        [
            need.site.map(Cell.text) ?? .null, .text(need.skillsRequired.rawValue),
            .text(need.partners.joined(separator: ";")),
            need.minimumScore.map { .number($0, decimals: Self.decimals(of: $0)) } ?? .null,
            need.requiresSpecialty.map { .text($0 ? "yes" : "no") } ?? .null,
            .integer(need.minimumSeniority.rawValue),
            .text(Need.LanguageRequirement.importSyntax(need.requiredLanguages)),
            .text(Need.LanguageRequirement.importSyntax(need.preferredLanguages)),
            need.description.map(Cell.text) ?? .null, .text(need.updatedAt.iso),
        ]
    }
}
