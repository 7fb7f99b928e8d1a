/// A country or territory with its UN M49 region and subregion.
public struct Country: Hashable, Sendable {
    public var code: CountryCode
    public var alpha3: String
    public var name: String
    /// UN M49 region code (`002` Africa …) and name.
    public var regionCode: String
    public var region: String
    /// UN M49 subregion code (`014` Eastern Africa …) and name.
    public var subregionCode: String
    public var subregion: String
}
