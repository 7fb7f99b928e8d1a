import Foundation

/// A JSON value as found in a JSON Lines import record.
enum JSONValue: Decodable, Sendable {
    case null
    case bool(Bool)
    case integer(Int)
    case number(Double)
    case string(String)
    case array([JSONValue])
    case object([String: JSONValue])

    init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        if container.decodeNil() {
            self = .null
        } else if let value = try? container.decode(Bool.self) {
            self = .bool(value)
        } else if let value = try? container.decode(Int.self) {
            self = .integer(value)
        } else if let value = try? container.decode(Double.self) {
            self = .number(value)
        } else if let value = try? container.decode(String.self) {
            self = .string(value)
        } else if let value = try? container.decode([JSONValue].self) {
            self = .array(value)
        } else {
            self = .object(try container.decode([String: JSONValue].self))
        }
    }

    /// Keys of the objects allowed inside multi-valued fields, in the order their values are joined
    /// into the CSV mini-syntax (`{"country":"NG","kind":"trained","years":4}` → `NG:trained:4`).
    private static let itemKeys = ["country", "language", "code", "kind", "level", "years"]

    /// The value in the CSV field syntax, or a message saying why it cannot be one.
    func fieldText() -> Result<String?, FieldTextError> {
        switch self {
        case .null: return .success(nil)
        case .bool(let value): return .success(value ? "true" : "false")
        case .integer(let value): return .success(String(value))
        case .number(let value): return .success(String(value))
        case .string(let value): return .success(value)
        case .array(let items):
            var parts: [String] = []
            for item in items {
                switch item {
                case .string(let text): parts.append(text)
                case .object(let fields):
                    // The key itself is not shown: a staff line may hold a name there.
                    if fields.keys.contains(where: { !Self.itemKeys.contains($0) }) {
                        return .failure(
                            FieldTextError(
                                message:
                                    "a list item has an unknown key (known: \(Self.itemKeys.joined(separator: ", ")))"
                            ))
                    }
                    var values: [String] = []
                    for key in Self.itemKeys {
                        guard let value = fields[key] else { continue }
                        switch value.fieldText() {
                        case .success(let text?): values.append(text)
                        case .success(nil): break
                        case .failure(let error): return .failure(error)
                        }
                    }
                    parts.append(values.joined(separator: ":"))
                default:
                    return .failure(
                        FieldTextError(message: "list items must be strings or objects"))
                }
            }
            return .success(parts.joined(separator: ";"))
        case .object:
            return .failure(FieldTextError(message: "an object is not allowed here; use a list"))
        }
    }

    struct FieldTextError: Error {
        var message: String
    }
}
