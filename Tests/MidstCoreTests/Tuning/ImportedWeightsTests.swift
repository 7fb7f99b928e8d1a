import Testing

@testable import MidstCore

/// Weights learnt elsewhere (`midst tune --import-weights`, docs/TUNING.md, "Other learners").
@Suite("Imported weights")
struct ImportedWeightsTests {
    @Test("CSV and JSON give the same weights, scaled to a total of 100; a component left out weighs 0")
    func csvAndJSON() throws {
        let csv = try ImportedWeights.parse(
            "component,weight\nspecialty,0.6\nlanguage,0.3\n\"country\",0.1\n", file: "w.csv")
        let flat = try ImportedWeights.parse(
            #"{"specialty": 6, "language": 3, "country": 1}"#, file: "w.json")
        let nested = try ImportedWeights.parse(
            #"{"weights": {"specialty": 60, "language": 30, "country": 10}}"#, file: "w.json")
        #expect(csv == flat)
        #expect(flat == nested)
        #expect(csv[.specialty] == 60)
        #expect(csv[.language] == 30)
        #expect(csv[.country] == 10)
        #expect(csv[.experience] == 0)
    }

    @Test(
        "a bad file is refused naming file, line and field",
        arguments: [
            ("component,weight\nspecialty,1\nlangauge,2\n", "w.csv:3: field 'component'"),
            ("component,weight\nspecialty,-1\n", "w.csv:2: field 'weight'"),
            ("component,weight\nspecialty,1\nspecialty,2\n", "w.csv:3: field 'component'"),
            ("component,weight\nspecialty,1,2\n", "w.csv:2: field 'weight'"),
            ("name,value\nspecialty,1\n", "w.csv:1: field 'header'"),
            ("component,weight\nspecialty,0\n", "w.csv: field 'weight'"),
            (#"{"weights": {"language": "lots"}}"#, "w.csv: field 'language'"),
        ])
    func refused(text: String, prefix: String) {
        #expect {
            try ImportedWeights.parse(text, file: "w.csv")
        } throws: { error in
            (error as? ImportedWeights.Problem)?.message.hasPrefix(prefix) == true
        }
    }
}
