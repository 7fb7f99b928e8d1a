/// The names a country is accepted by besides its codes: its English name in the reference
/// table (``Country/name``), that name without a parenthesis (`Holy See`) and, for a name written
/// `Congo, The Democratic Republic of the`, both the part before the comma (`Congo`) and the
/// name in reading order; and the common short and former names below. A name that stands for
/// more than one country (`Congo`, `Korea`, `Virgin Islands`) is not accepted: the message lists
/// the codes to choose from. Names are compared as ``ReferenceName/key(_:)`` makes them.
/// docs/FORMATS.md lists them ("Words").
package enum CountryNames {
    /// Common names that are not the reference table's, by the code they stand for.
    package static let aliases: [(name: String, code: String)] = [
        ("DRC", "CD"), ("DR Congo", "CD"), ("Democratic Republic of Congo", "CD"),
        ("Congo-Kinshasa", "CD"), ("Zaire", "CD"),
        ("Republic of the Congo", "CG"), ("Republic of Congo", "CG"), ("Congo-Brazzaville", "CG"),
        ("Ivory Coast", "CI"),
        ("UK", "GB"), ("Great Britain", "GB"), ("Britain", "GB"), ("England", "GB"),
        ("Scotland", "GB"), ("Wales", "GB"), ("Northern Ireland", "GB"),
        ("United Kingdom of Great Britain and Northern Ireland", "GB"),
        ("USA", "US"), ("United States of America", "US"), ("America", "US"),
        ("UAE", "AE"),
        ("United Republic of Tanzania", "TZ"), ("Zanzibar", "TZ"),
        ("Swaziland", "SZ"), ("Burma", "MM"), ("Cape Verde", "CV"), ("Czech Republic", "CZ"),
        ("Turkey", "TR"), ("Macedonia", "MK"), ("East Timor", "TL"), ("Russia", "RU"),
        ("Vatican", "VA"), ("Vatican City", "VA"), ("Brunei", "BN"), ("Viet Nam", "VN"),
        ("Sao Tome", "ST"), ("Holland", "NL"), ("Republic of Korea", "KR"), ("DPRK", "KP"),
        ("Lao PDR", "LA"), ("Kyrgyz Republic", "KG"), ("Slovak Republic", "SK"),
        ("Palestinian Territories", "PS"), ("Falklands", "FK"), ("Micronesia", "FM"),
        ("Trinidad", "TT"), ("Saint Kitts", "KN"), ("Saint Vincent", "VC"),
    ]

    /// Names that stand for more than one country, with the codes they may mean.
    package static let ambiguous: [(name: String, codes: [String])] = [
        ("Korea", ["KR", "KP"])
    ]

    /// The names of `country` in the reference table's own words: its name, the name without a
    /// parenthesis, and for `A, B` both `A` and `B A`.
    static func ownNames(of country: Country) -> [String] {
        var names = [country.name]
        if let open = country.name.firstIndex(of: "(") {
            names.append(String(country.name[..<open]))
        }
        if let comma = country.name.firstIndex(of: ",") {
            let before = country.name[..<comma]
            let after = country.name[country.name.index(after: comma)...]
            names += [String(before), "\(after) \(before)"]
        }
        return names
    }
}
