import MidstCore
import Testing

/// Every record of `text` read as `Column`s.
private func records<Column: ImportColumn>(
    _ text: String, as _: Column.Type, format: ImportFormat, file: String = "staff.csv"
) throws(ImportFailure) -> [RawRecord<Column>] {
    try records(Array(text.utf8), as: Column.self, format: format, file: file)
}

private func records<Column: ImportColumn>(
    _ bytes: [UInt8], as _: Column.Type, format: ImportFormat, file: String = "staff.csv"
) throws(ImportFailure) -> [RawRecord<Column>] {
    var reader = try RecordReader<Column>(bytes: bytes, format: format, file: file)
    var result: [RawRecord<Column>] = []
    while let record = try reader.next() { result.append(record) }
    return result
}

/// The successfully read row of a record, or a recorded issue.
private func row<Column>(_ record: RawRecord<Column>?) throws -> ImportRow<Column> {
    let record = try #require(record)
    return try record.row.get()
}

/// The issue of a record that could not be read, or `nil` when it was read.
private func failure<Column>(_ record: RawRecord<Column>) -> ImportIssue? {
    if case .failure(let issue) = record.row { return issue }
    return nil
}

@Suite("Reading CSV import files")
struct CSVRecordReaderTests {
    @Test("a header's unknown, repeated and missing columns are all reported at line 1")
    func badHeader() throws {
        let failure = try #require(throws: ImportFailure.self) {
            try records(
                "id,name,langauges,Name,profession,specialties,seniority\nS1,Zoë,en:C1,Zoë,doctor,paediatrics,3\n",
                as: StaffColumn.self, format: .csv)
        }
        #expect(failure.issues.count == 3)
        #expect(
            failure.issues.allSatisfy { $0.file == "staff.csv" && $0.line == 1 && $0.field == nil })
        // A staff file's header may be a person's record (no header row): names are not shown.
        #expect(failure.issues[0].message.hasPrefix("column 3 of the header is unknown"))
        #expect(!failure.issues[0].message.contains("langauges"))
        #expect(failure.issues[0].message.contains("languages"))
        #expect(failure.issues[1].message == "column 'name' appears twice")
        #expect(failure.issues[2].message == "required column 'consent' is missing")
    }

    @Test("every missing required column is listed")
    func missingColumns() throws {
        let failure = try #require(throws: ImportFailure.self) {
            try records("name,email\n", as: StaffColumn.self, format: .csv)
        }
        #expect(
            failure.issues.map(\.message)
                == ["id", "profession", "specialties", "seniority", "consent"].map {
                    "required column '\($0)' is missing"
                })
    }

    @Test("columns may come in any order and case, and optional ones may be left out")
    func anyOrderAndCase() throws {
        let text =
            "Consent, SENIORITY ,Specialties,profession,ID,Languages\r\nyes,ST4,\"paediatrics;neonatal_medicine\",doctor,S1,\r\n"
        var reader = try RecordReader<StaffColumn>(
            bytes: Array(text.utf8), format: .csv, file: "staff.csv")
        #expect(
            reader.header == [
                "Consent", " SENIORITY ", "Specialties", "profession", "ID", "Languages",
            ])
        let first = try reader.next()
        let values = try row(first)
        #expect(values.line == 2)
        #expect(values[.id] == "S1")
        #expect(values[.consent] == "yes")
        #expect(values[.seniority] == "ST4")
        #expect(values[.specialties] == "paediatrics;neonatal_medicine")
        #expect(values[.profession] == "doctor")
        #expect(values[.languages] == nil)
        #expect(values[.name] == nil)
        #expect(
            first?.original == ["yes", "ST4", "paediatrics;neonatal_medicine", "doctor", "S1", ""])
        #expect(try reader.next() == nil)
    }

    @Test("a record with the wrong number of fields fails on its line and reading goes on")
    func wrongFieldCount() throws {
        let text = """
            id,profession,specialties,seniority,consent
            S1,doctor,paediatrics,3,yes
            S2,doctor,paediatrics,3
            "S3
            ",doctor,paediatrics,3,yes,extra
            S4,doctor,paediatrics,3,yes

            """
        let read = try records(text, as: StaffColumn.self, format: .csv)
        #expect(read.map(\.line) == [2, 3, 4, 6])
        #expect(failure(read[0]) == nil && failure(read[3]) == nil)
        #expect(
            failure(read[1])
                == ImportIssue(
                    file: "staff.csv", line: 3,
                    message: "expected 5 fields as in the header, found 4"))
        #expect(
            failure(read[2])
                == ImportIssue(
                    file: "staff.csv", line: 4,
                    message: "expected 5 fields as in the header, found 6"))
        #expect(read[1].original == ["S2", "doctor", "paediatrics", "3"])
        #expect(try row(read[3])[.id] == "S4")
    }

    @Test("values are trimmed and empty values are absent")
    func trimming() throws {
        let text =
            "id,profession,specialties,seniority,consent,name\n  S1 ,doctor,paediatrics,3,yes,\"   \"\n"
        let values = try row(try records(text, as: StaffColumn.self, format: .csv).first)
        #expect(values[.id] == "S1")
        #expect(values[.name] == nil)
    }

    @Test("a byte order mark before the header is skipped")
    func byteOrderMark() throws {
        let bytes: [UInt8] =
            [0xEF, 0xBB, 0xBF]
            + Array("need_id,staff_id,outcome,date\nN1,S1,accepted,2026-05-01\n".utf8)
        let values = try row(
            try records(bytes, as: OutcomeColumn.self, format: .csv, file: "outcomes.csv").first)
        #expect(values[.needID] == "N1")
    }

    @Test("a CSV syntax error stops reading with an issue on its line")
    func syntaxError() throws {
        let text =
            "id,profession,specialties,seniority,consent\nS1,doctor,paediatrics,3,yes\nS2,\"doctor,paediatrics,3,yes\n"
        var reader = try RecordReader<StaffColumn>(
            bytes: Array(text.utf8), format: .csv, file: "staff.csv")
        #expect(try reader.next() != nil)
        let failure = try #require(throws: ImportFailure.self) { try reader.next() }
        #expect(failure.issues.map(\.line) == [3])
        #expect(failure.issues.first?.message.contains("never closed") == true)
    }

    @Test("an empty file has no header and is an error", arguments: ["", "\n\n", "\u{FEFF}"])
    func emptyFile(text: String) throws {
        let failure = try #require(throws: ImportFailure.self) {
            try records(text, as: StaffColumn.self, format: .csv)
        }
        #expect(
            failure.issues == [
                ImportIssue(
                    file: "staff.csv", line: 1,
                    message: "the file is empty (a header row is required)")
            ])
    }

    @Test("a file with only a header has no records")
    func headerOnly() throws {
        #expect(
            try records("need_id,staff_id,outcome,date\n", as: OutcomeColumn.self, format: .csv)
                .isEmpty)
    }

    @Test(
        "the file format follows the file name's extension",
        arguments: [
            ("staff.csv", ImportFormat?.some(.csv)), ("STAFF.CSV", .csv), ("staff.jsonl", .jsonl),
            ("needs.ndjson", .jsonl),
            ("staff.json", nil), ("staff.txt", nil), ("csv", nil),
        ])
    func formatFromFileName(name: String, format: ImportFormat?) {
        #expect(ImportFormat(fileName: name) == format)
    }
}

@Suite("Reading JSON Lines import files")
struct JSONLinesRecordReaderTests {
    @Test("arrays of strings and of objects become the CSV mini-syntax")
    func arrays() throws {
        let line = """
            {"id":"S1","specialties":["neonatal_medicine","paediatrics"],\
            "countries":[{"country":"NG","kind":"trained","years":4},{"kind":"nationality","country":"UG"},\
            {"years":2,"country":"GB","kind":"worked"}],"languages":[{"language":"yo","level":"native"},{"level":"C1","language":"en"}]}
            """
        let values = try row(
            try records(line, as: StaffColumn.self, format: .jsonl, file: "staff.jsonl").first)
        #expect(values.line == 1)
        #expect(values[.id] == "S1")
        #expect(values[.specialties] == "neonatal_medicine;paediatrics")
        #expect(values[.countries] == "NG:trained:4;UG:nationality;GB:worked:2")
        #expect(values[.languages] == "yo:native;en:C1")
    }

    @Test("a list item object with a null value leaves that part out")
    func nullInListItem() throws {
        let line = #"{"countries":[{"country":"NG","kind":"trained","years":null}]}"#
        let values = try row(try records(line, as: StaffColumn.self, format: .jsonl).first)
        #expect(values[.countries] == "NG:trained")
    }

    @Test("numbers and booleans become their text, null is absent")
    func scalars() throws {
        let line =
            #"{"id":"S1","consent":true,"max_assignments":1,"placements":0,"seniority":3,"name":null,"employer":""}"#
        let values = try row(try records(line, as: StaffColumn.self, format: .jsonl).first)
        #expect(values[.consent] == "true")
        #expect(values[.maxAssignments] == "1")
        #expect(values[.placements] == "0")
        #expect(values[.seniority] == "3")
        #expect(values[.name] == nil)
        #expect(values[.employer] == nil)
    }

    @Test("false and fractional numbers keep their meaning")
    func falseAndFractions() throws {
        let line = #"{"consent":false,"max_assignments":2.5}"#
        let values = try row(try records(line, as: StaffColumn.self, format: .jsonl).first)
        #expect(values[.consent] == "false")
        #expect(values[.maxAssignments] == "2.5")
    }

    @Test("an unknown key fails the record, naming the key in a needs file, not in a staff file")
    func unknownKey() throws {
        let read = try records(
            #"{"id":"S1","Zoë Nakato":"en:C1"}"#, as: StaffColumn.self, format: .jsonl,
            file: "staff.jsonl")
        let record = try #require(read.first)
        let issue = try #require(failure(record))
        #expect((issue.file, issue.line, issue.field) == ("staff.jsonl", 1, nil))
        #expect(issue.message.hasPrefix("an unknown key (not shown: staff files hold personal data)"))
        #expect(!issue.message.contains("Zoë"))
        let need = try #require(
            try records(
                #"{"id":"N1","langauges":"en:C1"}"#, as: NeedColumn.self, format: .jsonl,
                file: "needs.jsonl"
            ).first)
        #expect(try #require(failure(need)).message.hasPrefix("unknown key 'langauges'"))
    }

    @Test(
        "a value that cannot be a field fails the record, naming the field",
        arguments: [
            (#"{"name":{"first":"Zoë"}}"#, "name", "object is not allowed"),
            (
                #"{"countries":[{"country":"NG","type":"trained"}]}"#, "countries",
                "a list item has an unknown key (known: country, language"
            ),
            (
                #"{"languages":["en:C1",["yo","native"]]}"#, "languages",
                "list items must be strings or objects"
            ),
            (
                #"{"specialties":["paediatrics",3]}"#, "specialties",
                "list items must be strings or objects"
            ),
        ])
    func badValue(line: String, field: String, message: String) throws {
        let record = try #require(try records(line, as: StaffColumn.self, format: .jsonl).first)
        let issue = try #require(failure(record))
        #expect(issue.field == field)
        #expect(issue.message.contains(message))
    }

    @Test("blank lines are skipped and malformed lines fail with their own line number")
    func lineNumbers() throws {
        let text =
            "{\"id\":\"S1\"}\n\n   \r\n{\"id\": \"S2\",\n\t\n[\"S3\"]\r\n{\"id\":\"S4\"}\r\n\n"
        let read = try records(text, as: StaffColumn.self, format: .jsonl, file: "staff.jsonl")
        #expect(read.map(\.line) == [1, 4, 6, 7])
        #expect(try row(read[0])[.id] == "S1")
        #expect(
            failure(read[1])
                == ImportIssue(
                    file: "staff.jsonl", line: 4, message: "not a JSON object on one line"))
        #expect(read[1].original == ["{\"id\": \"S2\","])
        #expect(failure(read[2])?.line == 6)
        #expect(try row(read[3])[.id] == "S4")
        #expect(try row(read[3]).line == 7)
    }

    @Test("a byte order mark before the first line is skipped")
    func byteOrderMark() throws {
        let bytes: [UInt8] =
            [0xEF, 0xBB, 0xBF]
            + Array(
                #"{"need_id":"N1","staff_id":"S1","outcome":"accepted","date":"2026-05-01"}"#.utf8)
        let values = try row(try records(bytes, as: OutcomeColumn.self, format: .jsonl).first)
        #expect(values[.needID] == "N1")
    }

    @Test("an empty JSON Lines file has no records and no header")
    func emptyFile() throws {
        var reader = try RecordReader<NeedColumn>(
            bytes: Array("\n\n".utf8), format: .jsonl, file: "needs.jsonl")
        #expect(reader.header == nil)
        #expect(try reader.next() == nil)
    }

    @Test("a JSON Lines staff record validates like its CSV twin")
    func validatesLikeCSV() throws {
        let json = """
            {"id":"S9","profession":"doctor","specialties":["neonatal_medicine","paediatrics"],"seniority":"ST4",\
            "consent":true,"countries":[{"country":"NG","kind":"nationality"},{"country":"NG","kind":"trained","years":4}],\
            "languages":[{"language":"yor","level":"native"},{"language":"en","level":"C1"}],"max_assignments":2}
            """
        let csv = """
            id,profession,specialties,seniority,consent,countries,languages,max_assignments
            S9,doctor,neonatal_medicine;paediatrics,ST4,yes,NG:nationality;NG:trained:4,yor:native;en:C1,2

            """
        let validator = StaffValidator(
            reference: ReferenceFixtures.small, now: Timestamp(secondsSince1970: 0),
            horizon: .anyDate)
        let fromJSON = try validator.validate(
            try row(try records(json, as: StaffColumn.self, format: .jsonl).first), file: "s.jsonl"
        ).get()
        let fromCSV = try validator.validate(
            try row(try records(csv, as: StaffColumn.self, format: .csv).first), file: "s.csv"
        ).get()
        #expect(fromJSON == fromCSV)
        #expect(fromJSON.countriesText == "NG:nationality;NG:trained:4")
    }

    @Test("a needs file may name its list columns in the plural, but not twice")
    func pluralNeedColumns() throws {
        let csv = """
            id,partnership,host_institution,country,professions,specialties,mode
            N1,P,H,UG,doctor;nurse,paediatrics,remote

            """
        let values = try row(try records(csv, as: NeedColumn.self, format: .csv).first)
        #expect(values[.profession] == "doctor;nurse")
        #expect(values[.specialty] == "paediatrics")
        let twice = "id,partnership,host_institution,country,profession,professions,mode\n"
        #expect(throws: ImportFailure.self) {
            _ = try records(twice, as: NeedColumn.self, format: .csv)
        }
        let json = #"{"id":"N1","profession":"doctor","professions":["nurse"]}"#
        var reader = try RecordReader<NeedColumn>(
            bytes: Array(json.utf8), format: .jsonl, file: "needs.jsonl")
        let record = try #require(try reader.next())
        guard case .failure(let failure) = record.row else {
            Issue.record("a repeated column was accepted")
            return
        }
        #expect(failure.message.contains("repeats column 'profession'"))
    }
}
