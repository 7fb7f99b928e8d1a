#!/usr/bin/env bash
# What keeping the staff snapshot current at write time costs each write, and what it saves the
# first query after it: whole processes of this build against an older midst (MIDST_BASE), on
# generated staff, the two interleaved round by round (the order swapped each round), each on
# a database of its own made afresh every round.
#
#   MIDST_BASE=/path/to/older/midst Benchmarks/scripts/snapshot-after-write.sh [STAFF] [WORKDIR] [ROUNDS]
#
# Uses WORKDIR/data/{staff,needs,outcomes}.csv when present (else generates them, seed 1);
# writes WORKDIR/times.csv (one line per process) and prints mean ± sd and the ratio new/base
# per step, in the order the steps run.
set -euo pipefail
staff=${1:-1000000}
work=${2:-/tmp/midst-snapshot-after-write}
rounds=${3:-3}
base=${MIDST_BASE:?set MIDST_BASE to the midst binary to compare against}
cd "$(dirname "$0")/../.."
swift build -c release --product midst
new=$PWD/.build/release/midst

mkdir -p "$work"
cd "$work"
if [ ! -f data/outcomes.csv ]; then
  "$new" generate --staff "$staff" --needs 10000 --seed 1 --out data --force
  rm -f scratch.sqlite*
  "$new" import staff data/staff.csv --db scratch.sqlite
  "$new" import needs data/needs.csv --db scratch.sqlite
  "$new" generate --outcomes --labelled-needs 2000 --seed 1 --out data --db scratch.sqlite --force
  rm -f scratch.sqlite*
fi
# One person corrected by HR: a file with only some columns, dated after everything stored
# (tomorrow: a later date is refused as a typo).
IFS=, read -r person _ _ profession specialties _ seniority _ < <(sed -n 2p data/staff.csv)
printf 'id,profession,specialties,seniority,consent,max_assignments,updated_at\n%s,%s,%s,%s,yes,3,%s\n' \
  "$person" "$profession" "$specialties" "$seniority" "$(date -u -d tomorrow +%F)" >one.csv

echo "step,build,seconds" >times.csv
timed() {  # step, build, command…
  local step=$1 build=$2 start end
  shift 2
  start=$(date +%s.%N)
  "$@" >/dev/null
  end=$(date +%s.%N)
  echo "\"$step\",$build,$(echo "$end - $start" | bc)" >>times.csv
}
round() {  # build, binary
  local build=$1 midst=$2 db=$1.sqlite
  rm -f "$db" "$db"-*
  timed "import staff: every person, into a new database" "$build" "$midst" import staff data/staff.csv --db "$db"
  timed "import needs" "$build" "$midst" import needs data/needs.csv --db "$db"
  # Generated outcomes are dated up to mid-2027: imported as of a day after them.
  timed "import outcomes" "$build" env MIDST_AS_OF=2027-12-31 "$midst" import outcomes data/outcomes.csv --db "$db"
  timed "candidates N1: the first query after the imports" "$build" "$midst" candidates N1 --db "$db" --format csv
  timed "candidates N1: snapshot current (baseline)" "$build" "$midst" candidates N1 --db "$db" --format csv
  timed "import staff: one person corrected" "$build" "$midst" import staff one.csv --db "$db"
  timed "candidates N1: the first query after it" "$build" "$midst" candidates N1 --db "$db" --format csv
  timed "staff consent --withdraw" "$build" "$midst" staff consent "$person" --withdraw --reason benchmark --db "$db"
  timed "candidates N1: the first query after the withdrawal" "$build" "$midst" candidates N1 --db "$db" --format csv
  timed "run: the batch after them" "$build" "$midst" run --db "$db"
}
for index in $(seq "$rounds"); do
  if [ $((index % 2)) -eq 1 ]; then round base "$base"; round new "$new"; else round new "$new"; round base "$base"; fi
  echo "round $index of $rounds done" >&2
done

python3 - <<'PY'
import csv, statistics
rows = list(csv.DictReader(open("times.csv")))
steps = list(dict.fromkeys(r["step"] for r in rows))
def stats(step, build):
    values = [float(r["seconds"]) for r in rows if r["step"] == step and r["build"] == build]
    return statistics.mean(values), (statistics.stdev(values) if len(values) > 1 else 0.0)
def show(seconds):
    return f"{seconds * 1000:.0f} ms" if seconds < 1 else f"{seconds:.2f} s"
print("| step | base | new | ratio new/base |")
print("|---|---|---|---|")
for step in steps:
    (bm, bs), (nm, ns) = stats(step, "base"), stats(step, "new")
    ratio = nm / bm
    spread = ratio * ((bs / bm) ** 2 + (ns / nm) ** 2) ** 0.5
    print(f"| {step} | {show(bm)} ± {show(bs)} | {show(nm)} ± {show(ns)} | {ratio:.2f} ± {spread:.2f} |")
PY
