/// A UK organisation a Health Partnership may name as its UK partner, or a staff member as their
/// employer, from `uk_organisations.csv`: an NHS body of one of the four nations (an English trust,
/// a Welsh health board or trust, a Scottish NHS board, a Northern Irish HSC trust), a hospital
/// (site) or a former name that stands for one of them, or a partner that employs no NHS staff (a
/// university, a royal college, a charity).
package struct Organisation: Hashable, Sendable {
    /// What an organisation is.
    package enum Kind: String, CaseIterable, Sendable {
        case trust
        case healthBoard = "health_board"
        case specialHealthAuthority = "special_health_authority"
        case nhsBoard = "nhs_board"
        case specialBoard = "special_board"
        case hscTrust = "hsc_trust"
        /// A hospital or other site, standing for the organisation that runs it.
        case site
        /// A former name or a closed organisation, standing for its successor.
        case former
        case university
        case royalCollege = "royal_college"
        case charity
        case otherPartner = "other_partner"
    }

    /// The ODS code (`RGT`, `7A1`), a Public Health Scotland location code for a Scottish
    /// hospital, or a Midst code starting `X-` where the organisation has neither.
    package var code: String
    package var name: String
    package var kind: Kind
    /// `england`, `wales`, `scotland`, `northern_ireland` or `uk`.
    package var nation: String
    /// For a site or a former name: the code of the organisation it stands for.
    package var resolvesTo: String?
    package var employsNHSStaff: Bool
    /// Other names in use (`Guy's and St Thomas'`).
    package var aliases: [String]
    /// For a partnership of organisations (King's Health Partners): the codes of its members,
    /// whose staff count as its own.
    package var members: [String]

    package init(
        code: String, name: String, kind: Kind, nation: String = "england",
        resolvesTo: String? = nil, employsNHSStaff: Bool = true, aliases: [String] = [],
        members: [String] = []
    ) {
        self.code = code
        self.name = name
        self.kind = kind
        self.nation = nation
        self.resolvesTo = resolvesTo
        self.employsNHSStaff = employsNHSStaff
        self.aliases = aliases
        self.members = members
    }

    /// Whether it is a current organisation that employs NHS staff: a possible employer.
    package var isNHSEmployer: Bool {
        employsNHSStaff && resolvesTo == nil && kind != .site && kind != .former
    }
}

/// How an employer and a partner are compared (docs/SCORING.md, "Partnership"): a text that
/// names one organisation of the reference data (by code, name, alias, one of its sites or a
/// former name) is read as that organisation's name; any other text is compared by its own words.
/// Words are compared in lower case, with `&` as `and`, apostrophes dropped, every other mark a
/// space, a leading `the` dropped and the trailing words `nhs`, `foundation`, `trust` and `ft`
/// dropped. So `Guy's & St Thomas' NHS Foundation Trust`, `guys and st thomas` and `RJ1` are one
/// organisation, and so are `Wrexham Maelor Hospital` and `Betsi Cadwaladr University Health
/// Board`.
package enum OrganisationKey {
    /// The words a name is compared by, joined by single spaces.
    package static func normalised(_ name: String) -> String {
        // Most names are ASCII: their bytes are read directly (every command that loads the
        // reference data normalises a thousand organisation names and aliases).
        var name = name
        if let ascii = name.withUTF8(asciiNormalised) { return ascii }
        return unicodeNormalised(name)
    }

    /// ``normalised(_:)`` of an ASCII name from its bytes; nil when a byte is not ASCII.
    private static func asciiNormalised(_ bytes: UnsafeBufferPointer<UInt8>) -> String? {
        var letters: [UInt8] = []
        letters.reserveCapacity(bytes.count + 8)
        for byte in bytes {
            switch byte {
            case 0x80...: return nil
            case UInt8(ascii: "&"): letters += Array(" and ".utf8)
            case UInt8(ascii: "'"): continue
            case UInt8(ascii: "A")...UInt8(ascii: "Z"): letters.append(byte + 32)
            case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "0")...UInt8(ascii: "9"):
                letters.append(byte)
            default: letters.append(UInt8(ascii: " "))
            }
        }
        return words(letters.split(separator: UInt8(ascii: " ")).map { String(decoding: $0, as: UTF8.self) })
    }

    /// ``normalised(_:)`` by Unicode characters: any letter or number is kept, in lower case.
    package static func unicodeNormalised(_ name: String) -> String {
        var letters: [Character] = []
        for character in name.lowercased() {
            if character == "&" {
                letters += " and "
            } else if character == "'" || character == "’" {
                continue
            } else if character.isLetter || character.isNumber {
                letters.append(character)
            } else {
                letters.append(" ")
            }
        }
        return words(String(letters).split(separator: " ").map(String.init))
    }

    /// `words` without a leading `the` and, while more than one is left, a trailing `nhs`,
    /// `foundation`, `trust` or `ft`, joined by single spaces.
    private static func words(_ words: [String]) -> String {
        var words = words
        if words.first == "the" { words.removeFirst() }
        while let last = words.last, trailingWords.contains(last), words.count > 1 {
            words.removeLast()
        }
        return words.joined(separator: " ")
    }

    private static let trailingWords: Set<String> = ["nhs", "foundation", "trust", "ft"]

    /// The key of an employer or partner as written: the FNV-1a hash of the normalised name of
    /// the one organisation it names, else of its own normalised words; never 0, and 0 for empty
    /// text. 64 bits, so that two different names share a key with a chance of about n²/2⁶⁵.
    package static func key(_ text: String?, _ reference: ReferenceData) -> UInt64 {
        guard let text else { return 0 }
        let trimmed = text.trimmingSpaces
        guard !trimmed.isEmpty else { return 0 }
        if case .found(let organisation) = reference.organisation(named: trimmed) {
            return key(ofWords: normalised(organisation.name))
        }
        return key(ofWords: normalised(trimmed))
    }

    /// The keys a partner as written credits: its own, and, for a partnership of organisations
    /// (King's Health Partners), each member's.
    package static func keys(ofPartner text: String, _ reference: ReferenceData) -> [UInt64] {
        var keys = [key(text, reference)]
        if case .found(let organisation) = reference.organisation(named: text.trimmingSpaces) {
            for member in organisation.members {
                keys.append(key(member, reference))
            }
        }
        var distinct: [UInt64] = []
        for key in keys where key != 0 && !distinct.contains(key) { distinct.append(key) }
        return distinct
    }

    private static func key(ofWords words: String) -> UInt64 {
        guard !words.isEmpty else { return 0 }
        let hash = FNV1a.hash(words.utf8)
        return hash == 0 ? 1 : hash
    }
}
