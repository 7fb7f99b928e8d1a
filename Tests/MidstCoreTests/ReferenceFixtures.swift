import Foundation

// `@testable` only for the memberwise initialisers of Country, Language, CountryLanguage and
// Specialty, which are internal; everything else the tests use is public.
@testable import MidstCore

/// Reference data shared by the MidstCore tests: a small hand-made set of literals for the
/// validators, and the real tables shipped in MidstStore's resources.
enum ReferenceFixtures {
    /// A few countries, languages and a three-profession taxonomy, written out as literals.
    static let small = ReferenceData(
        countries: [
            country("UG", "UGA", "Uganda", "014", "Eastern Africa"),
            country("NG", "NGA", "Nigeria", "011", "Western Africa"),
            country("XS", "XSL", "Somaliland", "014", "Eastern Africa"),
            country(
                "GB", "GBR", "United Kingdom", "154", "Northern Europe", region: ("150", "Europe")),
        ],
        languages: [
            Language(
                code: LanguageCode(rawValue: "en"), alpha3: "eng", alpha3B: nil, name: "English"),
            Language(
                code: LanguageCode(rawValue: "lg"), alpha3: "lug", alpha3B: nil, name: "Ganda"),
            Language(
                code: LanguageCode(rawValue: "sw"), alpha3: "swa", alpha3B: nil, name: "Swahili"),
            Language(
                code: LanguageCode(rawValue: "yo"), alpha3: "yor", alpha3B: nil, name: "Yoruba"),
        ],
        countryLanguages: [
            spoken("UG", "sw", 75, .official),
            spoken("UG", "lg", 13, .none),
            spoken("UG", "en", 3.9, .official),
            spoken("NG", "en", 53, .official),
            spoken("NG", "yo", 13, .official),
        ],
        specialties: [
            specialty("doctor", parent: nil, profession: "doctor", .profession),
            specialty("paediatrics", parent: "doctor", profession: "doctor", .specialty),
            specialty(
                "neonatal_medicine", parent: "paediatrics", profession: "doctor", .subspecialty),
            specialty("nurse", parent: nil, profession: "nurse", .profession),
            specialty("nursing_children", parent: "nurse", profession: "nurse", .specialty),
            specialty("management", parent: nil, profession: "management", .profession),
            specialty(
                "education", parent: nil, profession: "skill", .skill,
                aliases: ["health_education"]),
            specialty("leadership_management", parent: nil, profession: "skill", .skill),
        ])

    /// The package's root folder, found from this file's place in `Tests/MidstCoreTests/`.
    static let packageRoot = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        .deletingLastPathComponent().deletingLastPathComponent()

    /// The text of the four bundled reference tables, read from the source tree.
    static func bundledTables() throws -> ReferenceTables {
        let folder = packageRoot.appendingPathComponent("Sources/MidstStore/Resources/reference")
        func text(_ name: String) throws -> String {
            try String(contentsOf: folder.appendingPathComponent(name), encoding: .utf8)
        }
        return ReferenceTables(
            countries: try text("countries.csv"), languages: try text("languages.csv"),
            countryLanguages: try text("country_languages.csv"),
            specialties: try text("specialties.csv"),
            macrolanguages: try text("macrolanguages.csv"),
            organisations: try text("uk_organisations.csv"))
    }

    /// Why the bundled tables could not be loaded.
    struct LoadError: Error, Sendable, CustomStringConvertible {
        var description: String
    }

    /// The bundled tables, parsed once for every test that needs them.
    private static let bundled: Result<ReferenceData, LoadError> = {
        do {
            return .success(try ReferenceData(tables: bundledTables()))
        } catch {
            return .failure(LoadError(description: "\(error)"))
        }
    }()

    /// The reference data Midst ships with.
    static func bundledReference() throws -> ReferenceData { try bundled.get() }

    private static func country(
        _ code: String, _ alpha3: String, _ name: String, _ subregionCode: String,
        _ subregion: String,
        region: (String, String) = ("002", "Africa")
    ) -> Country {
        Country(
            code: CountryCode(rawValue: code), alpha3: alpha3, name: name, regionCode: region.0,
            region: region.1, subregionCode: subregionCode, subregion: subregion)
    }

    private static func spoken(
        _ country: String, _ language: String, _ percent: Double, _ status: OfficialStatus
    ) -> CountryLanguage {
        CountryLanguage(
            country: CountryCode(rawValue: country), language: LanguageCode(rawValue: language),
            populationPercent: percent, officialStatus: status)
    }

    private static func specialty(
        _ code: String, parent: String?, profession: String, _ level: TaxonomyLevel,
        aliases: [String] = []
    ) -> Specialty {
        Specialty(
            code: SpecialtyCode(rawValue: code), parent: parent.map(SpecialtyCode.init(rawValue:)),
            profession: SpecialtyCode(rawValue: profession), level: level, name: code,
            source: "test", aliases: aliases.map(SpecialtyCode.init(rawValue:)))
    }
}

/// Shorthands for typed codes in expectations.
func countryCode(_ text: String) -> CountryCode { CountryCode(rawValue: text) }
func languageCode(_ text: String) -> LanguageCode { LanguageCode(rawValue: text) }
func specialtyCode(_ text: String) -> SpecialtyCode { SpecialtyCode(rawValue: text) }
func recordID(_ text: String) -> RecordID { RecordID(rawValue: text) }

/// The issues of a failed validation, or none when it succeeded.
func issues<Record>(_ result: Result<Record, ImportFailure>) -> [ImportIssue] {
    switch result {
    case .success: []
    case .failure(let failure): failure.issues
    }
}

extension ReferenceFixtures {
    /// `count` generated staff and `needs` generated needs from `seed`, read and validated as an
    /// import would, against the bundled reference data.
    static func generated(staff count: Int, needs needCount: Int = 0, seed: UInt64) throws -> (
        staff: [Staff], needs: [Need]
    ) {
        var generator = DataGenerator(reference: try bundledReference(), seed: seed)
        return try generator.records(staff: count, needs: needCount)
    }
}
