/// A recruiter's search for staff without a need: every filter set must hold (AND).
///
/// Only consenting, active staff are ever found.
package struct StaffFilter: Hashable, Sendable {
    package var profession: SpecialtyCode?
    /// Staff with any of these specialties (a searched specialty is expanded to its
    /// sub-specialties by ``ReferenceData/specialtyWithDescendants(_:)``).
    package var specialties: [SpecialtyCode] = []
    /// A tie to this country…
    package var country: CountryCode?
    /// …of this kind (any kind when `nil`).
    package var tieKind: CountryTie.Kind?
    /// Every one of these languages at or above its level.
    package var languages: [Need.LanguageRequirement] = []
    /// Availability overlapping this window (either end may be open).
    package var availableFrom: CalendarDate?
    package var availableTo: CalendarDate?
    /// Staff who can work this way.
    package var mode: Staff.WorkModes?
    /// At most this many results, ordered by id.
    package var limit: Int = 50

    package init() {}
}

extension ReferenceData {
    /// The specialty and every entry below it in the taxonomy, parents first.
    public func specialtyWithDescendants(_ code: SpecialtyCode) -> [SpecialtyCode] {
        var result = [code]
        var index = 0
        while index < result.count {
            let parent = result[index]
            result += specialties.filter { $0.parent == parent }.map(\.code)
            index += 1
        }
        return result
    }
}
