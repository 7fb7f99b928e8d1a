import Foundation

#if canImport(FoundationXML)
    import FoundationXML
#endif

/// The workbook's shared strings (`xl/sharedStrings.xml`), which text cells refer to by index,
/// held compactly: every string's UTF-8 in one buffer.
struct SharedStrings {
    private var text: [UInt8] = []
    private var ends: [Int] = []

    /// The string at `index`, or `nil` when there is none.
    subscript(index: Int) -> String? {
        guard index >= 0, index < ends.count else { return nil }
        let start = index == 0 ? 0 : ends[index - 1]
        return String(decoding: text[start..<ends[index]], as: UTF8.self)
    }

    /// Reads the part's XML with Foundation's streaming parser (the part grows with the sheet:
    /// XMLCoder would hold all of it as a tree). A string is its `<t>` runs put together,
    /// phonetic guides (`<rPh>`) left out.
    init(xml: Data) throws {
        let parsing = Parsing()
        // Fed in pieces, as a sheet is (``WorkbookReader``).
        let parser = XMLParser(stream: InputStream(data: xml))
        parser.shouldProcessNamespaces = true
        parser.delegate = parsing
        guard parser.parse() else {
            throw parser.parserError ?? CocoaError(.fileReadCorruptFile)
        }
        text = parsing.text
        ends = parsing.ends
    }

    init() {}

    private final class Parsing: NSObject, XMLParserDelegate {
        var text: [UInt8] = []
        var ends: [Int] = []
        private var isInText = false
        private var phoneticDepth = 0

        func parser(
            _ parser: XMLParser, didStartElement elementName: String, namespaceURI: String?,
            qualifiedName: String?, attributes: [String: String] = [:]
        ) {
            switch elementName {
            case "t": isInText = phoneticDepth == 0
            case "rPh": phoneticDepth += 1
            default: break
            }
        }

        func parser(
            _ parser: XMLParser, didEndElement elementName: String, namespaceURI: String?,
            qualifiedName: String?
        ) {
            switch elementName {
            case "t": isInText = false
            case "rPh": phoneticDepth -= 1
            case "si": ends.append(text.count)
            default: break
            }
        }

        func parser(_ parser: XMLParser, foundCharacters string: String) {
            if isInText { text.append(contentsOf: string.utf8) }
        }

        func parser(_ parser: XMLParser, foundIgnorableWhitespace whitespaceString: String) {
            if isInText { text.append(contentsOf: whitespaceString.utf8) }
        }
    }
}
