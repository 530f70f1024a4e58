"""Start-up time of what a user runs first: `xltools --help`, `xltools check --help`, `python -m xltools
--version` and `import xltools` (the notebook API), median wall time of several runs, in seconds.

The command line imports its subcommands' modules only when they run, so help stays well under
0.3 s; this prints the times and says which exceed that. Run:

    .venv/bin/python bench/bench_startup.py [--runs 10]
"""

from __future__ import annotations

import argparse
import statistics
import subprocess
import sys
import time
from pathlib import Path

VENV_BIN = Path(sys.executable).parent
BUDGET = 0.3
CASES = {
    "xltools --help": [str(VENV_BIN / "xltools"), "--help"],
    "xltools check --help": [str(VENV_BIN / "xltools"), "check", "--help"],
    "python -m xltools --version": [sys.executable, "-m", "xltools", "--version"],
    "import xltools": [sys.executable, "-c", "import xltools"],
    "python (bare interpreter)": [sys.executable, "-c", "pass"],
}


def median_time(command: list[str], runs: int) -> float:
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        subprocess.run(command, capture_output=True, check=True)
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=10)
    args = parser.parse_args()
    for name, command in CASES.items():
        subprocess.run(command, capture_output=True)  # warm the file cache
        seconds = median_time(command, args.runs)
        flag = "" if seconds < BUDGET or name.startswith("python (") else f"  over {BUDGET} s"
        print(f"{name:<30} {seconds:.3f} s{flag}")


if __name__ == "__main__":
    main()
