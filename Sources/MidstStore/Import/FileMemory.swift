import Foundation

/// Giving an import file's memory back to the system before the import ends.
enum FileMemory {
    /// Tells the system that the whole memory pages inside `bytes` are no longer needed, so they
    /// stop counting towards the process's memory (on Linux at once). The array stays valid, but
    /// what those pages hold afterwards is undefined (zeros on Linux): only for bytes nothing
    /// will read again (``ImportOptions/handsOverBytes``). The partial pages at either end are
    /// kept.
    static func giveBack(_ bytes: [UInt8]) {
        bytes.withUnsafeBufferPointer { buffer in
            guard let base = buffer.baseAddress else { return }
            let page = Int(sysconf(Int32(_SC_PAGESIZE)))
            let start = (Int(bitPattern: base) + page - 1) / page * page
            let end = (Int(bitPattern: base) + buffer.count) / page * page
            guard end > start, let first = UnsafeMutableRawPointer(bitPattern: start) else {
                return
            }
            _ = madvise(first, end - start, MADV_DONTNEED)
        }
    }
}
