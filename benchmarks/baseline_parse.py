"""Baseline: a process that only parses every journal file with ruamel's safe C loader.

    python benchmarks/baseline_parse.py JOURNAL

What the store's first run (no derived cache yet) is compared against: the same walk and the same
YAML 1.2 parser, with nothing built from the result.
"""

from __future__ import annotations

import os
import sys

from ruamel.yaml import YAML


def main(root: str) -> int:
    yaml = YAML(typ="safe", pure=False)
    paths = [os.path.join(root, "taper.yaml")]
    for folder, dirs, files in os.walk(os.path.join(root, "days")):
        dirs.sort()
        paths.extend(os.path.join(folder, name) for name in sorted(files))
    docs = 0
    for path in paths:
        with open(path, "rb") as handle:
            if yaml.load(handle.read().decode("utf-8")) is not None:
                docs += 1
    print(f"{docs} documents from {len(paths)} files")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1]))
