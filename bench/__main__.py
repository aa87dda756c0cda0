"""Run every benchmark in this folder: ``python -m bench`` (or ``make bench``).

Each ``bench/<name>_bench.py`` prints its own figures; extra arguments are passed on.
"""

import pkgutil
import subprocess
import sys
from pathlib import Path


def main():
    folder = Path(__file__).resolve().parent
    names = sorted(
        module.name for module in pkgutil.iter_modules([str(folder)])
        if module.name.endswith("_bench")
    )
    failed = []
    for name in names:
        sys.stdout.write(f"\n== bench.{name}\n")
        sys.stdout.flush()
        result = subprocess.run([sys.executable, "-m", f"bench.{name}", *sys.argv[1:]])
        if result.returncode:
            failed.append(name)
    if failed:
        sys.exit(f"benchmarks failed: {', '.join(failed)}")


if __name__ == "__main__":
    main()
