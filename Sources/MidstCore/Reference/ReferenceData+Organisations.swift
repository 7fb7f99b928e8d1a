/// Finding the organisation a partner or an employer names (docs/SCORING.md, "Partnership").
extension ReferenceData {
    /// What a text names among the organisations.
    package enum OrganisationMatch: Equatable, Sendable {
        /// One organisation: the current one, a site or former name resolved to it.
        case found(Organisation)
        /// Several (a hospital name two trusts use), each current.
        case ambiguous([Organisation])
        case unknown
    }

    /// The organisation `text` names: by code (any case), else by its normalised words against
    /// every name and alias. A site or former name stands for the organisation it resolves to.
    package func organisation(named text: String) -> OrganisationMatch {
        if let organisation = organisation(code: text) { return .found(current(organisation)) }
        let words = OrganisationKey.normalised(text)
        // A current organisation's own name wins over a hospital or former name written the
        // same way (Queen Victoria Hospital NHS Foundation Trust, and a Kent hospital's name).
        if let own = organisationsByOwnName[words] { return .found(organisations[own]) }
        guard let found = organisationsByWords[words], !found.isEmpty else { return .unknown }
        let named = found.map { self.organisations[$0] }
        return named.count == 1 ? .found(named[0]) : .ambiguous(named)
    }

    /// The organisation `organisation` stands for: itself, or what its site or former name
    /// resolves to (one step: the table's chains are flattened).
    package func current(_ organisation: Organisation) -> Organisation {
        organisation.resolvesTo.flatMap { self.organisation(code: $0) } ?? organisation
    }

    /// Up to `limit` current organisations whose names share the most telling words with `text`
    /// (a word counts more the fewer names use it; a word of five letters or more also matches
    /// a name's word one edit away, `sheffeld` for `sheffield`): the suggestions for a partner
    /// not found.
    package func organisations(like text: String, limit: Int = 3) -> [Organisation] {
        // Each organisation's names as sets of words, and how many organisations use each word:
        // made here, for the rare suggestion, rather than whenever the reference data loads.
        let named = organisations.map { organisation in
            ([organisation.name] + organisation.aliases)
                .map { Set(OrganisationKey.normalised($0).split(separator: " ").map(String.init)) }
        }
        var wordUse: [String: Int] = [:]
        for names in named {
            for word in names.reduce(into: Set<String>(), { $0.formUnion($1) }) {
                wordUse[word, default: 0] += 1
            }
        }
        var words: Set<String> = []
        for word in OrganisationKey.normalised(text).split(separator: " ").map(String.init) {
            words.insert(word)
            guard word.count >= 5, wordUse[word] == nil else { continue }
            for known in wordUse.keys where Self.isOneEditApart(word, known) {
                words.insert(known)
            }
        }
        guard !words.isEmpty else { return [] }
        var scores: [Int: Double] = [:]
        for (organisation, names) in zip(organisations, named) {
            let score = names.map { names in
                names.intersection(words).reduce(0.0) { $0 + 1 / Double(wordUse[$1] ?? 1) }
            }.max() ?? 0
            guard score > 0, let target = organisationIndex(code: current(organisation).code) else {
                continue
            }
            scores[target] = max(scores[target] ?? 0, score)
        }
        return scores.sorted { $0.value != $1.value ? $0.value > $1.value : $0.key < $1.key }
            .prefix(limit).map { organisations[$0.key] }
    }
}

extension ReferenceData {
    /// Whether `a` becomes `b` by one letter inserted, deleted or replaced.
    static func isOneEditApart(_ a: String, _ b: String) -> Bool {
        let a = Array(a.unicodeScalars)
        let b = Array(b.unicodeScalars)
        guard abs(a.count - b.count) <= 1, a != b else { return false }
        let (short, long) = a.count <= b.count ? (a, b) : (b, a)
        var i = 0
        while i < short.count, short[i] == long[i] { i += 1 }
        // The rest must agree once the differing letter is skipped (in the longer one, or in
        // both when they are as long).
        return short.count == long.count
            ? short[(i + 1)...] == long[(i + 1)...]
            : short[i...] == long[(i + 1)...]
    }
}

/// The organisations ordered by code, with their lookups by code and by words: one part of the
/// reference data (``ReferencePart``), which a query of a need without a partner never reads.
struct OrganisationTable: Sendable {
    let organisations: [Organisation]
    /// Each organisation's position in ``organisations`` by its code in upper case.
    let byCode: [String: Int]
    let lookups: OrganisationLookups

    init(_ organisations: [Organisation]) {
        self.organisations = organisations.sorted { $0.code < $1.code }
        var byCode: [String: Int] = [:]
        for (index, organisation) in self.organisations.enumerated() {
            byCode[organisation.code.uppercased()] = index
        }
        self.byCode = byCode
        lookups = OrganisationLookups(self.organisations, byCode: byCode)
    }
}

/// The lookups of organisations by their words.
struct OrganisationLookups: Sendable {
    /// Normalised name or alias → the positions of the current organisations it names.
    var byWords: [String: [Int]] = [:]
    /// Normalised own name of a current organisation (not a site or former name) → its position.
    var byOwnName: [String: Int] = [:]

    init(_ organisations: [Organisation], byCode: [String: Int]) {
        for organisation in organisations {
            let target = organisation.resolvesTo.flatMap { byCode[$0.uppercased()] }
                ?? byCode[organisation.code.uppercased()]!
            if organisation.resolvesTo == nil, organisation.kind != .site, organisation.kind != .former {
                byOwnName[OrganisationKey.normalised(organisation.name)] = target
            }
            for name in [organisation.name] + organisation.aliases {
                let words = OrganisationKey.normalised(name)
                guard !words.isEmpty else { continue }
                if !byWords[words, default: []].contains(target) { byWords[words, default: []].append(target) }
            }
        }
    }
}
