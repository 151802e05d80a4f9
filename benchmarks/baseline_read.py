"""Baseline: a Python process that only reads the bytes of every file of a journal.

    python benchmarks/baseline_read.py JOURNAL

The floor for anything that looks at every day file: interpreter start, a sorted walk, read.
"""

from __future__ import annotations

import os
import sys


def main(root: str) -> int:
    total = 0
    count = 0
    paths = [os.path.join(root, "taper.yaml")]
    for folder, dirs, files in os.walk(os.path.join(root, "days")):
        dirs.sort()
        paths.extend(os.path.join(folder, name) for name in sorted(files))
    for path in paths:
        with open(path, "rb") as handle:
            total += len(handle.read())
        count += 1
    print(f"{count} files, {total} bytes")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1]))
