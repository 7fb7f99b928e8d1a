/// A UK NHS organisation with its ODS (Organisation Data Service) code, from
/// `nhs_organisations.csv`: what a staff member's `employer` and a need's `partner` name.
package struct Organisation: Hashable, Sendable {
    /// The ODS organisation code (`RGT`, `7A1`).
    package var code: String
    package var name: String
    /// `trust` (NHS trust or foundation trust) or `health_board` (Welsh local health board).
    package var kind: String

    package init(code: String, name: String, kind: String) {
        self.code = code
        self.name = name
        self.kind = kind
    }
}

/// How an employer and a partner are compared (docs/SCORING.md, "Partnership"): an ODS code is
/// read as its organisation's name; a name is compared by its words in lower case, with `&` as
/// `and`, apostrophes dropped, every other mark a space, a leading `the` dropped and the
/// trailing words `nhs`, `foundation`, `trust` and `ft` dropped. So
/// `Guy's & St Thomas' NHS Foundation Trust`, `guys and st thomas` and `RJ1` are one organisation.
package enum OrganisationKey {
    /// The words a name is compared by, joined by single spaces.
    package static func normalised(_ name: String) -> String {
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
        var words = String(letters).split(separator: " ").map(String.init)
        if words.first == "the" { words.removeFirst() }
        while let last = words.last, trailingWords.contains(last), words.count > 1 {
            words.removeLast()
        }
        return words.joined(separator: " ")
    }

    private static let trailingWords: Set<String> = ["nhs", "foundation", "trust", "ft"]

    /// The key of an employer or partner as written: the FNV-1a hash of its normalised name (of
    /// its organisation's name when `text` is an ODS code in `reference`), never 0; 0 for empty
    /// text. 64 bits, so that two different names share a key with a chance of about n²/2⁶⁵.
    package static func key(_ text: String?, _ reference: ReferenceData) -> UInt64 {
        guard let text else { return 0 }
        let trimmed = text.trimmingSpaces
        guard !trimmed.isEmpty else { return 0 }
        let name = reference.organisation(code: trimmed)?.name ?? trimmed
        let words = normalised(name)
        guard !words.isEmpty else { return 0 }
        let hash = FNV1a.hash(words.utf8)
        return hash == 0 ? 1 : hash
    }
}
