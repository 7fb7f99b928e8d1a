"""The CSV form shared by Midst's generated reference tables: `# ` comment lines, a header row,
then the rows, UTF-8 with LF line endings. Imported by the scripts/make-*.py generators."""

import csv
import os
import subprocess
import sys


def write_csv(path, comments, header, rows):
    os.makedirs(os.path.dirname(path), exist_ok=True)
    with open(path, "w", encoding="utf-8", newline="") as f:
        for c in comments:
            assert "\n" not in c and "\r" not in c
            f.write("# " + c + "\n" if c else "#\n")
        w = csv.writer(f, lineterminator="\n")
        w.writerow(header)
        for r in rows:
            assert len(r) == len(header), r
            w.writerow(r)


def compile_into_midst():
    """Compiles the tables into the binary again (embed-reference-data.py), so that a table
    regenerated here and the copy `midst` is built with never part."""
    script = os.path.join(os.path.dirname(os.path.abspath(__file__)), "embed-reference-data.py")
    subprocess.run([sys.executable, script], check=True)
