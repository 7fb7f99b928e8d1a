import Foundation
import MidstTestSupport

/// The sample data prepared with the built `midst`, once per test process; each test works on
/// its own copy (`SampleFolders.imported.copy()`).
enum SampleFolders {
    /// The sample staff, needs and outcomes imported into midst.sqlite, as
    /// `midst import staff|needs|outcomes SampleData/…` leave them.
    static let imported = PreparedFolder { folder in
        for kind in ["staff", "needs", "outcomes"] {
            try midst(["import", kind, sample("\(kind).csv")], in: folder)
        }
    }

    /// ``imported`` and then one `midst run`.
    static let importedAndRun = PreparedFolder { folder in
        try imported.copy(into: folder)
        try midst(["run"], in: folder)
    }

    /// A step of preparing a sample folder that failed: the command and what it printed.
    struct PreparationFailed: Error, CustomStringConvertible {
        var arguments: [String]
        var result: MidstProcess.Result
        var description: String {
            "midst \(arguments.joined(separator: " ")) exited \(result.status): \(result.stderr)"
        }
    }

    /// Runs `midst arguments…` in `folder`; a failure is thrown, to every test that asks for
    /// the folder.
    private static func midst(_ arguments: [String], in folder: TemporaryFolder) throws {
        let result = try MidstProcess.run(arguments, in: folder.url)
        guard result.status == 0 else {
            throw PreparationFailed(arguments: arguments, result: result)
        }
    }
}
