import ArgumentParser
import MidstCore
import MidstStore

/// `midst reference …`: the bundled reference data.
struct Reference: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "reference",
        abstract: "Show the reference data: countries, languages, specialties, skills, UK organisations.",
        discussion: """
            The tables come from Debian's iso-codes (ISO 3166-1, ISO 639) and Unicode CLDR \
            (UN M49 regions, languages spoken per country), and Midst's clinical taxonomy.

              midst reference specialties --profession doctor
              midst reference skills
              midst reference languages --country UG
              midst reference organisations --search "Wrexham Maelor"
            """,
        subcommands: [
            Countries.self, Languages.self, Specialties.self, Skills.self, Organisations.self,
        ])

    struct Countries: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "countries",
            abstract: "List countries with their UN M49 regions.")
        @Option(help: "table, json or csv.") var format: OutputFormat = .table
        func run() throws {
            let rows = BundledReference.data.countries.map { country -> [Cell] in
                [
                    .text(country.code.rawValue), .text(country.alpha3), .text(country.name),
                    .text(country.region), .text(country.subregion),
                ]
            }
            print(
                try RecordTable(columns: ["code", "alpha3", "name", "region", "subregion"], rows: rows)
                    .rendered(as: format), terminator: "")
        }
    }

    struct Languages: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "languages",
            abstract: "List languages, or those spoken in one country with CLDR's population share."
        )
        @Option(help: "Only languages spoken in this country (alpha-2 or alpha-3).") var country:
            String?
        @Option(help: "table, json or csv.") var format: OutputFormat = .table

        func run() throws {
            let reference = BundledReference.data
            guard let country else {
                let rows = reference.languages.map {
                    [Cell.text($0.code.rawValue), .text($0.alpha3), .text($0.name)]
                }
                print(
                    try RecordTable(columns: ["code", "alpha3", "name"], rows: rows).rendered(
                        as: format), terminator: "")
                return
            }
            guard let code = reference.country(country) else {
                throw ValidationError("Unknown country code \(country.quotedForMessage()).")
            }
            let rows = reference.languages(spokenIn: code).map { spoken -> [Cell] in
                [
                    .text(spoken.language.rawValue),
                    .text(reference.info(for: spoken.language)?.name ?? ""),
                    .number(spoken.populationPercent, decimals: 1),
                    .text(spoken.officialStatus.rawValue),
                ]
            }
            print(
                try RecordTable(
                    columns: ["code", "name", "population_percent", "official_status"], rows: rows
                )
                .rendered(as: format), terminator: "")
        }
    }

    struct Specialties: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "specialties",
            abstract: "List the clinical taxonomy: profession → specialty → sub-specialty.")
        @Option(help: "Only this profession's entries.") var profession: String?
        @Option(help: "table, json or csv.") var format: OutputFormat = .table

        func run() throws {
            let entries = BundledReference.data.specialties.filter {
                !$0.isSkill
                    && (profession == nil || $0.profession.rawValue == profession!.lowercased())
            }
            if entries.isEmpty {
                throw ValidationError("Unknown profession \((profession ?? "").quotedForMessage()).")
            }
            print(try Self.table(entries).rendered(as: format), terminator: "")
        }

        /// Taxonomy entries as a table, with the older codes each replaces.
        static func table(_ entries: [Specialty]) -> RecordTable {
            let rows = entries.map { entry -> [Cell] in
                [
                    .text(entry.code.rawValue), .text(entry.parent?.rawValue ?? ""),
                    .text(entry.level.rawValue),
                    .text(entry.name), .text(entry.source),
                    .text(entry.aliases.map(\.rawValue).joined(separator: ";")),
                ]
            }
            return RecordTable(
                columns: ["code", "parent", "level", "name", "source", "aliases"], rows: rows)
        }
    }

    struct Skills: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "skills",
            abstract: "List the skills: themes any profession can hold (education, IPC …).",
            discussion: """
                Staff list skills in their `skills` column and needs in theirs; a need's skill \
                counts like a specialty (docs/SCORING.md). `aliases` are older codes still \
                accepted on import.
                """)
        @Option(help: "table, json or csv.") var format: OutputFormat = .table

        func run() throws {
            let entries = BundledReference.data.specialties.filter(\.isSkill)
            print(try Specialties.table(entries).rendered(as: format), terminator: "")
        }
    }

    struct Organisations: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "organisations",
            abstract: "List the UK organisations a need's partner and a person's employer may name.",
            discussion: """
                NHS bodies of England, Wales, Scotland and Northern Ireland, their hospitals \
                (sites) and former names, each standing for the organisation in `resolves_to`, \
                and partners that employ no NHS staff (universities, royal colleges, charities). \
                A partner is matched by code, name, alias, hospital or former name \
                (docs/SCORING.md, "Partnership").

                  midst reference organisations --nation scotland
                  midst reference organisations --search "Wrexham Maelor"
                """)
        @Option(help: "What a partner or employer is written as: the organisation it names, or the nearest names.")
        var search: String?
        @Option(help: "Only this nation's: england, wales, scotland, northern_ireland or uk.")
        var nation: String?
        @Option(help: "table, json or csv.") var format: OutputFormat = .table

        func run() throws {
            let reference = BundledReference.data
            var organisations = reference.organisations
            if let search {
                switch reference.organisation(named: search) {
                case .found(let organisation): organisations = [organisation]
                case .ambiguous(let several): organisations = several
                case .unknown: organisations = reference.organisations(like: search, limit: 10)
                }
            }
            if let nation {
                organisations = organisations.filter { $0.nation == nation.lowercased() }
            }
            let rows = organisations.map { organisation -> [Cell] in
                [
                    .text(organisation.code), .text(organisation.name), .text(organisation.kind.rawValue),
                    .text(organisation.nation), .text(organisation.resolvesTo ?? ""),
                    .text(organisation.employsNHSStaff ? "yes" : "no"),
                ]
            }
            print(
                try RecordTable(
                    columns: ["code", "name", "kind", "nation", "resolves_to", "employs_nhs_staff"],
                    rows: rows
                ).rendered(as: format), terminator: "")
            if let search, format == .table,
                case .unknown = reference.organisation(named: search)
            {
                Terminal.note("No organisation is named \(search.quotedForMessage()); the nearest are listed.")
            }
        }
    }
}
