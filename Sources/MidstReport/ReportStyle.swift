import MidstCore

/// The page's style sheet: system fonts, colours that keep their contrast in print and for
/// colour-blind readers (the Okabe–Ito palette), and every figure also given in words.
enum ReportStyle {
    /// Each component's colour as a CSS variable (`--specialty`), four to a line, in the root
    /// rule: the charts' bars and keys refer to these by the component's name.
    private static let componentColours: String = {
        let declarations = ScoreComponent.allCases.map { "--\($0.rawValue): \($0.colour);" }
        let lines = stride(from: 0, to: declarations.count, by: 4).map {
            "        " + declarations[$0..<min($0 + 4, declarations.count)].joined(separator: " ")
        }
        return ":root { color-scheme: light;\n" + lines.joined(separator: "\n") + " }"
    }()

    /// A swatch class per component (`.c-specialty`), for the charts' keys.
    private static let componentSwatches = ScoreComponent.allCases.map {
        ".c-\($0.rawValue) { background: var(--\($0.rawValue)); }"
    }.joined(separator: "\n")

    static let css = """
        \(componentColours)
        body { font-family: system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial, sans-serif;
               color: #1a1a1a; background: #fff; margin: 0 auto; max-width: 72rem; padding: 1rem 1.5rem 3rem; line-height: 1.45; }
        h1 { font-size: 1.6rem; margin-bottom: .2rem; }
        h2 { font-size: 1.3rem; border-bottom: 2px solid #005eb8; padding-bottom: .2rem; margin-top: 2.2rem; }
        h3 { font-size: 1.05rem; margin-top: 1.4rem; }
        a { color: #005eb8; }
        nav ul { display: flex; flex-wrap: wrap; gap: .4rem 1.2rem; padding: 0; list-style: none; }
        table { border-collapse: collapse; margin: .5rem 0 1rem; font-size: .9rem; }
        caption { text-align: left; font-weight: 600; padding: .3rem 0; }
        th, td { border-bottom: 1px solid #d0d0d0; padding: .25rem .6rem .25rem 0; text-align: left; vertical-align: top; }
        th { font-weight: 600; }
        td.n, th.n { text-align: right; font-variant-numeric: tabular-nums; }
        .note { color: #4a4a4a; font-size: .9rem; }
        .lead { font-size: 1.05rem; }
        details { margin: .3rem 0; }
        details > summary { cursor: pointer; padding: .2rem 0; }
        details.country > summary { font-weight: 600; }
        table.needs { width: 100%; }
        table.needs tr.need th { font-weight: 400; background: #eef4fa; padding-top: .5rem; }
        table.needs tr.need .id { font-family: ui-monospace, Menlo, Consolas, monospace; font-weight: 600; }
        table.needs tr.team th { font-weight: 600; background: #dde8f3; padding-top: .6rem; }
        svg text { font-size: 11px; fill: #1a1a1a; }
        .key { display: flex; flex-wrap: wrap; gap: .3rem 1rem; padding: 0; list-style: none; }
        .swatch { display: inline-block; width: .9rem; height: .9rem; margin-right: .3rem; vertical-align: -2px; border: 1px solid #555; }
        \(componentSwatches)
        .f-asked { fill: #009e73; }
        .f-proposed { fill: #56b4e9; }
        .f-open { fill: #d55e00; }
        svg { max-width: 100%; height: auto; }
        section#ask table, section#awaited table { width: 100%; }
        td.email { white-space: nowrap; }
        @media (max-width: 40rem) {
          body { padding: .5rem .6rem 2rem; }
          h1 { font-size: 1.25rem; }
          table { display: block; overflow-x: auto; max-width: 100%; }
          span.bar { width: 90px; }
        }
        .h-shortlisted { fill: #9ecae1; }
        .h-proposed { fill: #005eb8; }
        span.bar { display: inline-block; width: 160px; height: 14px; background-color: #f0f0f0; vertical-align: middle; }
        @media print {
          body { max-width: none; padding: 0; }
          nav { display: none; }
          h2 { break-after: avoid; }
          tr, svg { break-inside: avoid; }
          * { -webkit-print-color-adjust: exact; print-color-adjust: exact; }
        }
        """
}

extension ScoreComponent {
    /// The component's colour in the report's charts and keys, from the Okabe–Ito palette (told
    /// apart by colour-blind readers); the one place a component's colour is defined.
    var colour: String {
        switch self {
        case .specialty: "#0072b2"
        case .country: "#e69f00"
        case .language: "#009e73"
        case .seniority: "#cc79a7"
        case .availability: "#56b4e9"
        case .experience: "#d55e00"
        case .partnership: "#000000"
        }
    }
}
