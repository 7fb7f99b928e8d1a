import Foundation
import GRDB
import MidstCore
import MidstTestSupport
import MidstWorkbook
import Testing

/// A workbook openpyxl wrote (Tests/Fixtures/xlsx/make_fixtures.py).
private func fixture(_ name: String) -> String {
    MidstProcess.packageRoot.appendingPathComponent("Tests/Fixtures/xlsx/\(name)").path
}

/// Every row of every table of the database at `path`, by table, but for the import log and
/// the generation counter (which say when and from which file, not what).
private func contents(of path: String) throws -> [String: [String]] {
    let queue = try DatabaseQueue(path: path)
    defer { try? queue.close() }
    return try queue.read { db in
        var tables: [String: [String]] = [:]
        let names = try String.fetchAll(
            db,
            sql:
                "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT IN ('import_log', 'staff_generation')"
        )
        for name in names {
            // Sorted: some tables are WITHOUT ROWID.
            tables[name] = try Row.fetchAll(db, sql: "SELECT * FROM \"\(name)\"")
                .map(\.description).sorted()
        }
        return tables
    }
}

/// The records of a CSV file, the header first.
private func csvRecords(_ path: String) throws -> [[String]] {
    var reader = CSVReader(bytes: Array(try Data(contentsOf: URL(fileURLWithPath: path))))
    var records: [[String]] = []
    var fields: [String] = []
    while try reader.nextRecord(into: &fields) { records.append(fields) }
    return records
}

/// Whether python3 with openpyxl can be run here.
private let hasOpenpyxl: Bool = {
    let process = Process()
    process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
    process.arguments = ["python3", "-c", "import openpyxl"]
    process.standardError = FileHandle.nullDevice
    guard (try? process.run()) != nil else { return false }
    process.waitUntilExit()
    return process.terminationStatus == 0
}()

@Suite("Excel workbooks in and out, end to end")
struct WorkbookCommandTests {
    @Test(
        "the sample staff, needs and outcomes as workbooks openpyxl wrote import to exactly the database the CSVs give"
    )
    func samplesImportAsTheirCSVs() throws {
        let folder = try TemporaryFolder()
        defer { folder.cleanUp() }
        for kind in ["staff", "needs", "outcomes"] {
            let csv = try MidstProcess.run(
                ["import", kind, sample("\(kind).csv"), "--db", "csv.sqlite"], in: folder.url)
            #expect(csv.status == 0, "\(csv.stderr)")
            let workbook = try MidstProcess.run(
                ["import", kind, fixture("\(kind).xlsx"), "--db", "xlsx.sqlite"], in: folder.url)
            #expect(workbook.status == 0, "\(workbook.stderr)")
            #expect(workbook.stdout.contains("\(kind).xlsx:\(kind.capitalized): "))
            #expect(workbook.stderr.isEmpty)
        }
        let fromCSV = try contents(of: folder.path("csv.sqlite"))
        let fromWorkbook = try contents(of: folder.path("xlsx.sqlite"))
        try #require(fromCSV["staff"]?.count == 300)
        #expect(fromWorkbook.keys.sorted() == fromCSV.keys.sorted())
        for (table, rows) in fromCSV {
            #expect(fromWorkbook[table] == rows, "table \(table)")
        }
    }

    @Test(
        "problems name the file, sheet and row; --skip-invalid writes a workbook of rejects that reads back"
    )
    func rejectsAsWorkbook() throws {
        let folder = try SampleFolders.imported.copy()
        defer { folder.cleanUp() }
        let failed = try MidstProcess.run(
            ["import", "outcomes", fixture("edge-cases.xlsx"), "--sheet", "Log"], in: folder.url)
        #expect(failed.status == 1)
        #expect(
            failed.stderr.contains("edge-cases.xlsx:Log:9: field 'staff_id': a value is required"))
        #expect(
            failed.stderr.contains("edge-cases.xlsx:Log:11: field 'date': '45900' is not a date"))
        let skipped = try MidstProcess.run(
            [
                "import", "outcomes", fixture("edge-cases.xlsx"), "--sheet", "Log",
                "--skip-invalid", "--rejects", "rejects.xlsx",
            ],
            in: folder.url)
        #expect(skipped.status == 0, "\(skipped.stderr)")
        #expect(skipped.stdout.contains("6 records, 1 new, 2 updated, 3 rejected"))
        let rejects = try WorkbookReader(path: folder.path("rejects.xlsx")).rows()
        #expect(
            rejects.cells(ofRowAt: 0) == [
                "line", "problems", "need_id", "staff_id", "outcome", "date",
            ])
        #expect((1..<rejects.count).map { rejects.cells(ofRowAt: $0)[0] } == ["7", "9", "11"])
        #expect(
            rejects.cells(ofRowAt: 2) == [
                "9", "staff_id: a value is required; date: a value is required", "N012", "",
                "accepted",
            ])
    }

    @Test(
        "an exported workbook read back has the rows of the CSV export, numbers to the CSV's decimals",
        arguments: ["shortlist", "contacts", "assignments"])
    func exportMatchesCSV(what: String) throws {
        let folder = try SampleFolders.importedAndRun.copy()
        defer { folder.cleanUp() }
        for format in ["csv", "xlsx"] {
            let result = try MidstProcess.run(
                [
                    "export", "latest", "--what", what, "--format", format, "--out",
                    "\(what).\(format)",
                ], in: folder.url)
            #expect(result.status == 0, "\(result.stderr)")
        }
        let csv = try csvRecords(folder.path("\(what).csv"))
        let sheet = try WorkbookReader(path: folder.path("\(what).xlsx")).rows()
        try #require(csv.count > 1)
        #expect(sheet.count == csv.count)
        for (index, record) in csv.enumerated() where index < sheet.count {
            var cells = sheet.cells(ofRowAt: index)
            cells += repeatElement("", count: max(0, record.count - cells.count))
            #expect(cells.count == record.count)
            for (written, read) in zip(record, cells) {
                if Double(written) != nil, written.contains("."), let value = Double(read) {
                    let decimals = written.split(separator: ".").last!.count
                    #expect(String(format: "%.\(decimals)f", value) == written)
                } else {
                    #expect(read == written)
                }
            }
        }
    }

    @Test(
        "openpyxl opens an exported workbook: a frozen header, the CSV's rows, scores as numbers, asked_on as dates",
        .enabled(if: hasOpenpyxl))
    func exportOpensInOpenpyxl() throws {
        let folder = try SampleFolders.importedAndRun.copy()
        defer { folder.cleanUp() }
        for format in ["csv", "xlsx"] {
            let result = try MidstProcess.run(
                [
                    "export", "latest", "--what", "contacts", "--format", format, "--out",
                    "contacts.\(format)",
                ], in: folder.url)
            #expect(result.status == 0, "\(result.stderr)")
        }
        let script = """
            import json, sys, datetime, openpyxl
            sheet = openpyxl.load_workbook(sys.argv[1]).active
            rows = [[{"type": type(v).__name__, "text": v.date().isoformat() if isinstance(v, datetime.datetime) else v} for v in row] for row in sheet.iter_rows(values_only=True)]
            print(json.dumps({"frozen": sheet.freeze_panes, "rows": rows}))
            """
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["python3", "-c", script, folder.path("contacts.xlsx")]
        let output = Pipe()
        process.standardOutput = output
        try process.run()
        let data = output.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        try #require(process.terminationStatus == 0)
        let document = try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
        #expect(document["frozen"] as? String == "A2")
        let rows = try #require(document["rows"] as? [[[String: Any]]])
        let csv = try csvRecords(folder.path("contacts.csv"))
        try #require(csv.count > 1)
        #expect(rows.count == csv.count)
        #expect(rows[0].map { $0["text"] as? String } == csv[0])
        let types = ["str", "str", "str", "str", "str", "float", "str", "datetime", "str"]
        for (row, record) in zip(rows.dropFirst(), csv.dropFirst()) {
            for (column, cell) in row.enumerated() {
                let type = cell["type"] as? String
                if type == "NoneType" {
                    #expect(record[column] == "", "column \(csv[0][column])")
                    continue
                }
                #expect(type == types[column], "column \(csv[0][column])")
                if let value = cell["text"] as? Double {
                    #expect(String(format: "%.2f", value) == record[column])
                } else {
                    #expect(cell["text"] as? String == record[column])
                }
            }
        }
    }

    @Test("needs list and gaps write a workbook to a pipe or --out; --out without xlsx is refused")
    func listsAsWorkbooks() throws {
        let folder = try SampleFolders.importedAndRun.copy()
        defer { folder.cleanUp() }
        let piped = try MidstProcess.run(["needs", "list", "--format", "xlsx"], in: folder.url)
        #expect(piped.status == 0)
        #expect(piped.stdout.hasPrefix("PK"))
        let written = try MidstProcess.run(
            ["gaps", "--part", "needs", "--format", "xlsx", "-o", "gaps.xlsx"], in: folder.url)
        #expect(written.status == 0, "\(written.stderr)")
        let gaps = try WorkbookReader(path: folder.path("gaps.xlsx")).rows()
        #expect(gaps.name == "Gaps")
        #expect(gaps.cells(ofRowAt: 0).first == "need_id")
        let both = try MidstProcess.run(
            ["gaps", "--format", "xlsx", "-o", "both.xlsx"], in: folder.url)
        #expect(both.status == 64)
        #expect(both.stderr.contains("--part needs, --part teams or --part supply"))
        let text = try MidstProcess.run(
            ["needs", "list", "--format", "csv", "--out", "needs.csv"], in: folder.url)
        #expect(text.status == 64)
        #expect(text.stderr.contains("--out goes with --format xlsx"))
    }
}
