import Foundation
@testable import MidstCore
import MidstStore
import Testing

/// The bundled UK organisations (issue 24, "Partners across the UK"): the partners of real
/// Health Partnerships, as their sources write them, resolve to their organisation.
@Suite("UK organisations")
struct UKOrganisationsTests {
    let reference = BundledReference.data

    /// `partner_examples.csv` beside this file: (partner as written, the code it must resolve to).
    static func examples() throws -> [(written: String, code: String)] {
        let url = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
            .appendingPathComponent("partner_examples.csv")
        let text = try String(contentsOf: url, encoding: .utf8)
        var reader = CSVReader(bytes: Array(text.utf8), skipsCommentLines: true)
        var fields: [String] = []
        var rows: [(String, String)] = []
        _ = try reader.nextRecord(into: &fields)
        #expect(fields.prefix(2) == ["partner_as_written", "expected_code"])
        while try reader.nextRecord(into: &fields) { rows.append((fields[0], fields[1])) }
        return rows
    }

    @Test("every real partner name of the examples resolves to its organisation, in all four nations")
    func realPartnersResolve() throws {
        let examples = try Self.examples()
        #expect(examples.count >= 40)
        var nations: Set<String> = []
        for example in examples {
            guard case .found(let organisation) = reference.organisation(named: example.written) else {
                Issue.record("'\(example.written)' does not resolve to \(example.code)")
                continue
            }
            #expect(organisation.code == example.code, "\(example.written)")
            nations.insert(organisation.nation)
        }
        #expect(nations.isSuperset(of: ["england", "wales", "scotland", "northern_ireland"]))
    }

    @Test("a hospital and a former name are keyed as the organisation they stand for")
    func sitesAndFormerNames() throws {
        let key = { OrganisationKey.key($0, reference) }
        #expect(key("Wrexham Maelor Hospital") == key("Betsi Cadwaladr University Health Board"))
        #expect(key("7A1") == key("Betsi Cadwaladr University Health Board"))
        #expect(key("TAH") != 0)
        #expect(key("TAH") == key(reference.organisation(code: "TAH")?.name))
        #expect(key("NHS Greater Glasgow and Clyde") != key("NHS Lothian"))
        let former = try #require(reference.organisations.first { $0.kind == .former })
        let code = try #require(former.resolvesTo)
        let successor = try #require(reference.organisation(code: code))
        #expect(key(former.name) == key(successor.name))
    }

    @Test("a partnership of organisations credits its members' staff; a royal college employs nobody")
    func membersAndNonNHSPartners() throws {
        let partnership = try #require(reference.organisations.first { !$0.members.isEmpty })
        let keys = OrganisationKey.keys(ofPartner: partnership.name, reference)
        for member in partnership.members {
            #expect(keys.contains(OrganisationKey.key(member, reference)), "\(member)")
        }
        let colleges = reference.organisations.filter { $0.kind == .royalCollege }
        #expect(!colleges.isEmpty)
        #expect(colleges.allSatisfy { !$0.employsNHSStaff && !$0.isNHSEmployer })
    }

    @Test("an unknown partner gets the nearest names; an ambiguous hospital name resolves to none")
    func unknownAndAmbiguous() throws {
        #expect(reference.organisation(named: "Sheffeld Health and Social Care") == .unknown)
        let like = reference.organisations(like: "Sheffeld Health and Social Care")
        #expect(like.contains { $0.code == "TAH" })
        // "St Thomas' Hospital" is in London and in Stockport.
        guard case .ambiguous(let both) = reference.organisation(named: "St Thomas' Hospital") else {
            Issue.record("St Thomas' Hospital should name two organisations")
            return
        }
        #expect(Set(both.map(\.code)).count == 2)
        // A trust's own name wins over a hospital of another trust written the same way.
        #expect(reference.organisation(named: "Queen Victoria Hospital NHS Foundation Trust") == .found(try #require(reference.organisation(code: "RPC"))))
    }

    @Test("ASCII names are normalised from their bytes exactly as by Unicode characters")
    func asciiNormalisation() {
        var random = SeededRandom(seed: 24)
        let alphabet = Array("abcXYZ09 &'-.,()/the NHS Trust ft")
        var names = reference.organisations.flatMap { [$0.name] + $0.aliases }
        for _ in 0..<5_000 {
            names.append(String((0..<random.index(below: 30)).map { _ in alphabet[random.index(below: alphabet.count)] }))
        }
        for name in names where name.utf8.allSatisfy({ $0 < 0x80 }) {
            #expect(OrganisationKey.normalised(name) == OrganisationKey.unicodeNormalised(name), "\(name)")
        }
    }
}
