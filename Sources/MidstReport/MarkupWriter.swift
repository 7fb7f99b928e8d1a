import MidstCore

/// Writes HTML straight into one string: for the parts of the page repeated thousands of times
/// (each need's rows under "Every need"), the same markup Plot writes for them, without a node
/// tree per cell and without copying each element's text into its parent's (a page of 10,000
/// needs: notes for issue 23, "The report's rendering").
///
/// Text is escaped as ``Markup/text(_:)`` escapes it; attribute values are written as given,
/// as Plot writes them, so a value holding anything a record holds goes through
/// ``attribute(_:escaping:)``.
struct MarkupWriter {
    private(set) var html = ""

    init(capacity: Int = 0) { html.reserveCapacity(capacity) }

    /// `<name` with no attribute yet: ``attribute(_:_:)`` and then ``endTag()`` follow.
    mutating func startTag(_ name: String) {
        html += "<"
        html += name
    }

    /// ` name="value"`, `value` as given (a constant or a number): Plot leaves out an attribute
    /// whose value is empty, and so does this.
    mutating func attribute(_ name: String, _ value: String) {
        guard !value.isEmpty else { return }
        html += " "
        html += name
        html += "=\""
        html += value
        html += "\""
    }

    /// ` name="value"` with `value` escaped (``Markup/attribute(_:_:)``).
    mutating func attribute(_ name: String, escaping value: String) {
        attribute(name, Markup.escaped(value.showingControls))
    }

    mutating func endTag() { html += ">" }

    /// `<name>`, or `<name class="…">`.
    mutating func open(_ name: String, class cssClass: String? = nil) {
        startTag(name)
        if let cssClass { attribute("class", cssClass) }
        endTag()
    }

    mutating func close(_ name: String) {
        html += "</"
        html += name
        html += ">"
    }

    /// `text` as page text: escaped, controls shown as `\u{…}`.
    mutating func text(_ text: String) {
        html += Markup.escaped(text.showingControls)
    }

    /// Markup written already (escaped, or constant).
    mutating func raw(_ markup: String) { html += markup }

    /// `<name …>text</name>`.
    mutating func element(_ name: String, class cssClass: String? = nil, text: String) {
        open(name, class: cssClass)
        self.text(text)
        close(name)
    }
}
