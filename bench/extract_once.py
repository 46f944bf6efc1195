"""One pass of figure extraction (and the toll) over the 600 shooting-news dev articles.

    PYTHONHASHSEED=0 valgrind --tool=callgrind --callgrind-out-file=/dev/null \
        python bench/extract_once.py toll       # figures + toll; "fig" for figures, "none"
    PYTHONPATH=SHIM ... python bench/extract_once.py fig    # another commit's transforms/

For instruction counts, which stay put on a machine whose load moves the timings: the
count of "none" (imports and reading the articles) taken from "fig" or "toll" leaves the
extraction's own work. Import the modules once first so the count holds no compiling. Runs
on code from before issue 11 too ("fig" and "none" need no toll module).
"""

from __future__ import annotations

import importlib
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from toll_extract import _cold, _texts  # bench/ is not a package: found through sys.path


def main(argv: list[str]) -> int:
    mode = argv[0] if argv else "toll"
    if mode not in ("toll", "fig", "none"):
        raise SystemExit("mode: toll, fig or none")
    texts = _texts(None)
    extract = importlib.import_module("claimwatch.transforms.figures").extract_figures
    _cold()
    if mode == "toll":
        toll = importlib.import_module("claimwatch.transforms.toll").article_toll
        for text in texts:
            toll(text, extract(text))
    elif mode == "fig":
        for text in texts:
            extract(text)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
