import Foundation

/// A JSON document built from typed values (``Cell``s and ``RecordTable``s), for
/// `--format json`. Every command's JSON is rendered here, keys sorted; a number JSON cannot
/// hold (NaN, infinity) is an error naming its key, never a trap.
indirect enum JSONValue {
    case cell(Cell)
    case bool(Bool)
    case array([JSONValue])
    case object([String: JSONValue])

    /// The table's rows, each an object keyed by column.
    static func rows(of table: RecordTable) -> JSONValue {
        .array(
            table.rows.map { row in
                .object(
                    Dictionary(uniqueKeysWithValues: zip(table.columns, row.map(JSONValue.cell))))
            })
    }

    /// The document as text: indented unless `pretty` is false; `/` left unescaped when
    /// `escapesSlashes` is false. No newline at the end.
    func rendered(pretty: Bool = true, escapesSlashes: Bool = true) throws -> String {
        var options: JSONSerialization.WritingOptions = [.sortedKeys]
        if pretty { options.insert(.prettyPrinted) }
        if !escapesSlashes { options.insert(.withoutEscapingSlashes) }
        let data = try JSONSerialization.data(
            withJSONObject: try foundationObject(at: "$"), options: options)
        return String(decoding: data, as: UTF8.self)
    }

    /// The value as JSONSerialization takes it; `path` names it in an error.
    private func foundationObject(at path: String) throws -> Any {
        switch self {
        case .bool(let value): return value
        case .array(let values):
            return try values.enumerated().map { try $1.foundationObject(at: "\(path)[\($0)]") }
        case .object(let members):
            var object: [String: Any] = [:]
            for (key, value) in members { object[key] = try value.foundationObject(at: "\(path).\(key)") }
            return object
        case .cell(let cell):
            switch cell {
            case .text(let value): return value
            case .integer(let value): return value
            case .number(let value, _):
                guard value.isFinite else { throw UnrenderableNumber(path: path, value: value) }
                return value
            case .date(let day): return day.description
            case .null: return NSNull()
            }
        }
    }
}

/// A number JSON cannot hold, found while rendering output.
struct UnrenderableNumber: Error, LocalizedError {
    var path: String
    var value: Double
    var errorDescription: String? { "cannot print \(value) as JSON (at \(path))" }
}
