/// A re-imported staff record applied to the stored one: the columns the file has replace the
/// stored values (an empty cell clears an optional one); the columns it lacks keep them.
package enum StaffCorrection {
    /// `record`, with the stored values of the columns in `absent`. The specialties column is
    /// required, so only the skills can be kept from the stored list: the record's specialties
    /// (and any skill written among them) come first, then the stored skills.
    package static func merged(
        _ record: Staff, stored: Staff, absent: Set<StaffColumn>, reference: ReferenceData
    ) -> Staff {
        guard !absent.isEmpty else { return record }
        var merged = record
        for column in absent {
            switch column {
            case .name: merged.name = stored.name
            case .email: merged.email = stored.email
            case .countries: merged.countryTies = stored.countryTies
            case .languages: merged.languages = stored.languages
            case .availableFrom: merged.availability.start = stored.availability.start
            case .availableTo: merged.availability.end = stored.availability.end
            case .modes: merged.modes = stored.modes
            case .maxAssignments: merged.maxAssignments = stored.maxAssignments
            case .employer: merged.employer = stored.employer
            case .placements: merged.pastPlacements = stored.pastPlacements
            case .skills:
                let storedSkills = stored.specialties.filter {
                    reference.specialty($0.rawValue)?.isSkill == true
                }
                merged.specialties += storedSkills.filter { !record.specialties.contains($0) }
            // Required columns are never absent; a record without `updated_at` is dated now.
            case .id, .profession, .specialties, .seniority, .consent, .updatedAt: break
            }
        }
        return merged
    }
}
