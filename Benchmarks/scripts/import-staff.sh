#!/usr/bin/env bash
# The issue's import target as a user meets it: whole `midst import staff` processes on
# 1,000,000 generated staff rows (seed 1) into a new database, timed by hyperfine against the
# plain sqlite3 shell's `.import` of the same CSV into one flat table, in the same run.
#
#   Benchmarks/scripts/import-staff.sh [STAFF] [WORKDIR] [RUNS]
#
# Writes hyperfine's markdown table to WORKDIR/import.md; the figures go into BENCHMARKS.md.
set -euo pipefail
staff=${1:-1000000}
work=${2:-/tmp/midst-nightly-batch}
runs=${3:-5}
cd "$(dirname "$0")/../.."

tools="hyperfine sqlite3"
. Benchmarks/scripts/scale-data.sh
hyperfine --runs "$runs" --export-markdown import.md \
  -n "midst import staff (new database)" \
  --prepare "rm -rf import-db && mkdir import-db && $midst init --db import-db/midst.sqlite" \
  "$midst import staff data/staff.csv --db import-db/midst.sqlite" \
  -n "baseline: sqlite3 .import into one flat table" \
  --prepare "rm -rf import-db && mkdir import-db" \
  "sqlite3 import-db/flat.sqlite '.import --csv data/staff.csv staff'"
rm -rf import-db
cat import.md
