import Foundation
import Testing

@Suite("midst run, runs and show, end to end")
struct RunCommandTests {
    @Test("run prints a summary, runs lists it, show gives the shortlists with the proposal marked")
    func runRunsShow() throws {
        let folder = try QueryCommandTests.sampleFolder()
        defer { folder.cleanUp() }
        let run = try MidstProcess.run(["run", "--top", "5", "--note", "first"], in: folder.url)
        #expect(run.status == 0)
        #expect(run.stdout.contains("Run 1 completed"))
        #expect(run.stdout.contains("needs scored        34"))
        let runs = try MidstProcess.run(["runs", "--format", "csv"], in: folder.url)
        #expect(runs.stdout.split(separator: "\n").count == 2)
        #expect(runs.stdout.contains(",completed,34,"))
        let show = try MidstProcess.run(
            ["show", "latest", "--need", "N001", "--format", "csv"], in: folder.url)
        let lines = show.stdout.split(separator: "\n")
        #expect(
            lines.first
                == "need_id,rank,staff_id,score,proposed,specialty,country,language,seniority,availability,experience,partnership"
        )
        #expect(lines.count == 6)
        #expect(lines[1].hasPrefix("N001,1,S0288,95.38,"))
        #expect(lines.dropFirst().filter { $0.contains(",yes,") }.count == 1)
        let missing = try MidstProcess.run(["show", "99"], in: folder.url)
        #expect(missing.status == 1)
        #expect(missing.stderr.contains("no run '99'"))
    }

    @Test("diff reports what changed after a person withdraws consent")
    func diffAfterWithdrawal() throws {
        let folder = try QueryCommandTests.sampleFolder()
        defer { folder.cleanUp() }
        #expect(try MidstProcess.run(["run"], in: folder.url).status == 0)
        try "id,profession,specialties,seniority,consent\nS0288,doctor,neonatal_medicine,ST6,no\n"
            .write(toFile: folder.path("change.csv"), atomically: true, encoding: .utf8)
        #expect(
            try MidstProcess.run(["import", "staff", "change.csv"], in: folder.url).status == 0)
        #expect(try MidstProcess.run(["run"], in: folder.url).status == 0)
        let diff = try MidstProcess.run(["diff", "1", "latest", "--format", "csv"], in: folder.url)
        #expect(diff.status == 0)
        let lines = diff.stdout.split(separator: "\n").map(String.init)
        #expect(lines.first == "need_id,change,staff_id,score_before,score_after,why")
        #expect(lines.contains("N001,left,S0288,95.38,,withdrew consent"))
        #expect(lines.contains("N001,withdrawn,S0288,,,withdrew consent"))
        #expect(!lines.contains { $0.contains(",entered,S0288,") })
    }

    @Test(
        "an accepted outcome uses up capacity: the person leaves other needs' candidates until it completes"
    )
    func outcomeUsesCapacity() throws {
        let folder = try QueryCommandTests.sampleFolder()
        defer { folder.cleanUp() }
        let recorded = try MidstProcess.run(
            ["outcome", "N003", "S0288", "accepted", "--date", "2026-11-20"], in: folder.url)
        #expect(recorded.status == 0)
        #expect(recorded.stdout.contains("Recorded: S0288 accepted for N003 on 2026-11-20"))
        let why = try MidstProcess.run(["why", "N001", "S0288"], in: folder.url)
        #expect(why.stdout.contains("already holds 1 of 1 commitments"))
        let candidates = try MidstProcess.run(
            ["candidates", "N001", "--format", "csv"], in: folder.url)
        #expect(!candidates.stdout.contains("S0288"))
        _ = try MidstProcess.run(
            ["outcome", "N003", "S0288", "completed", "--date", "2026-11-21"], in: folder.url)
        let again = try MidstProcess.run(
            ["candidates", "N001", "--top", "1", "--format", "csv"], in: folder.url)
        #expect(again.stdout.contains(",S0288,"))
        let unknown = try MidstProcess.run(
            ["outcome", "N999", "S0288", "accepted"], in: folder.url)
        #expect(unknown.status == 1)
        #expect(unknown.stderr.contains("no need with id 'N999'"))
        let badKind = try MidstProcess.run(["outcome", "N001", "S0288", "maybe"], in: folder.url)
        #expect(badKind.status == 64)
    }

    @Test("export writes the run's files; pseudonymised exports carry no staff id and stay stable")
    func export() throws {
        let folder = try QueryCommandTests.sampleFolder()
        defer { folder.cleanUp() }
        #expect(try MidstProcess.run(["run", "--top", "5"], in: folder.url).status == 0)
        let plain = try MidstProcess.run(
            [
                "export", "latest", "--what", "shortlist", "--format", "csv", "--out",
                "shortlist.csv",
            ], in: folder.url)
        #expect(plain.status == 0)
        let shortlist = try String(contentsOfFile: folder.path("shortlist.csv"), encoding: .utf8)
        #expect(shortlist.hasPrefix("need_id,staff_id,rank,score,"))
        #expect(shortlist.contains("N001,S0288,1,95.378788,"))
        #expect(!shortlist.contains("Ssekandi"))
        for name in ["p1.csv", "p2.csv"] {
            let result = try MidstProcess.run(
                ["export", "latest", "--what", "assignments", "--out", name, "--pseudonymise"],
                in: folder.url)
            #expect(result.status == 0)
        }
        let first = try String(contentsOfFile: folder.path("p1.csv"), encoding: .utf8)
        let second = try String(contentsOfFile: folder.path("p2.csv"), encoding: .utf8)
        #expect(first == second)
        #expect(first.hasPrefix("need_id,staff_id,score,basis\n"))
        #expect(!first.contains(",S0"))
        #expect(first.contains(",P-"))
        let jsonl = try MidstProcess.run(
            ["export", "latest", "--what", "assignments", "--format", "jsonl", "--out", "a.jsonl"],
            in: folder.url)
        #expect(jsonl.status == 0)
        let lines = try String(contentsOfFile: folder.path("a.jsonl"), encoding: .utf8).split(
            separator: "\n")
        #expect(lines.allSatisfy { $0.hasPrefix("{") && $0.contains("\"need_id\"") })
    }

    @Test(
        "a pinned pair is always proposed, an excluded one never listed, and clearing restores the default"
    )
    func decisions() throws {
        let folder = try QueryCommandTests.sampleFolder()
        defer { folder.cleanUp() }
        func showN001() throws -> [String] {
            #expect(try MidstProcess.run(["run"], in: folder.url).status == 0)
            return try MidstProcess.run(
                ["show", "latest", "--need", "N001", "--format", "csv"], in: folder.url
            ).stdout
                .split(separator: "\n").map(String.init)
        }
        #expect(
            try MidstProcess.run(
                ["decide", "N001", "S0139", "--pin", "--reason", "agreed"], in: folder.url
            ).status == 0)
        #expect(
            try MidstProcess.run(
                ["decide", "N001", "S0288", "--exclude", "--reason", "on leave"], in: folder.url
            ).status == 0)
        let decided = try showN001()
        #expect(
            decided.contains {
                $0.hasPrefix("N001,") && $0.contains(",S0139,") && $0.contains(",yes,")
            })
        #expect(!decided.contains { $0.contains(",S0288,") })
        let listed = try MidstProcess.run(["decisions", "--format", "csv"], in: folder.url).stdout
        #expect(listed.contains("N001,S0139,pin,agreed,"))
        #expect(listed.contains("N001,S0288,exclude,on leave,"))
        #expect(
            try MidstProcess.run(["decide", "N001", "S0288", "--clear"], in: folder.url).status == 0
        )
        #expect(
            try MidstProcess.run(["decide", "N001", "S0139", "--clear"], in: folder.url).status == 0
        )
        let cleared = try showN001()
        #expect(cleared.dropFirst().first?.hasPrefix("N001,1,S0288,95.38,yes,") == true)
        let both = try MidstProcess.run(
            ["decide", "N001", "S0288", "--pin", "--exclude"], in: folder.url)
        #expect(both.status == 64)
        let hidden = try MidstProcess.run(["decide", "N001", "S0243", "--pin"], in: folder.url)
        #expect(hidden.status == 1)
        #expect(hidden.stderr.contains("no consenting staff member with id 'S0243'"))
    }

    @Test("a need takes no more pins than its slots, and a pin that breaks a constraint is warned of")
    func pinsWithinSlots() throws {
        let folder = try QueryCommandTests.sampleFolder()
        defer { folder.cleanUp() }
        // N001 has one slot.
        let first = try MidstProcess.run(["decide", "N001", "S0139", "--pin"], in: folder.url)
        #expect(first.status == 0)
        #expect(!first.stderr.contains("warning"))
        let second = try MidstProcess.run(["decide", "N001", "S0288", "--pin"], in: folder.url)
        #expect(second.status == 1)
        #expect(second.stderr.contains("need 'N001' has 1 slot: S0139 already pinned"))
        // Pinning the same person again is a change of reason, not a second pin.
        #expect(
            try MidstProcess.run(
                ["decide", "N001", "S0139", "--pin", "--reason", "confirmed"], in: folder.url
            ).status == 0)
        #expect(try MidstProcess.run(["decide", "N001", "S0139", "--clear"], in: folder.url).status == 0)
        // S0034 is a nurse; N001 asks for a doctor.
        let nurse = try MidstProcess.run(["decide", "N001", "S0034", "--pin"], in: folder.url)
        #expect(nurse.status == 0)
        #expect(nurse.stderr.contains("warning: S0034 fails hard constraints of N001"))
        #expect(nurse.stderr.contains("profession: profession is nurse, the need asks for doctor"))
        #expect(try MidstProcess.run(["run"], in: folder.url).status == 0)
        #expect(
            try MidstProcess.run(
                ["export", "latest", "--what", "assignments", "--format", "csv", "--out", "a.csv"],
                in: folder.url
            ).status == 0)
        let pairs = try String(
            contentsOf: folder.url.appendingPathComponent("a.csv"), encoding: .utf8)
        let n001 = pairs.split(separator: "\n").filter { $0.hasPrefix("N001,") }
        #expect(n001.count == 1)
        #expect(n001.first?.hasPrefix("N001,S0034,") == true)
    }
}
