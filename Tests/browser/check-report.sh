#!/usr/bin/env bash
# Checks that an HTML report is well-formed, self-contained, and renders in
# headless Chromium without a console error, an uncaught exception or a failed
# load; that the rendered DOM has the given element ids; and saves a screenshot.
#
#   Tests/browser/check-report.sh REPORT.html SCREENSHOT.png [ID ...]
#
# Environment:
#   CHROMIUM=/path/to/chromium   browser to use (default: chromium, then chromium-browser)
#   CHECK_REPORT_DOM=PATH        also keep the rendered DOM there
#   CHECK_REPORT_MEASURE=PATH    also write the page's layout there as JSON (render_cdp.py --measure)
#   CHECK_REPORT_SIZE=WxH        the viewport (default 1280x2000)
#
# Exit status 0 with a one-line summary when every check passes; otherwise 1 (2 for
# bad usage), each problem on stderr as FILE:LINE:COL or "page error: ...".
# Needs python3 (standard library only) and Chromium (Debian package "chromium").
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
me="check-report"

die() { echo "$me: $*" >&2; exit 1; }

if [ $# -lt 2 ]; then
  echo "usage: $0 REPORT.html SCREENSHOT.png [ELEMENT_ID ...]" >&2
  exit 2
fi
report="$1"
screenshot="$2"
shift 2
ids=("$@")

[ -f "$report" ] || die "no such file: $report"
[ -r "$report" ] || die "cannot read: $report"
command -v python3 >/dev/null 2>&1 || die "python3 not found (apt-get install python3)"

# --- 1. Find Chromium -----------------------------------------------------------
# $CHROMIUM wins; then the Debian name, then the Ubuntu/older one.
if [ -n "${CHROMIUM:-}" ]; then
  chromium_bin="$(command -v "$CHROMIUM" 2>/dev/null)" || die "CHROMIUM=$CHROMIUM is not an executable"
elif chromium_bin="$(command -v chromium 2>/dev/null)"; then :
elif chromium_bin="$(command -v chromium-browser 2>/dev/null)"; then :
else
  die "Chromium not found: install the Debian package 'chromium' (apt-get install chromium) or set CHROMIUM=/path/to/chromium"
fi

work="$(mktemp -d "${TMPDIR:-/tmp}/check-report.XXXXXX")"
trap 'rm -rf "$work"' EXIT
start_s=$(date +%s.%N)
failed=()   # names of the checks that failed; all checks run, then we report

# Checks 2 and 3 read the file with Python while Chromium renders it (check 4):
# they are independent, and in parallel a 5 MB report takes half the time.

# --- 2. Well-formedness -------------------------------------------------------
# Every non-void element closed in order (SVG's <rect/> etc. may close themselves,
# HTML's <div/> may not), attribute values quoted and not repeated, one <html>,
# <head>, <body>, one <title> in <head>, <!DOCTYPE html> first, no stray '<' in
# text or unknown entity.  Problems come as FILE:LINE:COL plus an excerpt.
python3 "$here/well_formed.py" wellformed "$report" >"$work/wellformed.out" 2>&1 &
wellformed_pid=$!

# --- 3. Self-containment ------------------------------------------------------
# Every src/href/xlink:href/srcset/poster/data/action... is a #fragment or a data:
# URI; no <script src>, no <link rel=stylesheet>, no meta refresh to a URL; in
# <style>, style="" and SVG attributes no @import and no url() to anything but
# #fragment or data:.
python3 "$here/well_formed.py" selfcontained "$report" >"$work/selfcontained.out" 2>&1 &
selfcontained_pid=$!

# --- 4. Render in headless Chromium -------------------------------------------
# render_cdp.py drives Chromium over the DevTools protocol (--remote-debugging-pipe)
# because logging to stderr cannot tell console.error from console.log and does
# not report failed image loads at all.  The network is off three ways: no host
# name resolves (--host-resolver-rules), everything else goes to a proxy on a
# closed local port, and http(s)/ws(s)/ftp requests are blocked in the page.
# A page error is: console.error/console.assert, an uncaught exception or promise
# rejection, an error-level browser log entry, a failed load, or any request for
# something other than the page itself and data:/blob: URIs.
# The same run saves the rendered DOM (what --dump-dom prints: doctype plus
# document.documentElement.outerHTML) and a 1280x2000 viewport screenshot.
rm -f "$screenshot"
mkdir -p "$(dirname "$screenshot")"
dom="$work/dom.html"
render_rc=0
size="${CHECK_REPORT_SIZE:-1280x2000}"
measure=()
if [ -n "${CHECK_REPORT_MEASURE:-}" ]; then measure=(--measure "$CHECK_REPORT_MEASURE"); fi
timeout 120 python3 "$here/render_cdp.py" \
  --chromium "$chromium_bin" --screenshot "$screenshot" --dom "$dom" \
  --log "$work/chromium.log" --width "${size%x*}" --height "${size#*x}" --timeout 110 \
  "${measure[@]}" "$report" >"$work/render.out" 2>&1 || render_rc=$?
browser_version="$(sed -n 's/^browser-version: //p' "$work/render.out")"

# Results of checks 2 and 3, reported before the browser's.
if ! wait "$wellformed_pid"; then
  cat "$work/wellformed.out" >&2
  failed+=("well-formedness")
fi
if ! wait "$selfcontained_pid"; then
  cat "$work/selfcontained.out" >&2
  failed+=("self-containment")
fi

grep -v '^browser-version: ' "$work/render.out" >&2 || true
case $render_rc in
  0) ;;
  1) failed+=("rendering") ;;
  *)
    [ $render_rc -eq 124 ] && echo "$me: Chromium did not finish within 120 s" >&2
    # The browser itself failed: show its stderr without the noise a headless
    # browser in a container always prints (no D-Bus, no GPU, the Debian
    # launcher's /dev/shm size test tripping over two findmnt lines).
    if [ -s "$work/chromium.log" ]; then
      echo "$me: last lines from $chromium_bin:" >&2
      grep -Ev 'dbus/|bluez_dbus|idle_linux|vaapi_wrapper|sandbox_linux|/usr/bin/chromium: [0-9]+: \[:' \
        "$work/chromium.log" | tail -n 20 >&2 || true
    fi
    die "could not render $report in Chromium (see above); checks failed so far: ${failed[*]:-none}"
    ;;
esac

# --- 5. Element ids in the rendered DOM ---------------------------------------
# Each id named on the command line must be the id="" of an element after
# rendering (parsed from the dumped DOM, so scripts that build elements count).
if [ -n "${CHECK_REPORT_DOM:-}" ]; then cp "$dom" "$CHECK_REPORT_DOM"; fi
if [ ${#ids[@]} -gt 0 ]; then
  if ! python3 "$here/well_formed.py" ids "$dom" "${ids[@]}" >"$work/ids.out" 2>&1; then
    sed "s|^$dom: |$report (rendered): |" "$work/ids.out" >&2
    failed+=("element ids")
  fi
fi

# --- 6. Screenshot ------------------------------------------------------------
# It must exist, be non-empty and start with the 8-byte PNG signature.
png_magic="$(head -c 8 "$screenshot" 2>/dev/null | od -An -tx1 | tr -d ' \n')"
if [ ! -s "$screenshot" ] || [ "$png_magic" != "89504e470d0a1a0a" ]; then
  echo "$me: $screenshot is missing, empty or not a PNG" >&2
  failed+=("screenshot")
  size_desc="none"
else
  # Width and height are the first two big-endian 32-bit words of IHDR (bytes 16-23).
  read -r w h < <(od -An -tu1 -j16 -N8 "$screenshot" | awk '{print $1*16777216+$2*65536+$3*256+$4, $5*16777216+$6*65536+$7*256+$8}')
  size_desc="${w}x${h}, $(( $(stat -c %s "$screenshot") / 1024 )) KiB"
fi

# --- 7. Verdict ---------------------------------------------------------------
elapsed="$(awk -v s="$start_s" -v e="$(date +%s.%N)" 'BEGIN { printf "%.1f", e - s }')"
if [ ${#failed[@]} -gt 0 ]; then
  die "FAILED ($(IFS=,; echo "${failed[*]}" | sed 's/,/, /g')) for $report in ${elapsed}s"
fi
kib=$(( $(stat -c %s "$report") / 1024 ))
echo "$me: OK $report (${kib} KiB): well-formed, self-contained, no page errors in ${browser_version:-Chromium}, ${#ids[@]} id(s) present, screenshot $screenshot (${size_desc}) in ${elapsed}s"
