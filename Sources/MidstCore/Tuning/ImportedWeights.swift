import Foundation

/// Per-component weights learnt outside Midst (`midst tune --import-weights`, docs/TUNING.md,
/// "Other learners"), read from CSV (`component,weight`, one row per component) or JSON (an
/// object of component weights, alone or under `"weights"`). A component left out weighs 0.
///
/// Only the ratios of the weights matter to the ranking (a score is `100 × Σ w·v ÷ Σ w`); the
/// weights are scaled to a total of 100, as `midst tune` writes them, so that a learner's
/// arbitrary scale does not show in the configuration.
package enum ImportedWeights {
    /// A weights file Midst cannot use, with where and why.
    package struct Problem: MidstError, LocalizedError {
        package var file: String
        /// The line (CSV) or nil (JSON).
        package var line: Int?
        package var field: String
        /// What is wrong with the field.
        package var problem: String
        package var errorDescription: String? { message }
        /// `file:line: field 'name': problem`.
        package var message: String {
            "\(file)\(line.map { ":\($0)" } ?? ""): field '\(field)': \(problem)"
        }
        package var exitStatus: ExitStatus { .invalidData }
    }

    /// The weights of `text`, scaled to a total of 100 and rounded to 0.01.
    package static func parse(_ text: String, file: String) throws(Problem) -> ScoreComponent.Vector {
        let trimmed = text.trimmingCharacters(in: .whitespacesAndNewlines)
        let entries: [(name: String, value: String, line: Int?)] =
            trimmed.hasPrefix("{") ? try json(trimmed, file: file) : try csv(text, file: file)
        var weights = ScoreComponent.Vector()
        var seen: Set<ScoreComponent> = []
        for entry in entries {
            guard let component = ScoreComponent(rawValue: entry.name) else {
                throw Problem(
                    file: file, line: entry.line, field: entry.line == nil ? entry.name : "component",
                    problem:
                        "'\(entry.name)' is not a component (\(ScoreComponent.allCases.map(\.rawValue).joined(separator: ", ")))")
            }
            guard seen.insert(component).inserted else {
                throw Problem(
                    file: file, line: entry.line, field: entry.line == nil ? entry.name : "component",
                    problem: "'\(entry.name)' is given twice")
            }
            guard let value = Double(entry.value), value.isFinite, value >= 0 else {
                throw Problem(
                    file: file, line: entry.line, field: entry.line == nil ? entry.name : "weight",
                    problem:
                        "'\(entry.value)' is not a number of 0 or more (a negative coefficient means the component hurts the ranking: give it 0)")
            }
            weights[component] = value
        }
        guard weights.sum > 0 else {
            throw Problem(
                file: file, line: nil, field: "weight", problem: "at least one weight must be above 0")
        }
        return WeightTuner.scaled(weights)
    }

    private static func csv(_ text: String, file: String) throws(Problem) -> [(
        name: String, value: String, line: Int?
    )] {
        let lines = text.split(separator: "\n", omittingEmptySubsequences: false).map {
            $0.trimmingCharacters(in: .whitespacesAndNewlines)
        }
        func fields(_ line: String) -> [String] {
            line.split(separator: ",", omittingEmptySubsequences: false).map {
                $0.trimmingCharacters(in: CharacterSet(charactersIn: " \"")).lowercased()
            }
        }
        guard let header = lines.first.map(fields), header == ["component", "weight"] else {
            throw Problem(
                file: file, line: 1, field: "header",
                problem: "a weights file is JSON, or CSV headed 'component,weight'")
        }
        var entries: [(name: String, value: String, line: Int?)] = []
        for (index, line) in lines.enumerated().dropFirst() where !line.isEmpty {
            let row = fields(line)
            guard row.count == 2 else {
                throw Problem(
                    file: file, line: index + 1, field: "weight",
                    problem: "expected 2 fields (component,weight), found \(row.count)")
            }
            entries.append((row[0], row[1], index + 1))
        }
        return entries
    }

    private static func json(_ text: String, file: String) throws(Problem) -> [(
        name: String, value: String, line: Int?
    )] {
        guard let object = try? JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any]
        else {
            throw Problem(file: file, line: nil, field: "weights", problem: "not a JSON object")
        }
        let weights = (object["weights"] as? [String: Any]) ?? object
        return weights.keys.sorted().map { key in
            let value = weights[key]
            let text = (value as? NSNumber).map { "\($0.doubleValue)" } ?? "\(value ?? "null")"
            return (key, text, nil)
        }
    }
}
