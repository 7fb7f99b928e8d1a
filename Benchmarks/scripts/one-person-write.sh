#!/usr/bin/env bash
# What a one-person write costs (issue 23: at 1M staff, at most 3x the process floor and 100 MB;
# the first `candidates` after it at most 2x the floor), against an older midst (MIDST_BASE):
# `staff consent --withdraw`, `outcome`, a one-row `import staff` correction and the first
# `candidates` after a write, with `midst runs` as the floor, in one hyperfine invocation; then
# the peak memory of each write (/usr/bin/time -v). Each build gets its own copy of one database.
#
#   MIDST_BASE=/path/to/older/midst Benchmarks/scripts/one-person-write.sh STAFF.csv NEEDS.csv [WORKDIR] [RUNS]
#
# A binary older than the compiled-in reference tables needs its Midst_MidstStore.resources
# folder beside it. Writes WORKDIR/writes.md
# (hyperfine's table) and prints the peak memory per write.
set -euo pipefail
staff_csv=$(realpath "$1")
needs_csv=$(realpath "$2")
work=${3:-/tmp/midst-one-person-write}
runs=${4:-20}
base=${MIDST_BASE:?set MIDST_BASE to the midst binary to compare against}
cd "$(dirname "$0")/../.."
swift build -c release --product midst
new=$PWD/.build/release/midst
export MIDST_AS_OF=${MIDST_AS_OF:-2025-12-01}

mkdir -p "$work"
cd "$work"
if [ ! -f base.sqlite ]; then
  "$base" import staff "$staff_csv" --db base.sqlite
  "$base" import needs "$needs_csv" --db base.sqlite
fi
rm -f new.sqlite new.sqlite-*
cp base.sqlite new.sqlite
cp base.sqlite-staff-snapshot new.sqlite-staff-snapshot
rm -f base.sqlite-staff-overlay ./*.consent-* one.count

# The first two people of N1's list: one whose consent is toggled, one corrected by HR.
mapfile -t best < <("$new" candidates N1 --db new.sqlite --format csv | sed -n '2,3p' | cut -d, -f2)
toggled=${best[0]}
corrected=${best[1]}
IFS=, read -r _ _ _ profession specialties _ seniority _ < <(grep "^$corrected," "$staff_csv")

cat >toggle.sh <<'EOF'
#!/usr/bin/env bash
# One one-person write with midst $1 on database $2: gives or withdraws the consent of $3 in turn.
set -e
state="$2.consent-$3"
if [ -f "$state" ]; then "$1" staff consent "$3" --give --reason bench --db "$2" >/dev/null; rm "$state"
else "$1" staff consent "$3" --withdraw --reason bench --db "$2" >/dev/null; touch "$state"; fi
EOF
cat >correction.sh <<'EOF'
#!/usr/bin/env bash
# Writes one.csv: HR's one-row correction of $1 (profession $2, specialties $3, seniority $4),
# dated a second after the last one from 2025-11-01 (imported with --force, as it is older than
# the stored record), its capacity 2 and 3 in turn, so that every import changes the row.
set -e
count=$(( $(cat one.count 2>/dev/null || echo 0) + 1 ))
echo $count >one.count
printf 'id,profession,specialties,seniority,consent,max_assignments,updated_at\n%s,%s,%s,%s,yes,%s,%s\n' \
  "$1" "$2" "$3" "$4" "$(( 2 + count % 2 ))" "$(date -u -d "2025-11-01 + $count seconds" +%Y-%m-%dT%H:%M:%SZ)" >one.csv
EOF
chmod +x toggle.sh correction.sh
correct="./correction.sh $corrected $profession $specialties $seniority"

hyperfine -N -w 2 -r "$runs" --export-markdown writes.md \
  --prepare true \
  --prepare "$base staff consent $toggled --give --reason b --db base.sqlite" \
  --prepare "$new staff consent $toggled --give --reason b --db new.sqlite" \
  --prepare true --prepare true \
  --prepare "$correct" --prepare "$correct" \
  --prepare "bash toggle.sh $base base.sqlite $toggled" \
  --prepare "bash toggle.sh $new new.sqlite $toggled" \
  -n "floor: midst runs" "$new runs --db new.sqlite" \
  -n "base: staff consent --withdraw" "$base staff consent $toggled --withdraw --reason b --db base.sqlite" \
  -n "new: staff consent --withdraw" "$new staff consent $toggled --withdraw --reason b --db new.sqlite" \
  -n "base: outcome N1 $toggled asked" "$base outcome N1 $toggled asked --db base.sqlite" \
  -n "new: outcome N1 $toggled asked" "$new outcome N1 $toggled asked --db new.sqlite" \
  -n "base: import staff, one row" "$base import staff one.csv --force --db base.sqlite" \
  -n "new: import staff, one row" "$new import staff one.csv --force --db new.sqlite" \
  -n "base: candidates N1 after a write" "$base candidates N1 --db base.sqlite --format csv" \
  -n "new: candidates N1 after a write" "$new candidates N1 --db new.sqlite --format csv"

peak() {  # label, command…
  local label=$1
  shift
  /usr/bin/time -v "$@" 2>&1 >/dev/null | awk -v label="$label" '
    /Maximum resident/ { kb = $NF } /Elapsed/ { wall = $NF }
    END { printf "%-34s %7.1f MB  %s\n", label, kb / 1024, wall }'
}
for build in base new; do
  midst=$base
  [ $build = new ] && midst=$new
  "$midst" staff consent "$toggled" --give --db $build.sqlite >/dev/null
  rm -f $build.sqlite.consent-"$toggled"
  peak "$build: runs (floor)" "$midst" runs --db $build.sqlite
  peak "$build: staff consent --withdraw" "$midst" staff consent "$toggled" --withdraw --db $build.sqlite
  peak "$build: candidates N1 after it" "$midst" candidates N1 --db $build.sqlite --format csv
  peak "$build: staff consent --give" "$midst" staff consent "$toggled" --give --db $build.sqlite
  peak "$build: outcome" "$midst" outcome N1 "$toggled" asked --db $build.sqlite
  $correct
  peak "$build: import staff, one row" "$midst" import staff one.csv --force --db $build.sqlite
done
