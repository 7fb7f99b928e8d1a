import Foundation
import GRDB
import MidstCore
import MidstTestSupport
import Testing

@testable import MidstStore

@Suite("what an erasure looks for in the files (issue 22, item 5)")
struct ErasureTracesTests {
    @Test("the id, name, e-mail and its local part are looked for; an id under 5 bytes cannot be")
    func needles() {
        let traces = ErasureTraces(id: "S5787", name: "Tendai Moyo", email: "tendai.moyo5787@nhs.example")
        #expect(Set(traces.needles.map { String(decoding: $0, as: UTF8.self) }) == [
            "S5787", "Tendai Moyo", "tendai.moyo5787@nhs.example", "tendai.moyo5787",
        ])
        #expect(traces.isSpecific)
        #expect(!ErasureTraces(id: "S57", name: nil, email: nil).isSpecific)
    }

    @Test("what another row still holds is not looked for, and an id inside another cannot be trusted")
    func storedTracesDropped() throws {
        let folder = try TemporaryFolder()
        defer { folder.cleanUp() }
        let database = try sampleDatabase(in: folder)
        let other = try #require(try database.staff(ids: [RecordID(rawValue: "S0010")]).first)
        let namesake = try #require(other.name)
        // As if the erased id and name were still in another row (S0010's, not erased here).
        let traces = try database.read { db in
            var traces = ErasureTraces(id: "S0010", name: namesake, email: "nobody.here@nhs.example")
            try traces.dropStillStored(db, id: "S0010")
            return traces
        }
        #expect(!traces.isSpecific)
        #expect(traces.needles.map { String(decoding: $0, as: UTF8.self) }.sorted() == [
            "nobody.here", "nobody.here@nhs.example",
        ])
    }
}
