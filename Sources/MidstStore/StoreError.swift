import Foundation

/// Problems with the database file itself.
public enum StoreError: Error, LocalizedError, Sendable {
    /// The database was written by a newer Midst whose migrations this one does not know.
    case newerSchema(path: String, unknownMigrations: [String])
    /// The file exists but is not a Midst database (or not SQLite at all).
    case notAMidstDatabase(path: String, reason: String)
    /// A command that only reads found no database.
    case missing(path: String)
    /// Another process held the database (a bulk load) for longer than Midst waits.
    case busy(path: String)
    /// An input file could not be read.
    case unreadable(path: String, reason: String)

    public var errorDescription: String? {
        switch self {
        case .newerSchema(let path, let unknown):
            "\(path): the database was written by a newer version of Midst (it has migrations "
                + "\(unknown.joined(separator: ", ")) that this version does not know); "
                + "upgrade Midst rather than use an older one on it"
        case .notAMidstDatabase(let path, let reason):
            "\(path): not a Midst database (\(reason))"
        case .missing(let path):
            "\(path): no database here; create one with `midst init` or `midst import`"
        case .busy(let path):
            "\(path): another process has held the database for over "
                + "\(Int(MidstDatabase.bulkLoadPatience)) s (a large import?); try again when it has finished"
        case .unreadable(let path, let reason):
            "\(path): cannot be read (\(reason))"
        }
    }
}
