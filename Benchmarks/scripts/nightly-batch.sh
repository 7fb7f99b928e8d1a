#!/usr/bin/env bash
# The whole nightly batch at the issue's scale: `midst run` on 1,000,000 generated staff and
# 10,000 needs (seed 1), timed by hyperfine on both cores against the same run held to one core
# (taskset), in the same run; then one more run under /usr/bin/time for the peak resident memory.
#
#   Benchmarks/scripts/nightly-batch.sh [STAFF] [WORKDIR]
#
# Writes hyperfine's markdown table to WORKDIR/batch.md and the memory figure to
# WORKDIR/batch-memory.txt; the figures go into BENCHMARKS.md. A WORKDIR that already holds a
# midst.sqlite is reused as it is. The naive baseline (every pair, no blocking) is in
# BatchBenchmarks, at a tenth of this scale.
set -euo pipefail
staff=${1:-1000000}
work=${2:-/tmp/midst-nightly-batch}
cd "$(dirname "$0")/../.."

# `time` is also a shell keyword, so /usr/bin/time is looked for by path.
[ -x /usr/bin/time ] || {
  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq time
}
tools="hyperfine"
. Benchmarks/scripts/scale-data.sh
# The first run after an import builds the staff snapshot; hyperfine's warm-up run does that.
hyperfine --warmup 1 --runs 3 --export-markdown batch.md \
  -n "midst run (both cores)" "$midst run --note benchmark" \
  -n "baseline: midst run on one core (taskset -c 0)" "taskset -c 0 $midst run --note benchmark"
/usr/bin/time -v "$midst" run --note benchmark 2>time.txt | tee last-run.txt
grep -E "Elapsed|Maximum resident" time.txt | tee batch-memory.txt
cat batch.md
