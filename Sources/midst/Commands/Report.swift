import ArgumentParser
import Foundation
import MidstCore
import MidstReport
import MidstStore

/// `midst report`: a run as one self-contained HTML page to share.
struct Report: ParsableCommand, DatabaseCommand {
    static let configuration = CommandConfiguration(
        commandName: "report",
        abstract: "Write a run's report: one self-contained HTML page to read or share.",
        discussion: """
            The page holds the run's summary; needs filled, partly filled and unfilled by \
            country and by specialty (charts and tables); the score distribution; the gaps \
            (`midst gaps`); what changed since the previous run; and every need, collapsed, with \
            its shortlist: each score as a bar of its components, the reasons in words, and the \
            names of consenting staff. It needs no network, script, font or image: open it in \
            any browser, print it, or attach it to an e-mail.

            The report names staff: it is personal data. --pseudonymise writes a copy to share: \
            keyed pseudonyms instead of staff ids (the same as `midst export --pseudonymise`), \
            no names. Its reasons still mention country ties and languages.

              midst report --out report.html
              midst report 3 --out run-3.html --pseudonymise
              midst run --report report.html
            """)

    @Argument(help: ArgumentHelp("A run id, or latest.", valueName: "run")) var runReference =
        "latest"
    @Option(help: "The HTML file to write (replaced whole).") var out: String
    @Flag(help: "Replace a file at --out that is not a report Midst wrote.") var force = false
    @OptionGroup var page: ReportOptions
    @OptionGroup var database: DatabaseOptions

    func run() throws {
        try self.database.refuseOverwriting(out, purpose: .report, force: force)
        let database =
            try page.pseudonymise ? self.database.openExistingForWriting() : self.database.openExisting()
        let record = try database.recordedRun(runReference)
        try page.write(run: record, from: database, keySource: self.database.pseudonymKeySource, to: out)
    }
}

/// The report's options, shared by `midst report` and `midst run --report`.
struct ReportOptions: ParsableArguments {
    @Flag(help: "Keyed pseudonyms instead of staff ids, and no names: a copy to share.")
    var pseudonymise = false
    /// The report's default.
    static let defaultCandidates = RunReport.Options(generatedAt: Timestamp(secondsSince1970: 0)).candidatesPerNeed

    @Option(parsing: .unconditional, help: "Candidates shown per need, best first (1 or more; everyone proposed is shown too).")
    var candidates = defaultCandidates

    func validate() throws {
        guard candidates >= 1 else {
            throw ValidationError("--candidates must be a whole number of 1 or more, e.g. --candidates 3.")
        }
    }

    /// Gathers run `record`'s report and writes it to `path`, whole or not at all; `table` is
    /// the people the run scored, when the run itself writes the report.
    func write(
        run record: RunRecord, from database: MidstDatabase, keySource: PseudonymKeySource,
        table: StaffTable? = nil, to path: String
    ) throws {
        let started = Date()
        if Terminal.stderrIsTerminal { Terminal.progress("report: gathering run \(record.id)…") }
        let pseudonymiser = try pseudonymise ? Pseudonymiser(key: database.pseudonymKey(keySource)) : nil
        let report = try RunReport.gather(
            run: record, from: database, table: table,
            options: RunReport.Options(
                pseudonymiser: pseudonymiser, candidatesPerNeed: candidates,
                generatedAt: Timestamp(secondsSince1970: Int(Date().timeIntervalSince1970))))
        if Terminal.stderrIsTerminal { Terminal.progress("report: writing \(report.needs.count) needs…") }
        let html = ReportPage(report: report).utf8Pieces()
        if Terminal.stderrIsTerminal { Terminal.progress("") }
        try OwnerOnlyFile.write(pieces: html, to: path)
        let size = html.reduce(0) { $0 + $1.count }
        Terminal.note(
            "Wrote the report of run \(record.id) to \(path) (\(size / 1024) KB\(pseudonymise ? ", pseudonymised" : "")) in \(String(format: "%.2f", Date().timeIntervalSince(started))) s")
    }
}
