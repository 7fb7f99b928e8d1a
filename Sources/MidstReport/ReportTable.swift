import Plot

/// A table for the page: a caption, header cells with `scope`, and cells holding text, a
/// right-aligned number, or a link.
///
/// Written by ``MarkupWriter`` as the markup Plot writes for the same nodes: the ask list and
/// the changes hold a thousand rows each, and a node per cell was most of writing them (notes
/// for issue 23, "The report's rendering").
struct ReportTable {
    enum Cell {
        case text(String)
        case number(String)
        /// `<a href="…">text</a>`; `href` as given (a constant and ids or an e-mail address).
        case link(href: String, text: String)
    }

    var caption: String
    /// Column headings; a heading ending in "#" is a numeric column (shown without the "#").
    var columns: [String]
    var rows: [[Cell]]

    /// The table, in any context that may hold one.
    func node<Context: HTML.BodyContext>() -> Node<Context> {
        var writer = MarkupWriter(capacity: 256 + 200 * rows.count)
        write(to: &writer)
        return .raw(String(decoding: writer.bytes, as: UTF8.self))
    }

    private func write(to writer: inout MarkupWriter) {
        writer.open("table")
        writer.element("caption", text: caption)
        writer.open("thead")
        writer.open("tr")
        for column in columns {
            let isNumeric = column.hasSuffix("#")
            writer.startTag("th")
            writer.attribute("scope", "col")
            if isNumeric { writer.attribute("class", "n") }
            writer.endTag()
            writer.text(isNumeric ? String(column.dropLast()) : column)
            writer.close("th")
        }
        writer.close("tr")
        writer.close("thead")
        writer.open("tbody")
        for row in rows {
            writer.open("tr")
            for cell in row {
                switch cell {
                case .text(let text): writer.element("td", text: text)
                case .number(let text): writer.element("td", class: "n", text: text)
                case .link(let href, let text):
                    writer.open("td")
                    writer.startTag("a")
                    writer.attribute("href", href)
                    writer.endTag()
                    writer.text(text)
                    writer.close("a")
                    writer.close("td")
                }
            }
            writer.close("tr")
        }
        writer.close("tbody")
        writer.close("table")
    }
}
