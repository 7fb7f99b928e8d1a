import ArgumentParser
import MidstCore

/// `midst config …`: the scoring configuration.
struct Config: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "config",
        abstract: "Print or check the scoring configuration.",
        discussion: """
            Every weight and component value of the score lives in a JSON configuration. Print the \
            defaults, keep the keys you change, and pass the file with --config:

              midst config print-defaults > scoring.json
              midst config check scoring.json
              midst why N001 S0288 --config scoring.json

            docs/SCORING.md explains where each value enters the formula.
            """,
        subcommands: [PrintDefaults.self, Check.self])

    struct PrintDefaults: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "print-defaults", abstract: "Print the default configuration as JSON.")
        func run() { print(ScoringConfig().json(), terminator: "") }
    }

    struct Check: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "check",
            abstract: "Check a configuration file and print it with the defaults filled in.")
        @Argument(help: "The configuration file.") var file: String
        func run() throws {
            let config = try ConfigOptions(config: file).load()
            print(config.json(), terminator: "")
        }
    }
}

extension ConfigOptions {
    init(config: String) {
        self.init()
        self.config = config
    }
}
