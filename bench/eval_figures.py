"""Figure-extraction quality and speed; the scorer lives in claimwatch.pipelines.evaluate.

python bench/eval_figures.py [--json] [--failures N] [--numbers-only]   (= claimwatch eval)
"""

import sys

from claimwatch.pipelines.evaluate import main

if __name__ == "__main__":
    sys.exit(main())
