import Foundation
import MidstCore
import MidstStore
import Testing

/// The reference tables compiled into Midst (`scripts/embed-reference-data.py`) are the tables
/// of `Sources/MidstStore/Resources/reference/`, which the scripts regenerate and people read.
@Suite("Embedded reference tables")
struct EmbeddedReferenceTests {
    @Test("each compiled table is its file in the source tree, byte for byte, and none is missing")
    func compiledTablesAreTheFiles() throws {
        let folder = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
            .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent("Sources/MidstStore/Resources/reference")
        let tables = BundledReference.tables()
        let compiled: [(file: String, text: String?)] = [
            ("countries.csv", tables.countries), ("languages.csv", tables.languages),
            ("country_languages.csv", tables.countryLanguages),
            ("specialties.csv", tables.specialties), ("macrolanguages.csv", tables.macrolanguages),
            ("uk_organisations.csv", tables.organisations),
        ]
        for (file, text) in compiled {
            let bytes = try Data(contentsOf: folder.appendingPathComponent(file))
            #expect(bytes.count > 1_000, "\(file)")
            #expect(
                Array((text ?? "").utf8) == Array(bytes),
                "\(file) differs from the compiled table: run scripts/embed-reference-data.py")
        }
        let files = try FileManager.default.contentsOfDirectory(atPath: folder.path)
            .filter { $0.hasSuffix(".csv") }
        #expect(files.sorted() == compiled.map(\.file).sorted())
    }

    @Test("the taxonomy's numbers read alone are the reference data's, for every code and alias")
    func specialtyNumbers() {
        let numbers = BundledReference.specialtyNumbers
        let specialties = BundledReference.data.specialties
        #expect(specialties.count > 100)
        for specialty in specialties {
            #expect(numbers[specialty.code] == BundledReference.data.number(of: specialty.code))
            for alias in specialty.aliases {
                #expect(numbers[alias] == BundledReference.data.number(of: alias), "\(alias)")
            }
        }
        let codes = specialties.count + specialties.reduce(0) { $0 + $1.aliases.count }
        #expect(numbers.count <= codes)
        #expect(numbers[SpecialtyCode(rawValue: "nurse")] != nil)
        #expect(numbers[SpecialtyCode(rawValue: "no_such_code")] == nil)
    }
}
