/// The countries and taxonomy entries by the names people write for them
/// (``ReferenceName/key(_:)``): for text that is not a code, which imports and flags meet and
/// queries of the database do not.
struct NameLookups: Sendable {
    /// The countries each name stands for (``CountryNames``).
    let countriesByName: [String: [CountryCode]]
    /// Each entry's position in the taxonomy by its name (`Neonatal medicine` →
    /// `neonatal medicine`).
    let specialtyIndexByName: [String: Int]

    /// The lookups of `countries` (ordered by code) and `specialties` (in file order).
    init(countries: [Country], specialties: [Specialty]) {
        var countriesByName: [String: [CountryCode]] = [:]
        func name(_ name: String, _ code: CountryCode) {
            let key = ReferenceName.key(name)
            if !key.isEmpty, !(countriesByName[key]?.contains(code) ?? false) {
                countriesByName[key, default: []].append(code)
            }
        }
        for country in countries {
            for text in CountryNames.ownNames(of: country) { name(text, country.code) }
        }
        for (text, code) in CountryNames.aliases { name(text, CountryCode(rawValue: code)) }
        for (text, codes) in CountryNames.ambiguous {
            for code in codes { name(text, CountryCode(rawValue: code)) }
        }
        self.countriesByName = countriesByName
        var specialtyIndexByName: [String: Int] = [:]
        for (index, specialty) in specialties.enumerated() {
            specialtyIndexByName[ReferenceName.key(specialty.name)] = index
        }
        self.specialtyIndexByName = specialtyIndexByName
    }
}
