import MidstCore
import Plot

/// The report's charts, drawn by Midst: the fill and score charts as inline SVG, each with a
/// text alternative (`role="img"` with `aria-label`, and a `<title>`) and its figures in a
/// table; each candidate's component bar as one CSS-gradient element labelled in words. No
/// script, no image file, no font.
enum Charts {
    typealias Content = Node<HTML.BodyContext>

    /// An `<svg>` of `width` × `height` user units drawn at that size, described by `label`.
    static func svg(width: Double, height: Double, label: String, _ children: [Content]) -> Content {
        .element(
            named: "svg",
            nodes: [
                .attribute(named: "xmlns", value: "http://www.w3.org/2000/svg"),
                .attribute(named: "width", value: Markup.number(width, decimals: 0)),
                .attribute(named: "height", value: Markup.number(height, decimals: 0)),
                .attribute(named: "viewBox", value: "0 0 \(Markup.number(width, decimals: 0)) \(Markup.number(height, decimals: 0))"),
                .attribute(named: "role", value: "img"),
                Markup.attribute("aria-label", label),
                .element(named: "title", nodes: [Markup.text(label)]),
            ] + children)
    }

    static func rect(x: Double, y: Double, width: Double, height: Double, cssClass: String) -> Content {
        .selfClosedElement(
            named: "rect",
            attributes: [
                Attribute<HTML.BodyContext>(name: "x", value: Markup.number(x, decimals: 2)),
                Attribute(name: "y", value: Markup.number(y, decimals: 1)),
                Attribute(name: "width", value: Markup.number(width, decimals: 2)),
                Attribute(name: "height", value: Markup.number(height, decimals: 1)),
                Attribute(name: "class", value: cssClass),
            ])
    }

    static func caption(_ text: String, x: Double, y: Double, anchor: String = "start") -> Content {
        .element(
            named: "text",
            nodes: [
                .attribute(named: "x", value: Markup.number(x, decimals: 1)),
                .attribute(named: "y", value: Markup.number(y, decimals: 1)),
                .attribute(named: "text-anchor", value: anchor),
                Markup.text(text),
            ])
    }

    /// A score as one bar of its component contributions, 1% of the bar per point (a score of
    /// 100 fills it). There is one per candidate shown, thousands on a large page, so it is one
    /// element painted by a CSS gradient in the components' colours rather than an SVG of a
    /// rectangle each (BENCHMARKS.md, "The coordinator's morning"), written straight into the
    /// page; its words are its `aria-label`, and the reasons beside it.
    static func writeContributions(
        _ points: ScoreComponent.Vector, score: Double, to writer: inout MarkupWriter
    ) {
        // Component names and numbers only: nothing here needs escaping.
        writer.raw("<span class=\"bar\" role=\"img\" aria-label=\"Score ")
        writer.number(score)
        writer.raw(": ")
        var isFirst = true
        for component in ScoreComponent.allCases where points[component] > 0.005 {
            if !isFirst { writer.raw(", ") }
            writer.raw(component.rawValue)
            writer.raw(" ")
            writer.number(points[component])
            isFirst = false
        }
        if isFirst { writer.raw("nothing") }
        writer.raw("\" style=\"background-image: linear-gradient(90deg, ")
        var x = 0.0
        for component in ScoreComponent.allCases where points[component] > 0.005 {
            let end = x + points[component]
            writer.raw("var(--")
            writer.raw(component.rawValue)
            writer.raw(") ")
            writer.number(x)
            writer.raw("% ")
            writer.number(end)
            writer.raw("%, ")
            x = end
        }
        writer.raw("transparent ")
        writer.number(x)
        writer.raw("%)\"></span>")
    }

    /// The colour key of the component bars.
    static func componentKey() -> Content {
        .ul(
            .class("key"),
            .forEach(ScoreComponent.allCases) { component in
                .li(.span(.class("swatch c-\(component.rawValue)")), Markup.text(component.rawValue))
            })
    }

    /// One row of a state chart: a label and its needs asked, proposed and open (nobody
    /// proposed).
    struct StateRow {
        var label: String
        var asked: Int
        var proposed: Int
        var open: Int
        var total: Int { asked + proposed + open }
    }

    /// Horizontal stacked bars of needs asked, proposed and open, one row each. Labels are
    /// never cut: the label column is as wide as the longest.
    static func states(_ rows: [StateRow], label: String) -> Content {
        let most = max(1, rows.map(\.total).max() ?? 1)
        // About 6.2 px a character at the 11 px the page's SVG text uses.
        let labelWidth = max(120, 8 + 6.2 * Double(rows.map(\.label.count).max() ?? 0))
        let barWidth = 420.0
        let rowHeight = 22.0
        var children: [Content] = []
        for (index, row) in rows.enumerated() {
            let y = Double(index) * rowHeight
            children.append(caption(row.label, x: 0, y: y + 15))
            var x = labelWidth
            for (count, state) in [(row.asked, "asked"), (row.proposed, "proposed"), (row.open, "open")] where count > 0 {
                let width = barWidth * Double(count) / Double(most)
                children.append(rect(x: x, y: y + 3, width: width, height: rowHeight - 6, cssClass: "f-\(state)"))
                x += width
            }
            children.append(caption("\(row.asked + row.proposed)/\(row.total)", x: x + 6, y: y + 15))
        }
        let description = rows.map { "\($0.label): \($0.asked) asked, \($0.proposed) proposed, \($0.open) open" }
            .joined(separator: "; ")
        return svg(
            width: labelWidth + barWidth + 60, height: max(rowHeight, Double(rows.count) * rowHeight),
            label: "\(label). \(description)", children)
    }

    /// Vertical bars: how many shortlisted and proposed scores fall in each bin.
    static func histogram(_ bins: [ScoreBins.Bin], label: String) -> Content {
        let most = max(1, bins.map { max($0.shortlisted, $0.proposed) }.max() ?? 1)
        let width = 640.0
        let plotHeight = 160.0
        let step = width / Double(max(bins.count, 1))
        var children: [Content] = []
        for (index, bin) in bins.enumerated() {
            let x = Double(index) * step
            let listed = plotHeight * Double(bin.shortlisted) / Double(most)
            let proposed = plotHeight * Double(bin.proposed) / Double(most)
            children.append(rect(x: x + 1, y: plotHeight - listed, width: step - 2, height: listed, cssClass: "h-shortlisted"))
            children.append(rect(x: x + step * 0.25, y: plotHeight - proposed, width: step * 0.5, height: proposed, cssClass: "h-proposed"))
            if index % 2 == 0 {
                children.append(caption(Markup.number(bin.lower, decimals: 0), x: x, y: plotHeight + 14))
            }
        }
        children.append(caption("score", x: width, y: plotHeight + 28, anchor: "end"))
        let description = bins.filter { $0.shortlisted > 0 }
            .map { "\(Markup.number($0.lower, decimals: 0))–\(Markup.number($0.upper, decimals: 0)): \($0.shortlisted) shortlisted, \($0.proposed) proposed" }
            .joined(separator: "; ")
        return svg(width: width, height: plotHeight + 32, label: "\(label). \(description)", children)
    }
}
