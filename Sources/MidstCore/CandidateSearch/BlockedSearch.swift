/// The batch's candidate blocking: a need's best people are looked for first where they must
/// be, and the rest of its profession block is scanned only when a score bound cannot rule it
/// out, so the result is always the same as scanning the whole block.
///
/// A person's score is at most `specialty points × their best specialty credit + country
/// points × their best tie factor + rest`, where `rest` is the points of the other components
/// (each at most 1). So, in three groups that cover the block once:
///
/// 1. People with a tie that earns points, country by country from the highest factor. Once
///    even a perfect specialty with a country's factor cannot reach the list's worst score,
///    nobody whose best tie is that country or a later one can, and the group is done. Within
///    a country, when the need names specialties, people come by their best credited specialty,
///    most credit first, from posting lists by country and specialty (1a), each bound lower
///    than the last; those with none (1b) only when the need does not require one.
/// 2. People without such a tie, specialty by specialty from the most credit, until a credit
///    cannot reach the list.
/// 3. Everyone else earns no country or specialty points (and is not eligible when the need
///    requires a related specialty: the search is then done). When the list is full and its worst
///    score is above what is left, the search is done. The speakers of the languages that earn
///    the language component's local part (the site's languages when the need names them, else
///    its country's, ``LanguageRule/localPartCodes``) come next, language by language; whoever
///    speaks none of them earns at most ``LanguageRule/maxWithoutLocalPart`` of the language
///    points, and if that cannot reach the list the search is done. Otherwise everyone eligible is examined: the speakers
///    of the need's rarest required language, or else the whole block.
///
/// Someone who speaks none of those local languages earns at most
/// ``LanguageRule/maxWithoutLocalPart`` of the language points. When few people of the block speak
/// one, they are examined first (group 0), and every later group's bound is lowered by what
/// the others lack. Otherwise, in any group whose bound without them cannot reach the list,
/// only the speakers are examined.
///
/// When the need names a UK partner, the partner's staff earn the partnership points and nobody
/// else does. They are few (one organisation's staff), so they are examined first (the partner
/// group), and every later group's bound is lowered by the partnership points.
///
/// Each person is scored at most once: in the partner group if they work for a partner, in
/// group 1 under their best tie country, in group 2 under their best credited specialty, in
/// group 3 under the first local language they speak (in group 0 likewise, and then in no other
/// group).
/// See docs/SCORING.md ("Candidate blocking").
extension NeedPlan {
    /// The `top` best eligible people, best first (ties by staff id), exactly as a scan of the
    /// need's profession block would find them, and how many people were examined.
    public func topCandidates(
        in table: StaffTable, index: CandidateIndex, top: Int, excluding excluded: Set<Int32> = []
    ) -> (candidates: [(row: Int32, score: Double)], examined: Int) {
        guard top > 0 else { return ([], 0) }
        // Every person below comes from the index's lists of the plan's professions, but for
        // the last scan of whole blocks.
        var best = BestCandidates(plan: self, top: top, excluding: excluded, isIndexed: true)
        let hasSpecialty = !specialty.credit.isEmpty
        let rest = attainablePoints.sum(excluding: [.specialty, .country])
        // The most specialty value anyone can have (a secondary specialty is scaled by its
        // factor), and the most any tie kind is worth.
        let secondaryBound = max(1, specialty.secondaryFactor)
        let topSpecialty = hasSpecialty ? (specialty.credit.max() ?? 0) * secondaryBound : 1
        let topKind = country.kindValue.max() ?? 0
        // What a group's bound loses for those who speak none of the local languages: when the
        // rest of the group cannot reach the list without them, only speakers are examined.
        let localShortfall = points[.language] * (1 - language.maxWithoutLocalPart)
        func onlySpeakers(below bound: Double) -> Bool {
            localShortfall > 0 && !best.couldEnter(withAtMost: bound - localShortfall)
        }

        // A required language that few people of the block speak: only they can be eligible,
        // and examining them all costs less than the groups would.
        let blockSize = professions.reduce(0) { $0 + table.block(ofProfession: $1).count }
        let speakers = rarestRequiredSpeakers(index)
        if let speakers, speakers.count * Self.rareRequiredLanguageDivisor < blockSize {
            examineAll(speakers, index, table, &best)
            let examined = best.examined
            return (best.ranked(), examined)
        }

        // The partner group: the partners' staff first; everyone after them earns no
        // partnership points, so every later bound is lower by those points.
        // When the need names specialties, a partner's staff come by the specialty that earns
        // them the most credit, most first, as in step 1a (lists by employer and specialty).
        let topCountry =
            points[.country] * topKind * (country.byFactor.first.map { country.factor[$0] } ?? 0)
        let partnersFirst = !partnership.keys.isEmpty && points[.partnership] > 0
        if partnersFirst {
            for key in partnership.keys {
                guard hasSpecialty else {
                    for profession in professions {
                        for row in index.rows(profession: profession, employer: key) {
                            best.consider(row, table)
                        }
                    }
                    continue
                }
                for credited in specialty.byCredit {
                    let bound =
                        points[.specialty] * specialty.credit[credited] * secondaryBound
                        + topCountry + rest
                    guard best.couldEnter(withAtMost: bound) else { break }
                    for profession in professions {
                        for row in index.rows(
                            profession: profession, employer: key, specialty: credited)
                        where bestCreditedSpecialty(Int(row), table) == credited {
                            best.consider(row, table)
                        }
                    }
                }
                if requiresSpecialty || !best.couldEnter(withAtMost: topCountry + rest) {
                    continue
                }
                for profession in professions {
                    for row in index.rows(profession: profession, employer: key)
                    where bestCreditedSpecialty(Int(row), table) == nil {
                        best.consider(row, table)
                    }
                }
            }
        }
        let partnerPoints = partnersFirst ? points[.partnership] : 0
        /// Whether `row` works for a partner: examined in the partner group, or ruled out there.
        @inline(__always)
        func isPartnerStaff(_ row: Int32) -> Bool {
            partnersFirst && partnership.value(Int(row), table) == 1
        }

        // 0. When few people of the block speak a local language, they come first; everyone
        // after them speaks none, so every later bound is lower by the local shortfall.
        let localSpeakers = language.localPartCodes.reduce(0) { sum, code in
            professions.reduce(sum) { $0 + index.rows(profession: $1, language: Int(code)).count }
        }
        let speakersFirst =
            localShortfall > 0 && localSpeakers * Self.rareLocalLanguageDivisor < blockSize
        if speakersFirst {
            // Each speaker under the first local language they speak. When the need names
            // specialties, by the specialty that earns them the most credit, most first, as in
            // step 1a: each one's bound is lower, and those without one are walked only when
            // the need lets them in.
            let speakerPoints = topCountry + rest - partnerPoints
            for code in language.localPartCodes {
                func isSpeakerHere(_ row: Int32) -> Bool {
                    language.firstLocalPartCode(Int(row), table) == code && !isPartnerStaff(row)
                }
                guard hasSpecialty else {
                    for profession in professions {
                        for row in index.rows(profession: profession, language: Int(code))
                        where isSpeakerHere(row) {
                            best.consider(row, table)
                        }
                    }
                    continue
                }
                for credited in specialty.byCredit {
                    let bound =
                        points[.specialty] * specialty.credit[credited] * secondaryBound
                        + speakerPoints
                    guard best.couldEnter(withAtMost: bound) else { break }
                    for profession in professions {
                        let rows = index.rows(
                            profession: profession, language: Int(code), specialty: credited)
                        for row in rows
                        where bestCreditedSpecialty(Int(row), table) == credited
                            && isSpeakerHere(row)
                        {
                            best.consider(row, table)
                        }
                    }
                }
                if requiresSpecialty || !best.couldEnter(withAtMost: speakerPoints) { continue }
                for profession in professions {
                    for row in index.rows(profession: profession, language: Int(code))
                    where bestCreditedSpecialty(Int(row), table) == nil && isSpeakerHere(row) {
                        best.consider(row, table)
                    }
                }
            }
        }
        let spoken = (speakersFirst ? localShortfall : 0) + partnerPoints
        /// Whether group 1 or 2 passes `row` over: someone already seen in the partner group or
        /// in group 0, or, with `speakersOnly`, someone who speaks no local language.
        func passesOver(_ row: Int32, speakersOnly: Bool) -> Bool {
            if isPartnerStaff(row) { return true }
            if speakersFirst { return language.firstLocalPartCode(Int(row), table) != nil }
            return speakersOnly && language.firstLocalPartCode(Int(row), table) == nil
        }

        // 1. People with a tie that earns points.
        for tieCountry in country.byFactor {
            let bound =
                points[.specialty] * topSpecialty + points[.country] * topKind
                * country.factor[tieCountry]
                + rest - spoken
            guard best.couldEnter(withAtMost: bound) else { break }
            guard hasSpecialty else {
                let speakersOnly = !speakersFirst && onlySpeakers(below: bound)
                for profession in professions {
                    for row in index.rows(profession: profession, country: tieCountry)
                    where bestTieCountry(Int(row), table) == tieCountry
                        && !passesOver(row, speakersOnly: speakersOnly)
                    {
                        best.consider(row, table)
                    }
                }
                continue
            }
            // 1a. By the specialty that earns them the most credit, most first: each one's
            // bound is lower, and the people of the country without such a specialty are not
            // walked at all when the need requires one.
            let tiePoints =
                points[.country] * topKind * country.factor[tieCountry] + rest - spoken
            for credited in specialty.byCredit {
                let bound =
                    points[.specialty] * specialty.credit[credited] * secondaryBound + tiePoints
                guard best.couldEnter(withAtMost: bound) else { break }
                let speakersOnly = !speakersFirst && onlySpeakers(below: bound)
                for profession in professions {
                    for row in index.rows(
                        profession: profession, country: tieCountry, specialty: credited)
                    where bestTieCountry(Int(row), table) == tieCountry
                        && bestCreditedSpecialty(Int(row), table) == credited
                        && !passesOver(row, speakersOnly: speakersOnly)
                    {
                        best.consider(row, table)
                    }
                }
            }
            // 1b. Those without one, who earn no specialty points, when the need lets them in.
            if requiresSpecialty || !best.couldEnter(withAtMost: tiePoints) { continue }
            let speakersOnly = !speakersFirst && onlySpeakers(below: tiePoints)
            for profession in professions {
                for row in index.rows(profession: profession, country: tieCountry)
                where bestTieCountry(Int(row), table) == tieCountry
                    && bestCreditedSpecialty(Int(row), table) == nil
                    && !passesOver(row, speakersOnly: speakersOnly)
                {
                    best.consider(row, table)
                }
            }
        }

        // 2. People without one, with a credited specialty.
        if hasSpecialty {
            for credited in specialty.byCredit {
                let bound =
                    points[.specialty] * specialty.credit[credited] * secondaryBound + rest
                    - spoken
                guard best.couldEnter(withAtMost: bound) else { break }
                let speakersOnly = !speakersFirst && onlySpeakers(below: bound)
                for profession in professions {
                    for row in index.rows(profession: profession, specialty: credited)
                    where bestCreditedSpecialty(Int(row), table) == credited
                        && bestTieCountry(Int(row), table) == nil
                        && !passesOver(row, speakersOnly: speakersOnly)
                    {
                        best.consider(row, table)
                    }
                }
            }
        }

        // 3. Everyone else: nobody, when the need requires a related specialty, for they have
        // none.
        if requiresSpecialty { return (best.ranked(), best.examined) }
        let leftOver = (hasSpecialty ? 0 : points[.specialty]) + rest - spoken
        if !best.couldEnter(withAtMost: leftOver) {
            let examined = best.examined
            return (best.ranked(), examined)
        }
        // 3a. Of them, the speakers of a local language, language by language: who
        // speaks none earns at most `language.maxWithoutLocalPart` of the language points.
        if !language.localPartCodes.isEmpty, !speakersFirst {
            for code in language.localPartCodes {
                for profession in professions {
                    for row in index.rows(profession: profession, language: Int(code))
                    where bestTieCountry(Int(row), table) == nil
                        && (!hasSpecialty || bestCreditedSpecialty(Int(row), table) == nil)
                        && language.firstLocalPartCode(Int(row), table) == code && !isPartnerStaff(row)
                    {
                        best.consider(row, table)
                    }
                }
            }
            if !best.couldEnter(withAtMost: leftOver - localShortfall) {
                let examined = best.examined
                return (best.ranked(), examined)
            }
        }
        // Nobody can be ruled out by the bound: everyone eligible is examined, from scratch.
        let scansSpeakers = speakers.map { $0.count < blockSize } ?? false
        var scan = BestCandidates(
            plan: self, top: top, excluding: excluded, isIndexed: scansSpeakers)
        if let speakers, scansSpeakers {
            examineAll(speakers, index, table, &scan)
        } else {
            for profession in professions {
                for row in table.block(ofProfession: profession) { scan.consider(row, table) }
            }
        }
        let examined = best.examined + scan.examined
        return (scan.ranked(), examined)
    }

    /// The speakers of the need's required language that the fewest people of the block speak:
    /// nobody else is eligible. Nil when the need requires none.
    func rarestRequiredSpeakers(_ index: CandidateIndex)
        -> (wanted: LanguageRule.Wanted, count: Int)?
    {
        language.required.map { wanted in
            let count = wanted.codes.reduce(0) { sum, code in
                professions.reduce(sum) {
                    $0 + index.rows(profession: $1, language: Int(code)).count
                }
            }
            return (wanted, count)
        }
        .min { $0.count < $1.count }
    }

    /// Examines every person of the block who speaks one of `speakers`' codes at any level,
    /// each once: under the first of the codes they speak.
    func examineAll(
        _ speakers: (wanted: LanguageRule.Wanted, count: Int), _ index: CandidateIndex,
        _ table: StaffTable, _ best: inout BestCandidates
    ) {
        let codes = speakers.wanted.codes
        for code in codes {
            for profession in professions {
                for row in index.rows(profession: profession, language: Int(code))
                where codes.count == 1 || table.firstSpoken(of: codes, Int(row)) == code {
                    best.consider(row, table)
                }
            }
        }
    }

    /// Local-language speakers come first (group 0) when fewer than one in this many people of
    /// the block speak one: few enough that examining them all costs less than the groups
    /// their lower bound then cuts short (BENCHMARKS.md, "Site languages").
    static let rareLocalLanguageDivisor = 8

    /// The speakers of a required language are examined alone, without the groups, when fewer
    /// than one in this many people of the block speak it (BENCHMARKS.md, "Speed at v2").
    static let rareRequiredLanguageDivisor = 8

    /// Of person `row`'s specialties, the one with the most credit (the first among equals):
    /// where group 2 scores them. Nil when none earns credit.
    @inline(__always)
    func bestCreditedSpecialty(_ row: Int, _ table: StaffTable) -> Int? {
        var best: Int?
        var bestCredit = 0.0
        for index in Int(table.specialtyStart[row])..<Int(table.specialtyStart[row + 1]) {
            let code = Int(table.specialtyCodes[index])
            let credit = specialty.credit[code]
            if credit > bestCredit {
                best = code
                bestCredit = credit
            }
        }
        return best
    }

    /// Of person `row`'s tie countries, the one with the highest factor (the first in
    /// ``CountryRule/byFactor`` among equals): where group 1 scores them. Nil when no tie earns
    /// points.
    @inline(__always)
    func bestTieCountry(_ row: Int, _ table: StaffTable) -> Int? {
        var best: Int?
        for index in Int(table.tieStart[row])..<Int(table.tieStart[row + 1]) {
            let country = Int(table.tieCountries[index])
            let factor = self.country.factor[country]
            guard factor > 0 else { continue }
            if let current = best {
                let currentFactor = self.country.factor[current]
                if currentFactor > factor || (currentFactor == factor && current < country) {
                    continue
                }
            }
            best = country
        }
        return best
    }
}
