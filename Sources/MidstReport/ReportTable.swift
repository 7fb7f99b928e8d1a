import Plot

/// A table for the page: a caption, header cells with `scope`, and cells holding text, a
/// right-aligned number, or any content (a chart, a list).
struct ReportTable {
    enum Cell {
        case text(String)
        case number(String)
        case content(Node<HTML.BodyContext>)
    }

    var caption: String
    /// Column headings; a heading ending in "#" is a numeric column (shown without the "#").
    var columns: [String]
    var rows: [[Cell]]

    /// The table, in any context that may hold one.
    func node<Context: HTML.BodyContext>() -> Node<Context> {
        .table(
            .caption(Markup.text(caption)),
            .thead(
                .tr(
                    .forEach(columns) { column in
                        .th(
                            .attribute(named: "scope", value: "col"),
                            .if(column.hasSuffix("#"), .class("n")),
                            Markup.text(column.hasSuffix("#") ? String(column.dropLast()) : column))
                    })),
            .tbody(
                .forEach(rows) { row in
                    .tr(
                        .forEach(row) { cell in
                            switch cell {
                            case .text(let text): .td(Markup.text(text))
                            case .number(let text): .td(.class("n"), Markup.text(text))
                            case .content(let node): .td(node)
                            }
                        })
                }))
    }
}
