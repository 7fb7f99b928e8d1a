# Sourced by the whole-process benchmark scripts: installs the tools named in $tools, builds
# midst in release mode into $midst, and makes $work hold a database of $staff generated staff and
# 10,000 needs (seed 1), made once and then reused as it is. Leaves the shell in $work.
for tool in $tools; do
  if ! command -v "$tool" >/dev/null; then
    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "$tool"
  fi
done
swift build -c release --product midst
midst=$PWD/.build/release/midst

mkdir -p "$work"
cd "$work"
if [ ! -f midst.sqlite ]; then
  "$midst" generate --staff "$staff" --needs 10000 --seed 1 --out data --force
  "$midst" import staff data/staff.csv
  "$midst" import needs data/needs.csv
fi
