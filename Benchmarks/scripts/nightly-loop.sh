#!/usr/bin/env bash
# The nightly batch with recorded outcomes (issue 21): `midst run` on 1,000,000 generated staff
# and 10,000 needs (seed 1) with about 50,000 outcomes from `midst generate --outcomes`, against
# the same run on the same data without outcomes, interleaved by hyperfine in one run; then one
# run of each under /usr/bin/time for the peak resident memory.
#
#   Benchmarks/scripts/nightly-loop.sh [STAFF] [WORKDIR]
#
# Writes hyperfine's markdown table to WORKDIR/loop.md and the memory figures to
# WORKDIR/loop-memory.txt; the figures go into BENCHMARKS.md. The outcomes' database is a copy of
# the plain one, made once and reused.
set -euo pipefail
staff=${1:-1000000}
work=${2:-/tmp/midst-nightly-batch}
cd "$(dirname "$0")/../.."

[ -x /usr/bin/time ] || {
  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq time
}
tools="hyperfine"
. Benchmarks/scripts/scale-data.sh
# Both runs are run as of the same day. Generated outcomes are dated their need's start
# (2026-01-01 to mid-2027), so on this day about a third of them are known; the needs that ended
# before it are expired in both runs alike.
as_of=2026-06-30
if [ ! -f outcomes/midst.sqlite ]; then
  mkdir -p outcomes
  "$midst" run --note "snapshot" --as-of "$as_of" >/dev/null
  cp midst.sqlite outcomes/midst.sqlite
  "$midst" generate --outcomes --labelled-needs "${LABELLED_NEEDS:-2500}" --seed 1 --db outcomes/midst.sqlite --out outcomes --force
  # Dated up to mid-2027: imported as of a day after them (an import refuses later dates).
  MIDST_AS_OF=2027-12-31 "$midst" import outcomes outcomes/outcomes.csv --db outcomes/midst.sqlite
fi
echo "outcomes recorded: $(($(wc -l < outcomes/outcomes.csv) - 1))"
hyperfine --warmup 1 --runs 5 --export-markdown loop.md \
  -n "midst run, no outcomes" "$midst run --note benchmark --as-of $as_of" \
  -n "midst run, with the outcomes" "$midst run --note benchmark --as-of $as_of --db outcomes/midst.sqlite"
: > loop-memory.txt
for db in midst.sqlite outcomes/midst.sqlite; do
  /usr/bin/time -v "$midst" run --note benchmark --as-of "$as_of" --db "$db" 2>time.txt >/dev/null
  echo "$db: $(grep -E 'Maximum resident' time.txt)" | tee -a loop-memory.txt
done
cat loop.md
