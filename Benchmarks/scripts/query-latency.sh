#!/usr/bin/env bash
# Whole-process latency of the recruiter's queries on 1,000,000 generated staff, each timed by
# hyperfine against the same filter as plain SQL in the sqlite3 shell, in the same run.
#
#   Benchmarks/scripts/query-latency.sh [STAFF] [WORKDIR]
#
# Writes hyperfine's markdown tables to WORKDIR/*.md; the figures go into BENCHMARKS.md.
set -euo pipefail
staff=${1:-1000000}
work=${2:-/tmp/midst-query-latency}
cd "$(dirname "$0")/../.."

tools="hyperfine sqlite3"
. Benchmarks/scripts/scale-data.sh
# Build the staff snapshot once, as the first query after an import does.
"$midst" candidates N1 --top 1 >/dev/null

# midst candidates: score the need's profession block and keep the top 20.
# Baseline: the same need's SQL-checkable constraints (profession, required languages, mode,
# dates) as one plain query, no scoring.
need_sql() {
  sqlite3 midst.sqlite "SELECT profession, mode, start_date, end_date FROM need WHERE id = '$1'"
}
for need in N1 N2 N3; do
  IFS='|' read -r profession mode start end < <(need_sql "$need")
  languages=$(sqlite3 midst.sqlite "SELECT group_concat(' AND s.staff_key IN (SELECT staff_key FROM staff_language WHERE language = ''' || language || ''' AND level_rank >= ' || min_level_rank || ')', '') FROM need_language JOIN need USING (need_key) WHERE id = '$need' AND is_required = 1")
  mode_sql=""
  [ "$mode" = remote ] && mode_sql=" AND s.remote = 1"
  [ "$mode" = in-country ] && mode_sql=" AND s.in_country = 1"
  sql="SELECT count(*) FROM staff s WHERE s.consent = 1 AND s.active = 1 AND s.profession = '$profession'$languages$mode_sql AND (s.available_to IS NULL OR s.available_to >= '$start') AND (s.available_from IS NULL OR s.available_from <= '$end')"
  hyperfine --warmup 2 --runs 15 --export-markdown "candidates-$need.md" \
    -n "midst candidates $need --top 20" "$midst candidates $need --top 20 --format csv" \
    -n "sqlite3: same constraints as plain SQL" "sqlite3 midst.sqlite \"$sql\""
done

# midst search with two filters, against the same filter as plain SQL.
hyperfine --warmup 2 --runs 20 --export-markdown search-profession-language.md \
  -n "midst search --profession doctor --language lg:B1" \
  "$midst search --profession doctor --language lg:B1 --format csv" \
  -n "sqlite3: same filter as plain SQL" \
  "sqlite3 midst.sqlite \"SELECT s.* FROM staff s WHERE s.consent = 1 AND s.active = 1 AND s.profession = 'doctor' AND s.staff_key IN (SELECT staff_key FROM staff_language WHERE language = 'lg' AND level_rank >= 3) ORDER BY s.id LIMIT 50\""
hyperfine --warmup 2 --runs 20 --export-markdown search-country-tie.md \
  -n "midst search --country UG --tie heritage" \
  "$midst search --country UG --tie heritage --format csv" \
  -n "sqlite3: same filter as plain SQL" \
  "sqlite3 midst.sqlite \"SELECT s.* FROM staff s WHERE s.consent = 1 AND s.active = 1 AND s.staff_key IN (SELECT staff_key FROM staff_country_tie WHERE country = 'UG' AND kind = 'heritage') ORDER BY s.id LIMIT 50\""
cat ./*.md
