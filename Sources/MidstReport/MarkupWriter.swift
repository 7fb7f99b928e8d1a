import MidstCore

/// Writes HTML straight into bytes: for the parts of the page repeated thousands of times (each
/// need's rows under "Every need"), the same markup Plot writes for them, without a node tree
/// per cell, without copying each element's text into its parent's, and without a `String`
/// append per piece (a page of 10,000 needs: notes for issue 23, "The report's rendering").
///
/// Text is escaped as ``Markup/text(_:)`` escapes it; attribute values are written as given,
/// as Plot writes them, so a value holding anything a record holds goes through
/// ``attribute(_:escaping:)``.
struct MarkupWriter {
    /// The page so far, UTF-8.
    private(set) var bytes: [UInt8] = []

    init(capacity: Int = 0) { bytes.reserveCapacity(capacity) }

    /// `<name` with no attribute yet: ``attribute(_:_:)`` and then ``endTag()`` follow.
    mutating func startTag(_ name: String) {
        bytes.append(0x3C)
        raw(name)
    }

    /// ` name="value"`, `value` as given (a constant or a number): Plot leaves out an attribute
    /// whose value is empty, and so does this.
    mutating func attribute(_ name: String, _ value: String) {
        guard !value.isEmpty else { return }
        bytes.append(0x20)
        raw(name)
        bytes.append(0x3D)
        bytes.append(0x22)
        raw(value)
        bytes.append(0x22)
    }

    /// ` name="value"` with `value` escaped (``Markup/attribute(_:_:)``).
    mutating func attribute(_ name: String, escaping value: String) {
        attribute(name, Markup.escaped(value.showingControls))
    }

    mutating func endTag() { bytes.append(0x3E) }

    /// `<name>`, or `<name class="…">`.
    mutating func open(_ name: String, class cssClass: String? = nil) {
        startTag(name)
        if let cssClass { attribute("class", cssClass) }
        endTag()
    }

    mutating func close(_ name: String) {
        bytes.append(0x3C)
        bytes.append(0x2F)
        raw(name)
        bytes.append(0x3E)
    }

    /// `<name …>text</name>`.
    mutating func element(_ name: String, class cssClass: String? = nil, text: String) {
        open(name, class: cssClass)
        self.text(text)
        close(name)
    }

    /// Markup written already (escaped, or constant).
    mutating func raw(_ markup: String) {
        var markup = markup
        markup.withUTF8 { bytes.append(contentsOf: $0) }
    }

    /// `value` with `decimals` places (``Markup/number(_:decimals:)``).
    mutating func number(_ value: Double, decimals: Int = 1) {
        Markup.withDigits(of: value, decimals: decimals) { bytes.append(contentsOf: $0) }
    }

    /// `text` as page text: escaped, controls shown as `\u{…}` (``Markup/text(_:)``).
    ///
    /// Text with no control in it, nearly all, is escaped byte by byte as it is copied, in one
    /// pass; text with a control goes the long way, through ``Markup/escaped(_:)``, in place of
    /// what was copied of it.
    mutating func text(_ text: String) {
        var text = text
        text.withUTF8 { source in
            let mark = bytes.count
            var start = 0
            for index in source.indices {
                let entity: StaticString
                switch source[index] {
                case 0x26: entity = "&amp;"
                case 0x3C: entity = "&lt;"
                case 0x3E: entity = "&gt;"
                case 0x22: entity = "&quot;"
                case 0x27: entity = "&#39;"
                case 0x00..<0x20, 0x7F, 0xC2, 0xE2:
                    guard Self.isControl(source, at: index) else { continue }
                    bytes.removeSubrange(mark...)
                    raw(Markup.escaped(String(decoding: source, as: UTF8.self).showingControls))
                    return
                default: continue
                }
                bytes.append(contentsOf: UnsafeBufferPointer(rebasing: source[start..<index]))
                entity.withUTF8Buffer { bytes.append(contentsOf: $0) }
                start = index + 1
            }
            bytes.append(contentsOf: UnsafeBufferPointer(rebasing: source[start...]))
        }
    }

    /// Whether the character of UTF-8 `text` at `index` is one ``Swift/String/showingControls``
    /// shows as `\u{…}`: a C0 or C1 control, or a bidirectional override or isolate
    /// (U+202A–U+202E, U+2066–U+2069).
    static func isControl(_ text: UnsafeBufferPointer<UInt8>, at index: Int) -> Bool {
        let byte = text[index]
        if byte < 0x20 || byte == 0x7F { return true }
        if byte == 0xC2, index + 1 < text.count, (0x80...0x9F).contains(text[index + 1]) {
            return true
        }
        if byte == 0xE2, index + 2 < text.count {
            let second = text[index + 1]
            let third = text[index + 2]
            return second == 0x80 && (0xAA...0xAE).contains(third)
                || second == 0x81 && (0xA6...0xA9).contains(third)
        }
        return false
    }
}
