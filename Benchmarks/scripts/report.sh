#!/usr/bin/env bash
# The coordinator's report at the issue's scale: `midst report` of a run of 10,000 generated
# needs (seed 1) against STAFF generated staff, timed by hyperfine against the baseline of
# exporting the same run's shortlists to CSV (`midst export`), in the same run; then `midst gaps`.
#
#   Benchmarks/scripts/report.sh [STAFF] [WORKDIR]
#
# Writes hyperfine's markdown table to WORKDIR/report.md and the page's size to
# WORKDIR/report-size.txt; the figures go into BENCHMARKS.md. Two runs are recorded first (the
# report compares a run with the previous one). A WORKDIR that already holds a midst.sqlite with
# runs is reused as it is.
set -euo pipefail
staff=${1:-1000000}
work=${2:-/tmp/midst-report}
cd "$(dirname "$0")/../.."
tools="hyperfine"
. Benchmarks/scripts/scale-data.sh
if [ "$("$midst" runs --format csv | wc -l)" -lt 3 ]; then
  "$midst" run --note "benchmark: first" >/dev/null
  "$midst" run --top 10 --note "benchmark: second" >/dev/null
fi
hyperfine --warmup 1 --runs 5 --export-markdown report.md \
  -n "midst report (10,000 needs)" "$midst report latest --out report.html" \
  -n "baseline: midst export of the same run's shortlists" "$midst export latest --what shortlist --format csv --out shortlist.csv" \
  -n "midst gaps" "$midst gaps --format json > gaps.json"
ls -l report.html | awk '{print $5}' | tee report-size.txt
cat report.md
