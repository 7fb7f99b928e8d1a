#!/usr/bin/env python3
"""Static checks of an HTML report, standard library only.

Usage:
  well_formed.py wellformed REPORT.html      structure of the markup
  well_formed.py selfcontained REPORT.html   nothing is loaded from outside the file
  well_formed.py ids DOM.html ID [ID ...]    every ID is the id="" of an element

Each problem is printed as  FILE:LINE:COL: message  followed by an excerpt of the
source around that spot (a report rendered by Plot is often a single line of
several megabytes, so the column matters and a whole line would be useless).
Exit status: 0 no problem, 1 problems found, 2 usage or I/O error.
"""

import html.entities
import re
import sys
from html.parser import HTMLParser

# HTML elements that never have content or an end tag.  `<br>` and `<br/>` are
# both fine; `</br>` is not.
VOID = {
    "area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta",
    "param", "source", "track", "wbr",
}
# Roots of foreign content: inside them XML rules apply, so `<rect/>` closes itself.
FOREIGN_ROOTS = {"svg", "math"}
# Elements whose text the tokenizer passes through raw (no tags, no entities).
RAW_TEXT = {"script", "style"}

MAX_REPORTED = 50  # stop listing after this many problems of one kind of check

# One attribute inside a start tag: name, then optionally = and a value that is
# double-quoted, single-quoted or bare (bare is what we reject).
ATTR_RE = re.compile(
    r"""\s*([^\s"'<>/=]+)(?:\s*=\s*("[^"]*"|'[^']*'|[^\s"'=<>`]+))?|\s*/"""
)


class SourceMap:
    """Turns (line, col) from HTMLParser into excerpts of the original text."""

    def __init__(self, path, text):
        self.path = path
        self.text = text
        self.line_starts = [0]
        for m in re.finditer("\n", text):
            self.line_starts.append(m.end())

    def offset(self, line, col):
        return self.line_starts[line - 1] + col

    def position(self, offset):
        # Binary search of the line that holds the offset.
        lo, hi = 0, len(self.line_starts) - 1
        while lo < hi:
            mid = (lo + hi + 1) // 2
            if self.line_starts[mid] <= offset:
                lo = mid
            else:
                hi = mid - 1
        return lo + 1, offset - self.line_starts[lo]

    def excerpt(self, offset, width=160):
        line, col = self.position(offset)
        start = self.line_starts[line - 1]
        end = self.text.find("\n", start)
        if end < 0:
            end = len(self.text)
        lo = max(start, offset - width // 2)
        hi = min(end, offset + width // 2)
        snippet = self.text[lo:hi].replace("\t", " ")
        return ("..." if lo > start else "") + snippet + ("..." if hi < end else "")


class Problems:
    def __init__(self, source):
        self.source = source
        self.items = []

    def add(self, offset, message):
        self.items.append((offset, message))

    def report(self, title):
        if not self.items:
            return 0
        print(f"{self.source.path}: {title}: {len(self.items)} problem(s)")
        for offset, message in sorted(self.items)[:MAX_REPORTED]:
            line, col = self.source.position(offset)
            print(f"{self.source.path}:{line}:{col + 1}: {message}")
            print(f"    | {self.source.excerpt(offset)}")
        if len(self.items) > MAX_REPORTED:
            print(f"    ... and {len(self.items) - MAX_REPORTED} more")
        return 1


class Scanner(HTMLParser):
    """Walks the document once and hands every event to a subclass hook with the
    absolute offset of the construct in the source text."""

    def __init__(self, source):
        super().__init__(convert_charrefs=False)
        self.source = source
        self.problems = Problems(source)
        self.stack = []  # [(tag, offset)] of open elements

    def here(self):
        line, col = self.getpos()
        return self.source.offset(line, col)

    def in_foreign(self):
        return any(tag in FOREIGN_ROOTS for tag, _ in self.stack)

    def run(self):
        self.feed(self.source.text)
        self.close()
        return self


class WellFormed(Scanner):
    """Structure: tags balanced and nested, attributes quoted, one html/head/body,
    one title in head, a <!DOCTYPE html> first."""

    def __init__(self, source):
        super().__init__(source)
        self.doctypes = 0
        self.seen_element = False
        self.counts = {"html": 0, "head": 0, "body": 0}
        self.html_titles = 0
        self.html_closed = False

    # --- helpers ---------------------------------------------------------
    def check_attributes(self, tag, offset):
        """The parser forgets whether a value was quoted, so re-read the raw tag."""
        raw = self.get_starttag_text() or ""
        body = raw[1 + len(tag):]  # after "<tag"
        body = body[:-1] if body.endswith(">") else body
        pos = 0
        seen = set()
        while pos < len(body):
            m = ATTR_RE.match(body, pos)
            if not m or m.end() == pos:
                if body[pos:].strip():
                    self.problems.add(offset, f"<{tag}>: cannot read attributes near {body[pos:pos + 40]!r}")
                break
            name, value = m.group(1), m.group(2)
            if name:
                lname = name.lower()
                if lname in seen:
                    self.problems.add(offset, f"<{tag}>: attribute {name!r} given twice")
                seen.add(lname)
                if value is not None and value[0] not in "\"'":
                    self.problems.add(offset, f"<{tag}>: value of attribute {name!r} is not quoted: {name}={value}")
            pos = m.end()

    def open_element(self, tag, offset, self_closing):
        foreign = self.in_foreign()
        parent = self.stack[-1][0] if self.stack else None
        if self.html_closed:
            self.problems.add(offset, f"<{tag}> after </html>")
        self.seen_element = True

        # Document skeleton: one html, with head then body as its children, and
        # exactly one <title> (the HTML one, not SVG's tooltips) inside head.
        if not foreign:
            if tag == "html":
                self.counts["html"] += 1
                if self.stack:
                    self.problems.add(offset, "<html> is not the root element")
                if self.doctypes == 0:
                    self.problems.add(offset, "<html> is not preceded by <!DOCTYPE html>")
            elif not self.stack:
                self.problems.add(offset, f"<{tag}> outside <html>")
            if tag in ("head", "body"):
                self.counts[tag] += 1
                if parent != "html":
                    self.problems.add(offset, f"<{tag}> inside <{parent}>, expected inside <html>")
                if tag == "head" and self.counts["body"]:
                    self.problems.add(offset, "<head> after <body>")
            if tag == "title":
                self.html_titles += 1
                if parent != "head":
                    self.problems.add(offset, f"<title> inside <{parent}>, expected inside <head>")

        if tag in VOID and not foreign:
            return  # nothing to close, with or without "/>"
        if self_closing:
            if not foreign:
                # `<div/>` opens a div in HTML: everything after it ends up inside.
                self.problems.add(offset, f"<{tag}/> is not a void element: an HTML parser ignores the '/' and leaves it open")
            return
        self.stack.append((tag, offset))

    # --- HTMLParser hooks --------------------------------------------------
    def handle_decl(self, decl):
        offset = self.here()
        if decl.lower().startswith("doctype"):
            self.doctypes += 1
            if " ".join(decl.lower().split()) != "doctype html":
                self.problems.add(offset, f"doctype is <!{decl}>, expected <!DOCTYPE html>")
            if self.doctypes > 1:
                self.problems.add(offset, "more than one <!DOCTYPE>")
            if self.seen_element:
                self.problems.add(offset, "<!DOCTYPE> after the first element")
        else:
            self.problems.add(offset, f"unexpected declaration <!{decl}>")

    def unknown_decl(self, data):
        # <![CDATA[...]]> is legal inside SVG only.
        if not (self.in_foreign() and data.startswith("CDATA[")):
            self.problems.add(self.here(), f"unexpected markup <![{data[:30]}")

    def handle_pi(self, data):
        self.problems.add(self.here(), f"processing instruction <?{data[:30]} in an HTML document")

    def handle_starttag(self, tag, attrs):
        offset = self.here()
        self.check_attributes(tag, offset)
        self.open_element(tag, offset, self_closing=False)

    def handle_startendtag(self, tag, attrs):
        offset = self.here()
        self.check_attributes(tag, offset)
        self.open_element(tag, offset, self_closing=True)

    def handle_endtag(self, tag):
        offset = self.here()
        if tag in VOID and not self.in_foreign():
            self.problems.add(offset, f"</{tag}>: <{tag}> is a void element and has no end tag")
            return
        if not self.stack:
            self.problems.add(offset, f"</{tag}> with no open element")
            return
        top, top_offset = self.stack[-1]
        if top == tag:
            self.stack.pop()
            if tag == "html":
                self.html_closed = True
            return
        line, col = self.source.position(top_offset)
        if any(t == tag for t, _ in self.stack):
            # Close what is still open in between, each one reported once.
            while self.stack and self.stack[-1][0] != tag:
                t, o = self.stack.pop()
                ol, oc = self.source.position(o)
                self.problems.add(offset, f"</{tag}> closes <{t}> (opened at {ol}:{oc + 1}) which was never closed")
            self.stack.pop()
            if tag == "html":
                self.html_closed = True
        else:
            self.problems.add(offset, f"</{tag}> does not match the open <{top}> (opened at {line}:{col + 1})")

    def handle_data(self, data):
        if not data.strip():
            return
        offset = self.here()
        inside = self.stack[-1][0] if self.stack else None
        if inside in RAW_TEXT:
            return
        if self.html_closed or not self.stack:
            self.problems.add(offset, f"text outside <html>: {data.strip()[:40]!r}")
        i = data.find("<")
        if i >= 0:
            self.problems.add(offset + i, "unescaped '<' in text (write &lt;)")

    def handle_entityref(self, name):
        if name not in html.entities.name2codepoint and name + ";" not in html.entities.html5:
            self.problems.add(self.here(), f"unknown entity &{name};")

    def close(self):
        super().close()
        end = len(self.source.text)
        for tag, offset in reversed(self.stack):
            self.problems.add(offset, f"<{tag}> is never closed")
        if self.doctypes == 0:
            self.problems.add(0, "no <!DOCTYPE html>")
        for tag, n in self.counts.items():
            if n != 1:
                self.problems.add(end if n == 0 else 0, f"{n} <{tag}> elements, expected exactly 1")
        if self.html_titles != 1:
            self.problems.add(0, f"{self.html_titles} <title> elements in <head>, expected exactly 1")


# --- self-containment ---------------------------------------------------------

# Attributes whose value is a URL the browser would fetch or navigate to.
URL_ATTRS = {
    "src", "href", "xlink:href", "poster", "data", "action", "formaction",
    "background", "manifest", "ping", "longdesc", "cite", "codebase", "archive",
    "lowsrc", "dynsrc", "icon", "profile",
}
SRCSET_ATTRS = {"srcset", "imagesrcset"}
# url(...) and @import in CSS text (style elements and style="" attributes, but
# also SVG presentation attributes such as fill="url(#gradient)").
CSS_URL_RE = re.compile(r"""url\(\s*(["']?)([^"')]*)\1\s*\)""", re.IGNORECASE)
CSS_IMPORT_RE = re.compile(r"@import\b", re.IGNORECASE)


def local_reference(url):
    """The only references allowed: a fragment of this document or inline data."""
    u = url.strip()
    return u.startswith("#") or u.lower().startswith("data:")


class SelfContained(Scanner):
    def __init__(self, source):
        super().__init__(source)

    def check_css(self, text, offset, where):
        for m in CSS_IMPORT_RE.finditer(text):
            self.problems.add(offset + m.start(), f"{where}: @import loads another stylesheet")
        for m in CSS_URL_RE.finditer(text):
            if not local_reference(m.group(2)):
                self.problems.add(offset + m.start(), f"{where}: url({m.group(2)}) is not a #fragment or data: URI")

    def check_tag(self, tag, attrs):
        offset = self.here()
        values = {}
        for name, value in attrs:
            values[name] = value
            if value is None:
                continue
            # A mailto: link on <a> opens the reader's mail program: nothing is loaded.
            if tag == "a" and name == "href" and value.strip().lower().startswith("mailto:"):
                continue
            if name in URL_ATTRS and not local_reference(value):
                self.problems.add(offset, f"<{tag} {name}=\"{value[:80]}\">: points outside the file (only #fragment and data: are allowed)")
            elif name in SRCSET_ATTRS:
                for candidate in value.split(","):
                    url = candidate.strip().split(" ")[0]
                    if url and not url.lower().startswith("data:"):
                        self.problems.add(offset, f"<{tag} {name}>: {url[:80]} points outside the file")
            elif "url(" in value.lower() or "@import" in value.lower():
                self.check_css(value, offset, f"<{tag} {name}=\"...\">")
        if tag == "script" and "src" in values:
            self.problems.add(offset, "<script src=...>: scripts must be inline")
        if tag == "link" and "stylesheet" in (values.get("rel") or "").lower().split():
            self.problems.add(offset, "<link rel=stylesheet>: styles must be inline")
        if tag == "meta" and (values.get("http-equiv") or "").lower() == "refresh":
            content = values.get("content") or ""
            if "url=" in content.lower():
                self.problems.add(offset, f"<meta http-equiv=refresh content=\"{content[:80]}\"> navigates away")

    def handle_starttag(self, tag, attrs):
        self.check_tag(tag, attrs)
        if tag not in VOID:
            self.stack.append((tag, self.here()))

    def handle_startendtag(self, tag, attrs):
        self.check_tag(tag, attrs)

    def handle_endtag(self, tag):
        # Only needed to know when we are inside <style>; tolerate mismatches
        # here (the well-formedness check reports them).
        for i in range(len(self.stack) - 1, -1, -1):
            if self.stack[i][0] == tag:
                del self.stack[i:]
                break

    def handle_data(self, data):
        if self.stack and self.stack[-1][0] == "style":
            self.check_css(data, self.here(), "<style>")


# --- ids in the rendered DOM -------------------------------------------------

class Ids(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.ids = {}

    def record(self, tag, attrs):
        for name, value in attrs:
            if name == "id" and value is not None:
                self.ids.setdefault(value, tag)

    def handle_starttag(self, tag, attrs):
        self.record(tag, attrs)

    def handle_startendtag(self, tag, attrs):
        self.record(tag, attrs)


def read(path):
    try:
        with open(path, "r", encoding="utf-8") as f:
            return f.read()
    except UnicodeDecodeError as e:
        print(f"{path}: not valid UTF-8: {e}")
        sys.exit(1)
    except OSError as e:
        print(f"{path}: {e}", file=sys.stderr)
        sys.exit(2)


def main(argv):
    if len(argv) < 3 or argv[1] not in ("wellformed", "selfcontained", "ids"):
        print(__doc__, file=sys.stderr)
        return 2
    command, path = argv[1], argv[2]
    text = read(path)
    if command == "wellformed":
        return WellFormed(SourceMap(path, text)).run().problems.report("not well-formed")
    if command == "selfcontained":
        return SelfContained(SourceMap(path, text)).run().problems.report("not self-contained")
    parser = Ids()
    parser.feed(text)
    parser.close()
    missing = [i for i in argv[3:] if i not in parser.ids]
    for i in missing:
        print(f"{path}: no element with id=\"{i}\" in the rendered DOM")
    return 1 if missing else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
