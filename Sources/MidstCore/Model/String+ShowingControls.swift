extension String {
    /// The text with control characters (terminal escape sequences among them) and the
    /// bidirectional overrides and isolates shown as `\u{…}`, so that a field holding them is
    /// shown harmlessly, on a terminal or in a page; everything else is left as it is.
    package var showingControls: String {
        guard unicodeScalars.contains(where: Self.isControl) else { return self }
        var shown = ""
        for scalar in unicodeScalars {
            if Self.isControl(scalar) {
                shown += "\\u{\(String(scalar.value, radix: 16))}"
            } else {
                shown.unicodeScalars.append(scalar)
            }
        }
        return shown
    }

    /// The text as a message quotes it: in single quotes, with controls shown as `\u{…}`
    /// (``showingControls``), and cut to `limit` characters with `…`, so that a stray value (a
    /// whole paragraph, a terminal escape, a NUL) reads as one harmless line. For values that are
    /// not personal data: messages never quote those at all.
    package func quotedForMessage(limit: Int = 60) -> String {
        let cut = count > limit ? String(prefix(limit)) + "…" : self
        return "'\(cut.showingControls)'"
    }

    /// C0 and C1 controls (ESC, CR, BEL …) and the bidirectional overrides and isolates, which
    /// can make a terminal or a browser show text other than what is stored.
    /// (Unicode's control category, Cc, is exactly U+0000–U+001F and U+007F–U+009F: compared
    /// as numbers, not looked up, since every field of a report passes here.)
    @inline(__always)
    private static func isControl(_ scalar: Unicode.Scalar) -> Bool {
        let value = scalar.value
        return value < 0x20 || (0x7F...0x9F).contains(value) || (0x202A...0x202E).contains(value)
            || (0x2066...0x2069).contains(value)
    }
}
