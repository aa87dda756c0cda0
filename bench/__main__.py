"""Run every benchmark in this folder: ``python -m bench`` (or ``make bench``);
``python -m bench --only=reports,dashboard`` runs the named ones (``<name>_bench``).

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
    arguments = [argument for argument in sys.argv[1:] if not argument.startswith("--only=")]
    only = [argument.removeprefix("--only=") for argument in sys.argv[1:]
            if argument.startswith("--only=")]
    if only:
        wanted = {f"{name.strip()}_bench" for value in only for name in value.split(",")
                  if name.strip()}
        unknown = sorted(name.removesuffix("_bench") for name in wanted - set(names))
        if unknown:
            sys.exit(f"no such benchmark: {', '.join(unknown)}; there are: "
                     f"{', '.join(name.removesuffix('_bench') for name in names)}")
        names = [name for name in names if name in wanted]
    failed = []
    for name in names:
        sys.stdout.write(f"\n== bench.{name}\n")
        sys.stdout.flush()
        result = subprocess.run([sys.executable, "-m", f"bench.{name}", *arguments])
        if result.returncode:
            failed.append(name)
    if failed:
        sys.exit(f"benchmarks failed: {', '.join(failed)}")


if __name__ == "__main__":
    main()
