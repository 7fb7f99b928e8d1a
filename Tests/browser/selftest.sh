#!/usr/bin/env bash
# Tests check-report.sh itself: a clean page and a 5 MB report pass, and each kind
# of broken page fails with the message that names its problem.
#   Tests/browser/selftest.sh
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
check="$here/check-report.sh"
t="$(mktemp -d "${TMPDIR:-/tmp}/check-report-selftest.XXXXXX")"
trap 'rm -rf "$t"' EXIT
passed=0
failures=0

# page NAME BODY [HEAD]: a minimal page around BODY.
page() {
  printf '<!DOCTYPE html>\n<html lang="en"><head><meta charset="UTF-8"/><title>t</title>%s</head>\n<body><h1 id="top">T</h1>\n%s\n</body></html>\n' "${3:-}" "$2" >"$t/$1.html"
}

# expect NAME STATUS PATTERN [ID ...]: run the check, compare exit status, grep output.
expect() {
  local name="$1" want="$2" pattern="$3"
  shift 3
  local rc=0
  "$check" "$t/$name.html" "$t/$name.png" "$@" >"$t/$name.out" 2>&1 || rc=$?
  if [ "$rc" -ne "$want" ] || ! grep -qE -- "$pattern" "$t/$name.out"; then
    echo "FAIL $name: exit $rc (want $want), output should match /$pattern/:"
    sed 's/^/    /' "$t/$name.out"
    failures=$((failures + 1))
  else
    echo "ok   $name: $(grep -E -m1 -- "$pattern" "$t/$name.out" | cut -c1-150)"
    passed=$((passed + 1))
  fi
}

# --- pages that pass -----------------------------------------------------------
page clean '<p>A &amp; B &lt; C<br/>d<br></p><details id="d" open><summary>s</summary><a href="#top">up</a>
<svg width="100" height="20"><defs><linearGradient id="g"><stop offset="0" stop-color="red"/></linearGradient></defs><g><title>tip</title><rect x="0" y="0" width="50" height="10" fill="url(#g)"/><line x1="0" y1="15" x2="90" y2="15" stroke="black"/><path d="M0 18 L90 18"/><text x="2" y="9">50</text></g></svg></details>
<img alt="" src="data:image/png;base64,iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg=="/>
<script>console.log("fine"); console.warn("a warning is not an error")</script>' \
  '<style>body { background: url("data:image/gif;base64,R0lGODlhAQABAAAAACw=") }</style>'
expect clean 0 '^check-report: OK' top d g
page dynamic '<div id="host"></div><script>var e = document.createElement("p"); e.id = "made-by-script"; document.getElementById("host").appendChild(e)</script>'
expect dynamic 0 'OK.*2 id\(s\) present' host made-by-script

# --- the page misbehaves in the browser ------------------------------------------
page console_error '<script>console.error("x")</script>'
expect console_error 1 'page error: console.error: x'
page exception '<script>undefinedFn()</script>'
expect exception 1 'page error: Uncaught exception: ReferenceError: undefinedFn is not defined'
page late_exception '<script>setTimeout(function () { null.x }, 300)</script>'
expect late_exception 1 'page error: Uncaught exception: TypeError'
page rejection '<script>Promise.reject(new Error("nope"))</script>'
expect rejection 1 'page error: Uncaught \(in promise\) exception: Error: nope'
page remote_img '<img alt="" src="http://example.com/a.png"/>'
expect remote_img 1 'page error: failed to load http://example.com/a.png: blocked'
expect remote_img 1 ':4:1: <img src="http://example.com/a.png">: points outside the file'
page fetch '<script>fetch("https://example.com/data.json").catch(function () {})</script>'
expect fetch 1 'page error: requested a resource outside the file: https://example.com/data.json'
page missing_id '<p id="here">x</p>'
expect missing_id 1 'no element with id="not-here" in the rendered DOM' here not-here

# --- not well-formed -------------------------------------------------------------
page unclosed '<div><p>x</p>'
expect unclosed 1 "</body> closes <div> \(opened at 4:1\) which was never closed"
page misnested '<b><i>x</b></i>'
expect misnested 1 '</b> closes <i> \(opened at 4:4\) which was never closed'
page unquoted '<p class=big>x</p>'
expect unquoted 1 "value of attribute 'class' is not quoted"
page duplicate_attr '<p class="a" class="b">x</p>'
expect duplicate_attr 1 "attribute 'class' given twice"
page self_closed_div '<div/><p>x</p>'
expect self_closed_div 1 '<div/> is not a void element'
page void_end '<br></br>'
expect void_end 1 '</br>: <br> is a void element'
page raw_lt '<p>1 < 2</p>'
expect raw_lt 1 "unescaped '<' in text"
page two_bodies '<p>x</p></body><body><p>y</p>'
expect two_bodies 1 '2 <body> elements'
page svg_unclosed '<svg width="10" height="10"><g><rect x="0" y="0" width="5" height="5"></g></svg>'
expect svg_unclosed 1 '</g> closes <rect>'
printf '<html><head><title>t</title></head><body></body></html>\n' >"$t/no_doctype.html"
expect no_doctype 1 'no <!DOCTYPE html>'
printf '<!DOCTYPE html>\n<html><head></head><body><svg><title>only svg</title></svg></body></html>\n' >"$t/no_title.html"
expect no_title 1 '0 <title> elements in <head>'

# --- not self-contained ----------------------------------------------------------
page script_src '<script src="app.js"></script>'
expect script_src 1 '<script src=...>: scripts must be inline'
page stylesheet '' '<link rel="stylesheet" href="style.css"/>'
expect stylesheet 1 '<link rel=stylesheet>: styles must be inline'
page css_import '' '<style>@import "x.css"; p { color: red }</style>'
expect css_import 1 '<style>: @import loads another stylesheet'
page css_url '<p style="background: url(https://example.com/bg.png)">x</p>'
expect css_url 1 'url\(https://example.com/bg.png\) is not a #fragment or data: URI'
page protocol_relative '<a href="//example.com/">x</a>'
expect protocol_relative 1 'points outside the file'

# --- no browser -------------------------------------------------------------------
page nobrowser '<p>x</p>'
rc=0; CHROMIUM=/nonexistent/chromium "$check" "$t/nobrowser.html" "$t/nb.png" >"$t/nobrowser.out" 2>&1 || rc=$?
if [ $rc -ne 0 ] && grep -q 'CHROMIUM=/nonexistent/chromium is not an executable' "$t/nobrowser.out"; then
  echo "ok   CHROMIUM unusable: $(cat "$t/nobrowser.out")"; passed=$((passed + 1))
else
  echo "FAIL CHROMIUM unusable: exit $rc: $(cat "$t/nobrowser.out")"; failures=$((failures + 1))
fi
mkdir "$t/bin"
ln -s "$(command -v python3)" "$t/bin/python3"
ln -s "$(command -v dirname)" "$t/bin/dirname"
rc=0; PATH="$t/bin" "$BASH" "$check" "$t/nobrowser.html" "$t/nb.png" >"$t/nobrowser.out" 2>&1 || rc=$?
if [ $rc -ne 0 ] && grep -q 'Chromium not found' "$t/nobrowser.out"; then
  echo "ok   no chromium on PATH: $(cat "$t/nobrowser.out")"; passed=$((passed + 1))
else
  echo "FAIL no chromium on PATH: exit $rc: $(cat "$t/nobrowser.out")"; failures=$((failures + 1))
fi

# --- a big report: ~5 MB of <details> with inline SVG charts, on one line as Plot writes it
python3 - "$t/big.html" <<'PY'
import sys
parts = ['<!DOCTYPE html><html lang="en"><head><meta charset="UTF-8"/><title>big</title>'
         '<style>details{margin:2px 0} .bar{fill:#4a7}</style></head><body><h1 id="summary">Runs</h1>']
i = 0
while sum(map(len, parts)) < 5_000_000:
    bars = "".join(f'<g><title>need {i}-{k}: {k * 7 % 100}</title><rect class="bar" x="{k * 22}" y="{100 - k * 7 % 100}" width="20" height="{k * 7 % 100}"/>'
                   f'<text x="{k * 22}" y="115">{k}</text></g>' for k in range(12))
    parts.append(f'<details id="run-{i}"{" open" if i % 50 == 0 else ""}><summary>Run {i} &amp; shortlist</summary>'
                 f'<table><tr><th>need</th><th>score</th></tr><tr><td>N{i}</td><td>{i % 97}</td></tr></table>'
                 f'<svg width="270" height="120" viewBox="0 0 270 120"><line x1="0" y1="100" x2="270" y2="100" stroke="#333"/>'
                 f'<path d="M0 {i % 90} L270 {90 - i % 90}" stroke="#c33" fill="none"/>{bars}</svg>'
                 f'<p>Back to <a href="#summary">summary</a>.</p></details>')
    i += 1
parts.append(f'<p id="footer">{i} runs</p></body></html>\n')
open(sys.argv[1], "w").write("".join(parts))
PY
big_start=$(date +%s)
expect big 0 '^check-report: OK' summary run-0 run-1000 footer
big_s=$(( $(date +%s) - big_start ))
if [ "$big_s" -lt 60 ]; then
  echo "ok   5 MB report checked in ${big_s}s"; passed=$((passed + 1))
else
  echo "FAIL 5 MB report took ${big_s}s"; failures=$((failures + 1))
fi

echo "$passed passed, $failures failed"
[ "$failures" -eq 0 ]
