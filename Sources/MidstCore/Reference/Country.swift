/// A country or territory with its UN M49 region and subregion.
package struct Country: Hashable, Sendable {
    package var code: CountryCode
    package var alpha3: String
    package var name: String
    /// UN M49 region code (`002` Africa …) and name.
    package var regionCode: String
    package var region: String
    /// UN M49 subregion code (`014` Eastern Africa …) and name.
    package var subregionCode: String
    package var subregion: String
}
