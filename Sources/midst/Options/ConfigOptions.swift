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
    ///
    /// - Throws: ``CommandFailure/unreadableConfiguration(path:)`` or
    ///   ``CommandFailure/invalidConfiguration(path:reason:)`` (exit 1).
    func load() throws -> ScoringConfig {
        guard let config else { return ScoringConfig() }
        guard let data = FileManager.default.contents(atPath: config) else {
            throw CommandFailure.unreadableConfiguration(path: config)
        }
        do {
            return try ScoringConfig(json: data)
        } catch {
            throw CommandFailure.invalidConfiguration(path: config, reason: "\(error)")
        }
    }
}
