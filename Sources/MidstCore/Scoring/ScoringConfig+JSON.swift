import Foundation

/// A configuration file that could not be used, with the key at fault.
package struct ScoringConfigError: Error, Sendable, CustomStringConvertible {
    package var message: String
    package var description: String { message }
}

extension ScoringConfig {
    /// The configuration as pretty-printed JSON with sorted keys: the shipped defaults file is
    /// exactly `ScoringConfig().json()`. A number JSON cannot hold, which only a configuration
    /// made in code can have, is written as the string `"NaN"`, `"Infinity"` or `"-Infinity"`
    /// (never a trap); reading it back refuses that key.
    public func json() -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        encoder.nonConformingFloatEncodingStrategy = .convertToString(
            positiveInfinity: "Infinity", negativeInfinity: "-Infinity", nan: "NaN")
        return String(decoding: try! encoder.encode(self), as: UTF8.self) + "\n"
    }

    /// Reads a configuration file's JSON. Keys left out keep their default value, so a file may
    /// set only what it changes; unknown keys and values of the wrong type are errors naming the
    /// key path (e.g. `weights.langauge`).
    package init(json data: Data) throws(ScoringConfigError) {
        let defaults = try! JSONSerialization.jsonObject(with: Data(ScoringConfig().json().utf8))
        let overrides: Any
        do {
            overrides = try JSONSerialization.jsonObject(with: data)
        } catch {
            throw ScoringConfigError(message: "not valid JSON (\(error.localizedDescription))")
        }
        let merged = try Self.merge(overrides, into: defaults, path: "")
        do {
            self = try JSONDecoder().decode(
                ScoringConfig.self, from: JSONSerialization.data(withJSONObject: merged))
        } catch let DecodingError.typeMismatch(type, context) {
            throw ScoringConfigError(
                message: "key '\(Self.keyPath(context))' must be \(Self.kind(type, context))")
        } catch let DecodingError.valueNotFound(type, context) {
            throw ScoringConfigError(
                message:
                    "key '\(Self.keyPath(context))' must be \(Self.kind(type, context)), not null")
        } catch let DecodingError.keyNotFound(key, context) {
            let missing = DecodingError.Context(
                codingPath: context.codingPath + [key], debugDescription: "")
            throw ScoringConfigError(message: "key '\(Self.keyPath(missing))' is missing")
        } catch {
            throw ScoringConfigError(message: "the configuration cannot be read (\(error))")
        }
        try validate()
    }

    /// The key path a decoding error names, as the file spells it: `country.affinities.0.factor`.
    private static func keyPath(_ context: DecodingError.Context) -> String {
        context.codingPath.map { $0.intValue.map(String.init) ?? $0.stringValue }
            .joined(separator: ".")
    }

    /// What the key at `context` holds, in words, for a value of Swift type `type`.
    private static func kind(_ type: Any.Type, _ context: DecodingError.Context) -> String {
        let first = context.codingPath.first?.stringValue
        return type == Bool.self
            ? "true or false"
            : type == Int.self
                ? "a whole number"
                : type == Double.self
                    ? "a number"
                    : type == String.self
                        ? "a string"
                        : first == "language"
                            ? "a list of language codes"
                            : first == "country"
                                ? "a list of {\"countries\": [codes], \"factor\": number} objects"
                                : "a list of lists of profession codes"
    }

    private static func merge(_ override: Any, into base: Any, path: String)
        throws(ScoringConfigError) -> Any
    {
        // Leaves are checked by the decoder, which names the key path of a wrong type.
        guard let baseObject = base as? [String: Any] else { return override }
        guard let overrideObject = override as? [String: Any] else {
            throw ScoringConfigError(
                message: "key '\(path.isEmpty ? "(top level)" : path)' must be an object")
        }
        var result = baseObject
        for (key, value) in overrideObject {
            let keyPath = path.isEmpty ? key : "\(path).\(key)"
            guard let current = baseObject[key] else {
                let known = baseObject.keys.sorted().joined(separator: ", ")
                throw ScoringConfigError(message: "unknown key '\(keyPath)' (known here: \(known))")
            }
            result[key] = try merge(value, into: current, path: keyPath)
        }
        return result
    }

    /// The largest weight a configuration may give. A weight is scaled to points as
    /// `100 × w / Σw`, so `100 × w` and the sum of every weight must be finite: at 1e307 the
    /// score was not a number (issue 22, item 4, found by ScoringConfigFuzzTests).
    static let largestWeight = 1e300

    /// Checks the ranges the formula needs: weights from 0 to ``largestWeight`` and not all
    /// zero, factors in [0, 1].
    private func validate() throws(ScoringConfigError) {
        let weightList = ScoreComponent.allCases.map { ("weights.\($0.rawValue)", weights[$0]) }
        let languageWeights = [
            ("language.requiredWeight", language.requiredWeight),
            ("language.preferredWeight", language.preferredWeight),
            ("language.localWeight", language.localWeight),
        ]
        for (name, value) in weightList + languageWeights
        where !(0...Self.largestWeight).contains(value) {
            throw ScoringConfigError(message: "key '\(name)' must be a number from 0 to 1e300")
        }
        if weightList.allSatisfy({ $0.1 == 0 }) {
            throw ScoringConfigError(message: "at least one weight must be above 0")
        }
        let unitValues = [
            ("specialty.exact", specialty.exact),
            ("specialty.parentOrChild", specialty.parentOrChild),
            ("specialty.sibling", specialty.sibling),
            ("specialty.secondaryFactor", specialty.secondaryFactor),
            ("country.nationality", country.nationality), ("country.birth", country.birth),
            ("country.trained", country.trained), ("country.heritage", country.heritage),
            ("country.worked", country.worked),
            ("country.sameSubregionFactor", country.sameSubregionFactor),
            ("country.sameRegionFactor", country.sameRegionFactor),
            ("language.requiredAtMinimum", language.requiredAtMinimum),
            ("language.preferredBelowFactor", language.preferredBelowFactor),
            ("seniorityPenaltyPerLevel", seniorityPenaltyPerLevel),
            ("experiencePerPlacement", experiencePerPlacement),
            ("experienceSameCountry", experienceSameCountry),
        ]
        // Priority 1's multiplier, 1 − 2 × step, must stay above 0.
        guard priorityStep >= 0, priorityStep < 0.5 else {
            throw ScoringConfigError(message: "key 'priorityStep' must be at least 0 and below 0.5")
        }
        for (name, value) in unitValues where !(0...1).contains(value) {
            throw ScoringConfigError(message: "key '\(name)' must be between 0 and 1")
        }
        for (position, affinity) in country.affinities.enumerated() {
            guard (0...1).contains(affinity.factor) else {
                throw ScoringConfigError(
                    message: "key 'country.affinities.\(position).factor' must be between 0 and 1")
            }
            guard affinity.countries.count >= 2 else {
                throw ScoringConfigError(
                    message:
                        "key 'country.affinities.\(position).countries' must list at least two countries"
                )
            }
        }
        for (name, value) in [
            ("language.localMinimumPercent", language.localMinimumPercent),
            ("language.localSaturationPercent", language.localSaturationPercent),
        ] where !(0...100).contains(value) {
            throw ScoringConfigError(message: "key '\(name)' must be a percentage from 0 to 100")
        }
        for (name, days) in [
            ("followUp.askedHoldDays", followUp.askedHoldDays),
            ("followUp.noResponseDays", followUp.noResponseDays),
        ] where !(0...FollowUpRules.longestDays).contains(days) {
            throw ScoringConfigError(
                message:
                    "key '\(name)' must be a whole number of days from 0 to \(FollowUpRules.longestDays)"
            )
        }
        if language.localSaturationPercent <= 0 {
            throw ScoringConfigError(
                message: "key 'language.localSaturationPercent' must be above 0")
        }
        if language.localMinimumPercent > language.localSaturationPercent {
            throw ScoringConfigError(
                message:
                    "key 'language.localMinimumPercent' (\(language.localMinimumPercent)) must not be above 'language.localSaturationPercent' (\(language.localSaturationPercent))"
            )
        }
    }
}

extension ScoringConfig {
    /// A stable fingerprint of the configuration (FNV-1a, 64 bits, of ``json()``, in hex), so that
    /// runs made with the same configuration can be recognised.
    public var fingerprint: String {
        let hex = String(FNV1a.hash(json().utf8), radix: 16)
        return String(repeating: "0", count: 16 - hex.count) + hex
    }
}
