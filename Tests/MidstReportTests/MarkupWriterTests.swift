import Testing

@testable import MidstReport

@Suite("Writing the page's markup")
struct MarkupWriterTests {
    static let texts = [
        "", "plain", "Paediatrics at Mulago Hospital, Uganda", "the partnership's UK partner",
        "<script>alert(\"x\") & 'y'</script>", "&amp; stays escaped: &amp;amp;", "a · b … c – d",
        "Żółć ünïcödé 👩🏽‍⚕️", "bell \u{7} escape \u{1B}[31m", "next line \u{85} in C1",
        "right-to-left \u{202E}override\u{202C} and isolate \u{2066}x\u{2069}", "tab\tnew\nline",
        "just before \u{2029} and \u{2065} and \u{2070}", "\u{7F} delete", "ends with <",
    ]

    @Test("text is escaped byte by byte exactly as Markup.text escapes it", arguments: texts)
    func textIsEscapedAsMarkupDoes(text: String) {
        var writer = MarkupWriter()
        writer.text(text)
        #expect(writer.bytes == Array(Markup.escaped(text.showingControls).utf8))
    }

    @Test("a control met after escaping began replaces this text's bytes only, not what came before")
    func controlAfterEscaping() {
        var writer = MarkupWriter()
        writer.element("td", text: "R&D")
        let text = "a & b < c \u{1B}[31m \u{202E}x"
        writer.text(text)
        #expect(
            String(decoding: writer.bytes, as: UTF8.self)
                == "<td>R&amp;D</td>" + Markup.escaped(text.showingControls))
    }

    @Test("nothing a record holds reaches the page as markup or as a control")
    func noMarkupOrControl() {
        var writer = MarkupWriter()
        for text in Self.texts { writer.text(text) }
        let page = String(decoding: writer.bytes, as: UTF8.self)
        #expect(!page.contains("<") && !page.contains(">") && !page.contains("\""))
        #expect(
            !page.unicodeScalars.contains { $0.value < 0x20 || (0x7F...0x9F).contains($0.value) })
        #expect(!page.unicodeScalars.contains { (0x202A...0x202E).contains($0.value) })
    }

    @Test("elements and attributes are written as Plot writes them; an empty attribute is left out")
    func elements() {
        var writer = MarkupWriter()
        writer.startTag("th")
        writer.attribute("scope", "col")
        writer.attribute("colspan", "")
        writer.attribute("title", escaping: "a \"b\" <c>")
        writer.endTag()
        writer.text("R&D")
        writer.close("th")
        writer.element("td", class: "n", text: "1")
        writer.number(-0.04)
        #expect(
            String(decoding: writer.bytes, as: UTF8.self)
                == "<th scope=\"col\" title=\"a &quot;b&quot; &lt;c&gt;\">R&amp;D</th><td class=\"n\">1</td>0.0"
        )
    }

    /// The way numbers were written before they were written digit by digit.
    static func numberByEditing(_ value: Double, decimals: Int) -> String {
        var text = String(
            Int((abs(value) * (0..<decimals).reduce(1.0) { value, _ in value * 10 }).rounded()))
        if decimals > 0 {
            while text.count <= decimals { text = "0" + text }
            text.insert(".", at: text.index(text.endIndex, offsetBy: -decimals))
        }
        return (value < 0 && text.contains(where: { $0 != "0" && $0 != "." }) ? "-" : "") + text
    }

    @Test("numbers are written as they were, for every number of decimals", arguments: 0...4)
    func numbers(decimals: Int) {
        var values: [Double] = [
            0, -0.0, 0.04, -0.04, 0.05, -0.05, 0.5, 1, 9.95, 99.95, 100, -100, 12_345.678, 1e-9,
            123_456_789.125,
        ]
        var state: UInt64 = 42
        for _ in 0..<500 {
            state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
            values.append((Double(state >> 11) / Double(1 << 53) - 0.3) * 250)
        }
        for value in values {
            #expect(
                Markup.number(value, decimals: decimals)
                    == Self.numberByEditing(value, decimals: decimals),
                "\(value)")
        }
    }
}
