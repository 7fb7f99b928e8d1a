/// Generates valid, varied staff and need records in the CSV import format, reproducibly from a
/// seed, for benchmarks and load tests at NHS scale.
///
/// Distributions follow the NHS workforce statistics in `docs/` (about 80% British nationals;
/// India, the Philippines, Ireland and Nigeria the largest other nationalities; every country
/// partnerships work in present) and the CLDR language shares of each country: a national speaks
/// one of their country's languages natively, drawn by share, and each other language a tenth or
/// more of the country speaks with that chance. About a fifth of clinicians hold a skill.
/// Employers are the real NHS organisations of the four nations in the reference data; about half
/// of the needs name a UK partner (by name or code: mostly an employer, a tenth of the time a
/// university, royal college or charity, a hospital or a former name), and some name a skill
/// (half of them wanted as well as the specialty), a second country (whose site names its own
/// language half the time) or a minimum score. Names of people are synthetic.
///
/// Needs come by project: about 60% of projects send a team (32 of the 51 real Health
/// Partnership projects converted for issue #24 did), of 2 to 4 members, one slot each, who share
/// the partnership, host, country, partner, dates, mode and status and differ in profession and
/// specialty, as an obstetrician, a midwife and an anaesthetist going to one hospital for a
/// fortnight do. Half of the teams sent to a country with a language other than English name it in
/// `team_languages` (at least one member should speak it at B1), on their first member only: the
/// others take it at import. The rest of the projects are one need each.
public struct DataGenerator: Sendable {
    private var random: SeededRandom
    /// The team whose members are being written, if any.
    private var team: TeamInProgress?
    private let reference: ReferenceData
    private let professions: [(SpecialtyCode, Double)]
    private let specialtiesByProfession: [SpecialtyCode: [SpecialtyCode]]
    /// Per country: its languages spoken by at least 5% (English aside), with their shares.
    private let localLanguages: [CountryCode: [(LanguageCode, Double)]]
    private let skills: [SpecialtyCode]
    private let employers: [Organisation]
    /// What a need may name as its partner besides an employer: partners that employ no NHS
    /// staff, hospitals and former names (each standing for an employer).
    private let otherPartners: [Organisation]

    /// Nationalities of NHS staff and their rough shares, in per cent.
    private static let nationalities: [(String, Double)] = [
        ("GB", 80), ("IN", 4.5), ("PH", 3.2), ("IE", 1.0), ("NG", 1.4), ("PL", 0.6), ("ZW", 0.6),
        ("PT", 0.5), ("ES", 0.5), ("RO", 0.4), ("IT", 0.4), ("GH", 0.5), ("PK", 0.7), ("KE", 0.3),
        ("UG", 0.3), ("ZA", 0.3), ("MW", 0.2), ("ZM", 0.2), ("TZ", 0.1), ("ET", 0.1), ("SL", 0.1),
        ("XS", 0.05), ("SO", 0.05), ("MM", 0.1), ("SY", 0.1), ("NP", 0.2), ("EG", 0.3), ("SD", 0.2),
        ("LK", 0.3), ("BD", 0.3), ("JM", 0.2), ("GR", 0.3), ("NL", 0.1), ("DE", 0.2), ("FR", 0.2),
        ("GM", 0.02), ("CD", 0.03), ("RW", 0.03), ("MZ", 0.02), ("LR", 0.02), ("SS", 0.02),
    ]
    /// Countries of heritage among British-born staff.
    private static let heritage = [
        "IN", "PK", "BD", "NG", "GH", "JM", "SO", "CN", "UG", "KE", "IE", "PL",
    ]
    /// Host countries of Health Partnerships.
    private static let hosts = [
        "UG", "MW", "ZM", "TZ", "ET", "NG", "GH", "SL", "XS", "MM", "SY", "ZW", "NP", "GM", "KE",
        "CD",
        "RW", "MZ", "LR", "SS",
    ]
    private static let givenNames = [
        "Amara", "Joseph", "Grace", "Mohammed", "Priya", "Oliver", "Chiamaka", "Tendai", "Maria",
        "David", "Fatima", "James", "Aisha", "Samuel", "Sarah", "Ravi", "Mercy", "Thomas", "Ngozi",
        "Hannah",
    ]
    private static let familyNames = [
        "Okafor", "Smith", "Nakato", "Patel", "Santos", "Mensah", "Moyo", "Khan", "Jones", "Banda",
        "Reyes", "Williams", "Abdi", "Tesfaye", "Aung", "Hassan", "Kowalski", "Murphy", "Phiri",
        "Brown",
    ]
    /// Employers when the reference data lists no organisation.
    private static let fallbackEmployers = [
        Organisation(
            code: "RGT", name: "Cambridge University Hospitals NHS Foundation Trust", kind: .trust)
    ]

    /// A generator over `reference` (codes are drawn from it), reproducible from `seed`.
    public init(reference: ReferenceData, seed: UInt64) {
        random = SeededRandom(seed: seed)
        self.reference = reference
        let shares: [String: Double] = [
            "nurse": 35, "doctor": 25, "midwife": 8, "allied_health": 20, "pharmacist": 5,
            "healthcare_scientist": 5, "management": 2,
        ]
        var byProfession: [SpecialtyCode: [SpecialtyCode]] = [:]
        for entry in reference.specialties where entry.level != .profession && !entry.isSkill {
            byProfession[entry.profession, default: []].append(entry.code)
        }
        skills = reference.specialties.filter(\.isSkill).map(\.code)
        // Managers hold skills only.
        if let management = reference.specialties.first(where: {
            $0.level == .profession && $0.code.rawValue == "management"
        }), byProfession[management.code] == nil, !skills.isEmpty {
            byProfession[management.code] = skills
        }
        specialtiesByProfession = byProfession
        let current = reference.organisations.filter(\.isNHSEmployer)
        employers = current.isEmpty ? Self.fallbackEmployers : current
        // Only names that name one organisation (a hospital name two trusts share would not).
        otherPartners = reference.organisations.filter {
            guard !$0.isNHSEmployer, case .found = reference.organisation(named: $0.name) else {
                return false
            }
            return true
        }
        professions = reference.specialties.filter {
            $0.level == .profession && byProfession[$0.code] != nil
        }
        .map { ($0.code, shares[$0.code.rawValue] ?? 1) }
        var local: [CountryCode: [(LanguageCode, Double)]] = [:]
        for country in reference.countries {
            local[country.code] = reference.languages(spokenIn: country.code).filter {
                $0.populationPercent >= 5 && $0.language.rawValue != "en"
            }
            .map { ($0.language, $0.populationPercent) }
        }
        localLanguages = local
    }

    /// The staff CSV header.
    public static let staffHeader =
        "id,name,email,profession,specialties,skills,seniority,countries,languages,available_from,"
        + "available_to,modes,max_assignments,consent,employer,placements,updated_at\n"

    /// The needs CSV header.
    public static let needHeader =
        "id,partnership,host_institution,country,profession,specialty,skills,skills_required,partner,"
        + "min_score,min_seniority,required_languages,preferred_languages,start,end,mode,slots,"
        + "priority,status,team,team_languages,description,updated_at\n"

    /// Of the projects, the share that send a team (the type's comment says why).
    public static let teamShare = 0.6
    /// Of the teams sent where a language other than English is spoken, the share that name it.
    public static let teamLanguageShare = 0.5

    /// What the members of a team share, and how many are still to be written.
    private struct TeamInProgress: Sendable {
        var id: String
        var membersLeft: Int
        var country: String
        var partnership: String
        var host: String
        var partner: String
        var start: CalendarDate
        var end: CalendarDate
        var mode: String
        var status: String
    }

    /// One staff CSV line (ending in a newline) for staff number `index`.
    public mutating func staffLine(index: Int) -> String {
        let id = "S\(index)"
        let given = Self.givenNames[random.index(below: Self.givenNames.count)]
        let family = Self.familyNames[random.index(below: Self.familyNames.count)]
        let profession = random.pick(professions)
        let options = specialtiesByProfession[profession]!
        var specialties = [options[random.index(below: options.count)]]
        if random.chance(0.4) {
            let second = options[random.index(below: options.count)]
            if second != specialties[0] { specialties.append(second) }
        }
        var skill = ""
        if !skills.contains(specialties[0]), !skills.isEmpty, random.chance(0.2) {
            skill = skills[random.index(below: skills.count)].rawValue
        }
        let seniority = random.pick([("1", 20.0), ("2", 25), ("3", 25), ("4", 18), ("5", 12)])
        let nationality = random.pick(Self.nationalities)
        var ties: [String] = []
        var languages: [(String, String)] = []
        if nationality == "GB" {
            ties.append("GB:nationality")
            languages.append(("en", "native"))
            if random.chance(0.15) {
                let country = Self.heritage[random.index(below: Self.heritage.count)]
                ties.append("\(country):heritage")
                addLocal(
                    country, level: random.pick([("B1", 1.0), ("C1", 1), ("native", 1)]),
                    to: &languages)
            }
        } else {
            ties.append("\(nationality):nationality")
            if random.chance(0.9) { ties.append("\(nationality):birth") }
            if random.chance(0.7) {
                ties.append("\(nationality):trained:\(3 + random.index(below: 6))")
            }
            addLocal(nationality, level: "native", to: &languages)
            if !languages.contains(where: { $0.0 == "en" }) {
                languages.append(("en", random.pick([("B2", 1.0), ("C1", 3), ("C2", 2)])))
            }
        }
        if random.chance(0.08) {
            let country = Self.hosts[random.index(below: Self.hosts.count)]
            if !ties.contains(where: { $0.hasPrefix("\(country):") }) {
                ties.append("\(country):worked:\(1 + random.index(below: 5))")
            }
        }
        var window = ","
        if random.chance(0.6) {
            // Day 20,454 is 2026-01-01.
            let start = CalendarDate(dayNumber: 20_454 + random.index(below: 540))
            let end = CalendarDate(dayNumber: start.dayNumber + 30 + random.index(below: 330))
            window = "\(start),\(end)"
        }
        let modes = random.pick([("remote;in-country", 50.0), ("remote", 35), ("in-country", 15)])
        let capacity = random.pick([("1", 70.0), ("2", 20), ("3", 5), ("0", 5)])
        let consent = random.chance(0.92) ? "yes" : "no"
        let employer = CSVWriter.escape(employers[random.index(below: employers.count)].name)
        return
            "\(id),\(given) \(family),\(given.lowercased()).\(family.lowercased())\(index)@nhs.example,"
            + "\(profession),\(specialties.map(\.rawValue).joined(separator: ";")),\(skill),\(seniority),"
            + "\(ties.joined(separator: ";")),\(languages.map { "\($0.0):\($0.1)" }.joined(separator: ";")),"
            + "\(window),\(modes),\(capacity),\(consent),\(employer),\(random.index(below: 5)),2026-11-01\n"
    }

    /// One need CSV line (ending in a newline) for need number `index`.
    /// Members of a team follow one another (the first gives the team's languages); a new
    /// project starts when the last team is complete.
    public mutating func needLine(index: Int) -> String {
        var teamLanguages = ""
        if team == nil, random.chance(Self.teamShare) {
            let country = Self.hosts[random.index(below: Self.hosts.count)]
            let countryName = reference.info(for: CountryCode(rawValue: country))?.name ?? country
            let start = CalendarDate(dayNumber: 20_454 + random.index(below: 540))
            team = TeamInProgress(
                id: "T\(index)", membersLeft: random.pick([(2, 30.0), (3, 50), (4, 20)]),
                country: country,
                partnership: CSVWriter.escape("\(countryName) Health Partnership \(index % 97)"),
                host: CSVWriter.escape("Hospital \(index) (\(countryName))"),
                partner: randomPartner(),
                start: start, end: CalendarDate(dayNumber: start.dayNumber + 14 + random.index(below: 14)),
                mode: random.pick([("in-country", 80.0), ("either", 20)]),
                status: random.pick([("open", 90.0), ("filled", 6), ("closed", 4)]))
            if let language = localLanguages[CountryCode(rawValue: country)]?.first?.0,
                random.chance(Self.teamLanguageShare)
            {
                teamLanguages = "\(language):B1"
            }
        }
        let line = needLine(index: index, team: team, teamLanguages: teamLanguages)
        if var current = team {
            current.membersLeft -= 1
            team = current.membersLeft > 0 ? current : nil
        }
        return line
    }

    /// A need line on its own, or as a member of `team`.
    private mutating func needLine(index: Int, team: TeamInProgress?, teamLanguages: String) -> String {
        let country = team?.country ?? Self.hosts[random.index(below: Self.hosts.count)]
        let code = CountryCode(rawValue: country)
        let countryName = reference.info(for: code)?.name ?? country
        let profession = random.pick(professions)
        let options = specialtiesByProfession[profession]!
        let specialty = options[random.index(below: options.count)]
        var skill =
            !skills.isEmpty && random.chance(0.1) ? skills[random.index(below: skills.count)].rawValue : ""
        if skill == specialty.rawValue { skill = "" }
        // Half the needs that name a skill want it as well as the specialty.
        let skillsRequired = !skill.isEmpty && random.chance(0.5) ? "all" : ""
        var countries = country
        var other: String?
        if team == nil, random.chance(0.08) {
            let drawn = Self.hosts[random.index(below: Self.hosts.count)]
            if drawn != country {
                countries += ";\(drawn)"
                other = drawn
            }
        }
        let partner = team?.partner ?? randomPartner()
        let minimumScore = random.chance(0.1) ? "\(40 + random.index(below: 30))" : ""
        let local = (localLanguages[code] ?? []).map(\.0)
        var required: [String] = []
        if random.chance(0.7) { required.append("en:B2") }
        if let first = local.first, random.chance(0.1) { required.append("\(first):B1") }
        var preferred: [String] = []
        if let first = local.first, !required.contains("\(first):B1"), random.chance(0.6) {
            preferred.append(first.rawValue)
        }
        // A regional need's second site names its own language, now and then.
        if let other, let language = localLanguages[CountryCode(rawValue: other)]?.first?.0,
            !required.contains("\(language):B1"), random.chance(0.5)
        {
            preferred.append("\(other):\(language)")
        }
        let partnership: String
        let host: String
        let start: CalendarDate
        let end: CalendarDate
        let mode: String
        let status: String
        let slots: Int
        if let team {
            (partnership, host, start, end) = (team.partnership, team.host, team.start, team.end)
            (mode, status, slots) = (team.mode, team.status, 1)
        } else {
            start = CalendarDate(dayNumber: 20_454 + random.index(below: 540))
            end = CalendarDate(dayNumber: start.dayNumber + 14 + random.index(below: 350))
            mode = random.pick([("either", 50.0), ("remote", 30), ("in-country", 20)])
            status = random.pick([("open", 90.0), ("filled", 6), ("closed", 4)])
            partnership = CSVWriter.escape("\(countryName) Health Partnership \(index % 97)")
            host = CSVWriter.escape("Hospital \(index) (\(countryName))")
            slots = 1 + random.index(below: 3)
        }
        return "N\(index),\(partnership),\(host),"
            + "\(countries),\(profession),\(specialty),\(skill),\(skillsRequired),\(partner),"
            + "\(minimumScore),"
            + "\(1 + random.index(below: 4)),"
            + "\(required.joined(separator: ";")),\(preferred.joined(separator: ";")),\(start),\(end),\(mode),"
            + "\(slots),\(1 + random.index(below: 5)),\(status),\(team?.id ?? ""),\(teamLanguages),,"
            + "2026-11-01\n"
    }

    /// About half the needs name a UK partner: mostly an NHS employer by name or code; now and
    /// then a university, royal college or charity, a hospital or a former name.
    private mutating func randomPartner() -> String {
        guard random.chance(0.5) else { return "" }
        let organisation =
            !otherPartners.isEmpty && random.chance(0.1)
            ? otherPartners[random.index(below: otherPartners.count)]
            : employers[random.index(below: employers.count)]
        return CSVWriter.escape(random.chance(0.5) ? organisation.code : organisation.name)
    }

    /// Adds the languages of `country`: one drawn by CLDR share at `level`, and, for a national
    /// (`level` native), each other language a tenth or more of the country speaks, with that
    /// chance, at B2 to C2; then English for the countries where it is widely spoken.
    private mutating func addLocal(
        _ country: String, level: String, to languages: inout [(String, String)]
    ) {
        let local = localLanguages[CountryCode(rawValue: country)] ?? []
        if !local.isEmpty {
            let first = random.pick(local)
            if !languages.contains(where: { $0.0 == first.rawValue }) {
                languages.append((first.rawValue, level))
            }
            if level == "native" {
                for (language, share) in local
                where share >= 10 && language != first && random.chance(share / 100) {
                    languages.append(
                        (language.rawValue, random.pick([("B2", 1.0), ("C1", 1), ("C2", 1)])))
                }
            }
        }
        if ["GB", "IE", "JM", "NG", "GH", "ZW", "UG", "KE", "ZM", "MW", "SL", "ZA", "IN", "PH"]
            .contains(country),
            !languages.contains(where: { $0.0 == "en" })
        {
            languages.append(("en", country == "IE" || country == "JM" ? "native" : "C1"))
        }
    }
}

extension DataGenerator {
    /// `staff` staff lines, then `needs` need lines, read and validated as an import would:
    /// generated data as model values, for tests and benchmarks. Generated lines are always
    /// valid; a line that is not is a bug in the generator, thrown as the import's error.
    public mutating func records(staff staffCount: Int, needs needCount: Int) throws
        -> (staff: [Staff], needs: [Need])
    {
        let now = Timestamp(secondsSince1970: 0)
        var staffText = Self.staffHeader
        for index in 1...max(staffCount, 1) where staffCount > 0 {
            staffText += staffLine(index: index)
        }
        var needText = Self.needHeader
        for index in 1...max(needCount, 1) where needCount > 0 {
            needText += needLine(index: index)
        }
        let staffValidator = StaffValidator(reference: reference, now: now, horizon: .anyDate)
        var staffReader = try RecordReader<StaffColumn>(
            bytes: Array(staffText.utf8), format: .csv, file: "staff.csv")
        var staff: [Staff] = []
        while let raw = try staffReader.next() {
            staff.append(try staffValidator.validate(raw.row.get(), file: "staff.csv").get())
        }
        let needValidator = NeedValidator(reference: reference, now: now, horizon: .anyDate)
        var needReader = try RecordReader<NeedColumn>(
            bytes: Array(needText.utf8), format: .csv, file: "needs.csv")
        var needs: [Need] = []
        while let raw = try needReader.next() {
            needs.append(try needValidator.validate(raw.row.get(), file: "needs.csv").get())
        }
        return (staff, needs)
    }
}
