/// The rows of one spreadsheet sheet, each cell as the text an import reads (a date as
/// `YYYY-MM-DD`, a number as written), held compactly: every cell's UTF-8 in one buffer.
///
/// Filled by a workbook reader (the `MidstWorkbook` module) and read by ``RecordReader``. Rows
/// keep their numbers in the sheet, so that messages name the row a spreadsheet shows; rows
/// with no cell are not stored.
package struct SheetRows: Sendable {
    /// The sheet's name, as its tab shows it.
    package let name: String
    private var text: [UInt8] = []
    /// The end of each cell's text in `text`; a cell starts where the one before it ends.
    private var cellEnds: [UInt32] = []
    /// The end of each row's cells in `cellEnds`.
    private var rowEnds: [Int] = []
    private var numbers: [Int] = []

    /// An empty sheet called `name`.
    package init(name: String) { self.name = name }

    /// The number of rows stored.
    package var count: Int { numbers.count }

    /// The UTF-8 bytes of the text held, for progress reports.
    package var byteCount: Int { text.count }

    /// Adds row `number` (1-based, as the sheet numbers it) with `cells`, left to right, an
    /// empty string for each cell left blank before the last one given.
    /// - Precondition: less than 4 GiB of text in all.
    package mutating func append(row number: Int, cells: [String]) {
        for cell in cells {
            text.append(contentsOf: cell.utf8)
            precondition(text.count <= UInt32.max, "a sheet of more than 4 GiB of text")
            cellEnds.append(UInt32(text.count))
        }
        rowEnds.append(cellEnds.count)
        numbers.append(number)
    }

    /// The sheet's row number of the row at `index` (0-based, in the order added).
    package func number(ofRowAt index: Int) -> Int { numbers[index] }

    /// The cells of the row at `index` (0-based, in the order added).
    package func cells(ofRowAt index: Int) -> [String] {
        let first = index == 0 ? 0 : rowEnds[index - 1]
        var start = first == 0 ? 0 : Int(cellEnds[first - 1])
        var cells: [String] = []
        cells.reserveCapacity(rowEnds[index] - first)
        for end in cellEnds[first..<rowEnds[index]] {
            cells.append(String(decoding: text[start..<Int(end)], as: UTF8.self))
            start = Int(end)
        }
        return cells
    }
}
