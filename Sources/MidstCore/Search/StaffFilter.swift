/// A recruiter's search for staff without a need: every filter set must hold (AND).
///
/// Only consenting, active staff are ever found.
public struct StaffFilter: Hashable, Sendable {
    public var profession: SpecialtyCode?
    /// Staff with any of these specialties (a searched specialty is expanded to its
    /// sub-specialties by ``ReferenceData/specialtyWithDescendants(_:)``).
    public var specialties: [SpecialtyCode] = []
    /// A tie to this country…
    public var country: CountryCode?
    /// …of this kind (any kind when `nil`).
    public var tieKind: TieKind?
    /// Every one of these languages at or above its level.
    public var languages: [LanguageRequirement] = []
    /// Availability overlapping this window (either end may be open).
    public var availableFrom: CalendarDate?
    public var availableTo: CalendarDate?
    /// Staff who can work this way.
    public var mode: WorkModes?
    /// At most this many results, ordered by id.
    public var limit: Int = 50

    public init() {}
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
