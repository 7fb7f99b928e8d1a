#!/usr/bin/env bash
# The same work done by two builds of midst, interleaved by hyperfine in one run: importing
# STAFF generated staff (seed 1), the nightly batch over them and 10,000 needs, `candidates` for
# one need and the report of the run. For a change that should cost nothing (issue 20), the
# ratios should be 1 within noise.
#
#   Benchmarks/scripts/ab-builds.sh BASE_REV [STAFF] [WORKDIR]
#
# BASE_REV is built in release mode in a worktree under WORKDIR; this checkout is the other
# build. Each build imports into its own database (a newer Midst's database is refused by an
# older one). Both work as of 2025-12-01 (MIDST_AS_OF, which builds before issue 21 ignore):
# before any generated need starts, so that both match every need. Writes hyperfine's markdown
# tables and /usr/bin/time's peak memory to WORKDIR/ab-*.md.
set -euo pipefail
base_rev=${1:?usage: ab-builds.sh BASE_REV [STAFF] [WORKDIR]}
staff=${2:-1000000}
work=${3:-/tmp/midst-ab}
cd "$(dirname "$0")/../.."
# `time` is also a shell keyword, so /usr/bin/time is looked for by path.
command -v hyperfine >/dev/null && [ -x /usr/bin/time ] || {
  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq hyperfine time
}
export MIDST_AS_OF=2025-12-01
swift build -c release --product midst
head=$PWD/.build/release/midst
mkdir -p "$work"
[ -d "$work/base-src" ] || git worktree add --detach "$work/base-src" "$base_rev"
(cd "$work/base-src" && swift build -c release --product midst)
base=$work/base-src/.build/release/midst
[ -f "$work/data/staff.csv" ] || "$head" generate --staff "$staff" --needs 10000 --seed 1 --out "$work/data" --force
mkdir -p "$work/base" "$work/head"
cd "$work"

hyperfine --runs 3 --export-markdown ab-import.md \
  --prepare "rm -f base/midst.sqlite*" -n "base: import staff" "$base import staff data/staff.csv --db base/midst.sqlite" \
  --prepare "rm -f head/midst.sqlite*" -n "head: import staff" "$head import staff data/staff.csv --db head/midst.sqlite"
"$base" import needs data/needs.csv --db base/midst.sqlite
"$head" import needs data/needs.csv --db head/midst.sqlite
# The first query after the needs import builds nothing (the snapshot is kept at write time).
hyperfine --warmup 1 --runs 5 --export-markdown ab-run.md \
  -n "base: run" "$base run --note ab --db base/midst.sqlite" \
  -n "head: run" "$head run --note ab --db head/midst.sqlite"
hyperfine --warmup 2 --runs 10 --export-markdown ab-candidates.md \
  -n "base: candidates" "$base candidates N1 --db base/midst.sqlite" \
  -n "head: candidates" "$head candidates N1 --db head/midst.sqlite"
hyperfine --runs 3 --export-markdown ab-report.md \
  -n "base: report" "$base report latest --out base/report.html --db base/midst.sqlite" \
  -n "head: report" "$head report latest --out head/report.html --db head/midst.sqlite"
: > ab-memory.md
for side in base head; do
  bin=$base; [ $side = head ] && bin=$head
  /usr/bin/time -v "$bin" run --note ab-memory --db $side/midst.sqlite 2>time.txt >/dev/null
  echo "$side run: $(grep 'Maximum resident' time.txt)" | tee -a ab-memory.md
done
cat ab-import.md ab-run.md ab-candidates.md ab-report.md ab-memory.md
