/// A compact table's bytes could not be read back.
public struct StaffTableFormatError: Error, Sendable, CustomStringConvertible {
    public var description: String
}

extension StaffTable {
    /// The format version written by ``encoded(generation:)``; a table of another version is
    /// rebuilt rather than read.
    public static let formatVersion: UInt32 = 1
    private static let magic: [UInt8] = Array("MIDSTSNP".utf8)

    /// The table as bytes, with the data generation it was built from: a snapshot that a later
    /// process reads back with ``init(bytes:expectedGeneration:)`` instead of rebuilding it.
    public func encoded(generation: Int64) -> [UInt8] {
        var writer = ByteWriter()
        writer.bytes += Self.magic
        writer.put(Self.formatVersion)
        writer.put(generation)
        writer.put(idBytes)
        writer.put(idStart)
        writer.put(idRank)
        writer.put(profession)
        writer.put(seniority)
        writer.put(modes)
        writer.put(freeCapacity)
        writer.put(availableFrom)
        writer.put(availableTo)
        writer.put(placements)
        writer.put(specialtyStart)
        writer.put(specialtyCodes)
        writer.put(tieStart)
        writer.put(tieCountries)
        writer.put(tieKinds)
        writer.put(languageStart)
        writer.put(languageCodes)
        writer.put(languageRanks)
        writer.put(completedStart)
        writer.put(completedCountries)
        return writer.bytes
    }

    /// Reads a table written by ``encoded(generation:)``; throws when the bytes are of another
    /// format version or generation, or damaged.
    public init(bytes: UnsafeRawBufferPointer, expectedGeneration: Int64) throws(StaffTableFormatError) {
        var reader = ByteReader(bytes: bytes)
        guard reader.take(Self.magic.count) == Self.magic else {
            throw StaffTableFormatError(description: "not a Midst staff snapshot")
        }
        guard try reader.get(UInt32.self) == Self.formatVersion else {
            throw StaffTableFormatError(description: "snapshot of another format version")
        }
        guard try reader.get(Int64.self) == expectedGeneration else {
            throw StaffTableFormatError(description: "snapshot of older data")
        }
        let idBytes: [UInt8] = try reader.array()
        let idStart: [Int32] = try reader.array()
        guard idStart.first == 0, zip(idStart, idStart.dropFirst()).allSatisfy({ $0 <= $1 }),
            Int(idStart.last ?? 0) == idBytes.count
        else { throw StaffTableFormatError(description: "damaged snapshot") }
        let idRank: [Int32] = try reader.array()
        let profession: [UInt16] = try reader.array()
        self.init(
            idBytes: idBytes, idStart: idStart, idRank: idRank, profession: profession, seniority: try reader.array(),
            modes: try reader.array(), freeCapacity: try reader.array(), availableFrom: try reader.array(),
            availableTo: try reader.array(), placements: try reader.array(), specialtyStart: try reader.array(),
            specialtyCodes: try reader.array(), tieStart: try reader.array(), tieCountries: try reader.array(),
            tieKinds: try reader.array(), languageStart: try reader.array(), languageCodes: try reader.array(),
            languageRanks: try reader.array(), completedStart: try reader.array(),
            completedCountries: try reader.array())
        let count = idStart.count - 1
        guard idRank.count == count, profession.count == count, seniority.count == count, modes.count == count,
            freeCapacity.count == count, availableFrom.count == count, availableTo.count == count,
            placements.count == count,
            specialtyStart.count == count + 1, tieStart.count == count + 1, languageStart.count == count + 1,
            completedStart.count == count + 1, Int(specialtyStart.last ?? 0) == specialtyCodes.count,
            Int(tieStart.last ?? 0) == tieCountries.count, tieKinds.count == tieCountries.count,
            Int(languageStart.last ?? 0) == languageCodes.count, languageRanks.count == languageCodes.count,
            Int(completedStart.last ?? 0) == completedCountries.count, reader.isAtEnd
        else { throw StaffTableFormatError(description: "damaged snapshot") }
    }
}

/// Appends fixed-width integers and length-prefixed arrays, in the machine's byte order.
private struct ByteWriter {
    var bytes: [UInt8] = []

    mutating func put<T: FixedWidthInteger>(_ value: T) {
        withUnsafeBytes(of: value) { bytes += $0 }
    }

    mutating func put<T: FixedWidthInteger>(_ values: [T]) {
        put(Int64(values.count))
        values.withUnsafeBytes { bytes += $0 }
    }
}

/// Reads what ``ByteWriter`` wrote.
private struct ByteReader {
    let bytes: UnsafeRawBufferPointer
    var offset = 0

    var isAtEnd: Bool { offset == bytes.count }

    mutating func take(_ count: Int) -> [UInt8]? {
        guard count >= 0, offset + count <= bytes.count else { return nil }
        defer { offset += count }
        return Array(bytes[offset..<(offset + count)])
    }

    mutating func get<T: FixedWidthInteger>(_: T.Type) throws(StaffTableFormatError) -> T {
        guard offset + MemoryLayout<T>.size <= bytes.count else {
            throw StaffTableFormatError(description: "damaged snapshot")
        }
        defer { offset += MemoryLayout<T>.size }
        return bytes.loadUnaligned(fromByteOffset: offset, as: T.self)
    }

    mutating func array<T: FixedWidthInteger>() throws(StaffTableFormatError) -> [T] {
        let count = Int(try get(Int64.self))
        let size = count * MemoryLayout<T>.stride
        guard count >= 0, offset + size <= bytes.count else {
            throw StaffTableFormatError(description: "damaged snapshot")
        }
        let values = [T](unsafeUninitializedCapacity: count) { buffer, initialized in
            UnsafeMutableRawBufferPointer(buffer).copyMemory(
                from: UnsafeRawBufferPointer(rebasing: bytes[offset..<(offset + size)]))
            initialized = count
        }
        offset += size
        return values
    }
}
