import Foundation

/// How a country or a taxonomy entry is looked up by the words people write for it: in lower
/// case, accents dropped (`Côte` is `cote`), `&` as `and`, apostrophes and full stops dropped
/// (`d'Ivoire`, `U.K.`), every other mark a space, the word `the` dropped and `st` read as
/// `saint`. So `Cote d'Ivoire`, `Côte d’Ivoire` and `côte divoire` are one name, and so are
/// `St. Lucia` and `Saint Lucia`.
package enum ReferenceName {
    /// The words `text` is looked up by, joined by single spaces; empty (no name) for text
    /// holding a control character.
    package static func key(_ text: some StringProtocol) -> String {
        guard !text.utf8.contains(where: { $0 < 0x20 || $0 == 0x7F }) else { return "" }
        var words: [String] = []
        var word = ""
        func endWord() {
            if word == "st" { word = "saint" }
            if !word.isEmpty, word != "the" { words.append(word) }
            word = ""
        }
        let isASCII = text.utf8.allSatisfy { $0 < 0x80 }
        let folded =
            isASCII
            ? String(text).lowercased()
            : String(text).folding(options: [.caseInsensitive, .diacriticInsensitive], locale: nil)
                .lowercased()
        for character in folded {
            switch character {
            case "&":
                endWord()
                words.append("and")
            case "'", "’", "‘", "`", ".": continue
            default:
                if character.isLetter || character.isNumber {
                    word.append(character)
                } else {
                    endWord()
                }
            }
        }
        endWord()
        return words.joined(separator: " ")
    }

    /// Levenshtein distance between `a` and `b`, or `limit + 1` once it is known to exceed
    /// `limit`.
    package static func editDistance(_ a: [Character], _ b: [Character], limit: Int) -> Int {
        var previous = Array(0...b.count)
        for (i, x) in a.enumerated() {
            var current = [i + 1] + [Int](repeating: 0, count: b.count)
            for (j, y) in b.enumerated() {
                current[j + 1] = Swift.min(
                    previous[j + 1] + 1, current[j] + 1, previous[j] + (x == y ? 0 : 1))
            }
            if current.min()! > limit { return limit + 1 }
            previous = current
        }
        return previous[b.count]
    }
}
