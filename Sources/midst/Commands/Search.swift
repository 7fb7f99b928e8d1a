import ArgumentParser
import MidstCore
import MidstStore

/// `midst search`: find staff by profession, specialty, country tie, language and availability.
struct Search: ParsableCommand, DatabaseCommand {
    static let configuration = CommandConfiguration(
        commandName: "search",
        abstract: "Search consenting staff without a need: filters combine with AND.",
        discussion: """
            A specialty also finds its sub-specialties (paediatrics finds neonatal medicine). \
            --language may be repeated; every language must then be spoken at or above its level \
            (A1 … C2, native; default A1). Staff who have not consented are never shown.

              midst search --profession doctor --country UG --language lg:B2
              midst search --specialty midwifery --tie heritage --country NG --format csv
              midst search --available-from 2026-04-01 --available-to 2026-06-30 --mode in-country
            """)

    @Option(help: "A profession code (doctor, nurse, midwife …).") var profession: String?
    @Option(help: "A specialty code (see `midst reference specialties`).") var specialty: String?
    @Option(help: "A country (ISO alpha-2 or alpha-3) the person has a tie to.") var country:
        String?
    @Option(
        help: "The kind of tie: nationality, birth, trained, worked or heritage (needs --country).")
    var tie: String?
    @Option(
        help: ArgumentHelp(
            "A language and minimum level, e.g. lg:B2; repeat for several.",
            valueName: "code[:level]"))
    var language: [String] = []
    @Option(help: "Available on or after this date (YYYY-MM-DD).") var availableFrom: String?
    @Option(help: "Available on or before this date (YYYY-MM-DD).") var availableTo: String?
    @Option(help: "remote or in-country.") var mode: String?
    @Option(parsing: .unconditional, help: "At most this many people, by id (1 or more).")
    var limit = 50
    @Option(help: "table, json or csv.") var format: OutputFormat = .table
    @OptionGroup var database: DatabaseOptions

    /// The filter these options describe, or a `ValidationError` naming the bad value.
    func filter(reference: ReferenceData) throws -> StaffFilter {
        var filter = StaffFilter()
        filter.limit = limit
        if let profession {
            guard let entry = reference.specialty(profession), entry.level == .profession else {
                throw ValidationError(
                    "Unknown profession \(profession.quotedForMessage()); see `midst reference specialties`.")
            }
            filter.profession = entry.code
        }
        if let specialty {
            guard let entry = reference.specialty(specialty), entry.level != .profession else {
                throw ValidationError(
                    "Unknown specialty \(specialty.quotedForMessage()); see `midst reference specialties`.")
            }
            filter.specialties = reference.specialtyWithDescendants(entry.code)
        }
        if let country {
            guard let code = reference.country(country) else {
                throw ValidationError(
                    "Unknown country code \(country.quotedForMessage()); use ISO 3166-1 alpha-2 or alpha-3.")
            }
            filter.country = code
        }
        if let tie {
            guard filter.country != nil else { throw ValidationError("--tie needs --country.") }
            guard let kind = CountryTie.Kind(rawValue: tie.lowercased()) else {
                throw ValidationError(
                    "Unknown tie \(tie.quotedForMessage()); use nationality, birth, trained, worked or heritage.")
            }
            filter.tieKind = kind
        }
        for item in language {
            let parts = item.split(separator: ":", omittingEmptySubsequences: false).map(
                String.init)
            guard (1...2).contains(parts.count), let code = reference.language(parts[0]) else {
                throw ValidationError(
                    "Unknown language \(item.quotedForMessage()); use an ISO 639 code, e.g. lg or lg:B2.")
            }
            guard let level = parts.count == 2 ? LanguageLevel(code: parts[1]) : .a1 else {
                throw ValidationError(
                    "Unknown level in \(item.quotedForMessage()); use A1, A2, B1, B2, C1, C2 or native.")
            }
            filter.languages.append(Need.LanguageRequirement(language: code, minimumLevel: level))
        }
        for (name, value) in [("--available-from", availableFrom), ("--available-to", availableTo)]
        {
            guard let value else { continue }
            guard let date = CalendarDate(iso: value) else {
                // The message a file's date gets: "no such date" for 2026-02-30.
                throw ValidationError("\(name): \(CalendarDate.problem(parsing: value)).")
            }
            if name == "--available-from" {
                filter.availableFrom = date
            } else {
                filter.availableTo = date
            }
        }
        if let from = filter.availableFrom, let to = filter.availableTo, to < from {
            throw ValidationError("--available-to is before --available-from.")
        }
        if let mode {
            switch mode.lowercased() {
            case "remote": filter.mode = .remote
            case "in-country", "in_country": filter.mode = .inCountry
            default: throw ValidationError("Unknown mode \(mode.quotedForMessage()); use remote or in-country.")
            }
        }
        return filter
    }

    func validate() throws {
        guard limit >= 1 else { throw ValidationError("--limit must be at least 1.") }
        _ = try filter(reference: BundledReference.data)
    }

    func run() throws {
        let filter = try filter(reference: BundledReference.data)
        let staff = try database.openExisting().searchStaff(filter)
        let rows = staff.map { person -> [Cell] in
            [
                .text(person.id.rawValue), .text(person.name ?? ""),
                .text(person.profession.rawValue),
                .text(person.specialtiesText), .integer(person.seniority.rawValue),
                .text(person.countriesText),
                .text(person.languagesText),
                .text(
                    "\(person.availability.start?.description ?? "")…\(person.availability.end?.description ?? "")"
                ),
                .text(person.modes.code),
            ]
        }
        let columns = [
            "id", "name", "profession", "specialties", "seniority", "countries", "languages",
            "available", "modes",
        ]
        print(try RecordTable(columns: columns, rows: rows).rendered(as: format), terminator: "")
        if format == .table {
            Terminal.note(
                "\(staff.count) staff found\(staff.count == limit ? " (limit reached; see --limit)" : "")"
            )
        }
    }
}
