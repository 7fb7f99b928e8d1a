import Foundation
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
}
