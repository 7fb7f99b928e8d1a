import ArgumentParser
import Foundation
import MidstCore

/// The `--config` option of the commands that score.
struct ConfigOptions: ParsableArguments {
    @Option(
        help: ArgumentHelp(
            "A scoring configuration (JSON; keys left out keep their defaults). See `midst config print-defaults`.",
            valueName: "file"))
    var config: String?

    /// The configuration in force: the file's, or the defaults.
    func load() throws -> ScoringConfig {
        guard let config else { return ScoringConfig() }
        guard let data = FileManager.default.contents(atPath: config) else {
            throw Terminal.fail("\(config): cannot read the configuration file", code: .invalidData)
        }
        do {
            return try ScoringConfig(json: data)
        } catch {
            throw Terminal.fail("\(config): \(error)", code: .invalidData)
        }
    }
}
