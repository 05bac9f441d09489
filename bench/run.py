"""The performance benchmark of issue 17: socstrat against the floor beside it, in one run.

    python bench/run.py                     # about 3–5 minutes on 2 cores
    python bench/run.py --repeat 3          # fewer paired runs, quicker, noisier
    python bench/run.py --baseline 7f676b9  # also time an older revision on a sample of the corpus

Run it with the Python of the project's environment (``.venv/bin/python bench/run.py``);
it runs socstrat from this checkout's ``src``. It is a benchmark, not a test: it asserts
nothing and prints a table. Times are CPU time (user + system) of the measured process
and every process it waited for (``RUSAGE_CHILDREN``), medians of paired runs (each
round runs every command once, so load from other users falls on both sides of a ratio
alike). Wall time is shown for the corpus, where the process pool is meant to shorten
it. Peak memory is the largest resident set of any one process of the run (maxrss).

The corpus is synthetic (see ``bench/corpus.py``): 265 strategies derived from the two
real ones, written to a temporary directory that is deleted afterwards.
"""

from __future__ import annotations

import argparse
import os
import resource
import statistics
import subprocess
import sys
import tarfile
import tempfile
import time
from collections.abc import Sequence
from io import BytesIO
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from corpus import ROOT, generate

PY = sys.executable
HASKOVO = ROOT / "data" / "haskovo-2016-2020"
PARSE = "import sys, yaml\nfor f in sys.argv[1:]:\n    with open(f, encoding='utf-8') as h:\n        yaml.compose(h, Loader=yaml.CSafeLoader)\n"
MAXRSS = (
    "import resource, subprocess, sys\n"
    "subprocess.run(sys.argv[1:], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)\n"
    "print(resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss)\n"
)


def env(src: Path = ROOT / "src") -> dict[str, str]:
    return {**os.environ, "PYTHONPATH": str(src), "NO_COLOR": "1"} | {"GITHUB_ACTIONS": ""}


def run_once(command: Sequence[str], environ: dict[str, str]) -> tuple[float, float, int]:
    """CPU seconds (user + sys of the process and its descendants), wall seconds, exit code."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    code = subprocess.run(command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, env=environ, cwd=ROOT).returncode
    wall = time.perf_counter() - start
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    return after.ru_utime - before.ru_utime + after.ru_stime - before.ru_stime, wall, code


def paired(commands: dict[str, tuple[list[str], dict[str, str]]], repeat: int) -> dict[str, tuple[float, float]]:
    """Median CPU and wall seconds of each command, the commands run in turn ``repeat`` times."""
    cpu: dict[str, list[float]] = {name: [] for name in commands}
    wall: dict[str, list[float]] = {name: [] for name in commands}
    for _ in range(repeat):
        for name, (command, environ) in commands.items():
            c, w, code = run_once(command, environ)
            if code not in (0, 1):
                raise SystemExit(f"{name}: exit {code}: {' '.join(command[:6])} …")
            cpu[name].append(c)
            wall[name].append(w)
    return {name: (statistics.median(cpu[name]), statistics.median(wall[name])) for name in commands}


def maxrss_mib(command: Sequence[str], environ: dict[str, str]) -> float:
    out = subprocess.run([PY, "-c", MAXRSS, *command], capture_output=True, text=True, env=environ, cwd=ROOT, check=True)
    return int(out.stdout.strip()) / 1024


def yaml_files(directories: Sequence[Path]) -> list[str]:
    return [str(f) for d in directories for f in sorted(d.glob("*.yaml"))]


SCRIPT = Path(PY).with_name("socstrat")


def socstrat(*args: object) -> list[str]:
    """The command as users run it: the console script beside this interpreter, else ``python -m socstrat``."""
    command = [PY, str(SCRIPT)] if SCRIPT.is_file() else [PY, "-m", "socstrat"]
    return [*command, *map(str, args)]


def compile_sources(src: Path) -> None:
    """Write the bytecode of ``src`` as an installation does (``make venv`` runs the same), so that runs
    measure socstrat and not the compiler, also where PYTHONDONTWRITEBYTECODE is set."""
    subprocess.run([PY, "-m", "compileall", "-q", str(src)], check=True)


def older_src(revision: str, target: Path) -> Path:
    """The ``src`` tree of an older revision, extracted from git objects into ``target``."""
    archive = subprocess.run(["git", "archive", revision, "src"], capture_output=True, check=True, cwd=ROOT).stdout
    with tarfile.open(fileobj=BytesIO(archive)) as tar:
        tar.extractall(target, filter="data")
    return target / "src"


def _burn(n: int) -> int:
    total = 0
    for i in range(n):
        total += i * i
    return total


def parallel_headroom(jobs: int) -> float:
    """Wall-clock speed-up of a pure-CPU loop on ``jobs`` processes over one: what the
    machine offers at the moment (other users' load takes cores away), for reading the
    corpus's wall times."""
    from concurrent.futures import ProcessPoolExecutor

    work = [2_000_000] * (2 * jobs)
    start = time.perf_counter()
    for n in work:
        _burn(n)
    serial = time.perf_counter() - start
    with ProcessPoolExecutor(jobs) as pool:
        start = time.perf_counter()
        list(pool.map(_burn, work))
        parallel = time.perf_counter() - start
    return serial / parallel


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--repeat", type=int, default=5, help="paired runs per comparison (median); default 5")
    parser.add_argument("--baseline", metavar="REV", help="also validate a sample of the corpus with this older revision")
    parser.add_argument("--baseline-sample", type=int, default=20, metavar="N", help="how many strategies of the corpus both revisions validate; default 20")
    options = parser.parse_args()
    repeat = options.repeat
    here = env()
    compile_sources(ROOT / "src")

    with tempfile.TemporaryDirectory(prefix="socstrat-synthetic-corpus-") as tmp:
        corpus = generate(Path(tmp) / "corpus")
        rows: list[tuple[str, str, str, str, str]] = []

        def ratio_row(what: str, mine: float, floor: float, floor_name: str, target: str) -> None:
            rows.append((what, f"{mine:.3f} s", f"{floor:.3f} s ({floor_name})", f"{mine / floor:.1f}×", target))

        print(f"synthetic corpus: {len(corpus)} strategies in {tmp} (deleted afterwards)", file=sys.stderr)

        r = paired({"pass": ([PY, "-c", "pass"], here), "help": (socstrat("--help"), here), "version": (socstrat("--version"), here)}, repeat * 2)
        ratio_row("socstrat --help", r["help"][0], r["pass"][0], "python -c pass", "≤ 5×")
        ratio_row("socstrat --version", r["version"][0], r["pass"][0], "python -c pass", "")

        r = paired({"validate": (socstrat("validate", HASKOVO), here), "parse": ([PY, "-c", PARSE, *yaml_files([HASKOVO])], here)}, repeat)
        validate_haskovo = r["validate"][0]
        ratio_row("validate Haskovo", validate_haskovo, r["parse"][0], "libyaml compose", "≤ 5×")

        synthetic_haskovo = corpus[0]
        r = paired({"diff": (socstrat("diff", HASKOVO, synthetic_haskovo), here), "validate": (socstrat("validate", HASKOVO), here)}, repeat)
        ratio_row("diff Haskovo vs a perturbed copy", r["diff"][0], r["validate"][0], "validate Haskovo", "≤ 1.5×")

        corpus_repeat = max(1, repeat // 2)
        r = paired(
            {
                "pool": (socstrat("validate", *corpus), here),
                "serial": (socstrat("validate", "--jobs", "1", *corpus), here),
                "parse": ([PY, "-c", PARSE, *yaml_files(corpus)], here),
            },
            corpus_repeat,
        )
        ratio_row(f"validate corpus, --jobs {os.cpu_count()} (default)", r["pool"][0], r["parse"][0], "libyaml compose", "≤ 5×")
        ratio_row("validate corpus, --jobs 1", r["serial"][0], r["parse"][0], "libyaml compose", "")
        headroom = parallel_headroom(os.cpu_count() or 1)
        walls = (
            f"wall: --jobs {os.cpu_count()} {r['pool'][1]:.1f} s, --jobs 1 {r['serial'][1]:.1f} s, parse {r['parse'][1]:.1f} s; "
            f"speed-up {r['serial'][1] / r['pool'][1]:.2f}× where a pure-CPU loop gets {headroom:.2f}× right after"
        )
        issue_baseline = 292.0
        corpus_cpu = r["pool"][0]
        rows.append(("corpus vs the issue's 292 s", f"{corpus_cpu:.1f} s CPU", "292 s (issue, same machine)", f"{issue_baseline / corpus_cpu:.0f}× faster", "≥ 10× faster"))

        if options.baseline:
            sample = corpus[: options.baseline_sample]
            old = older_src(options.baseline, Path(tmp) / "old")
            compile_sources(old)
            r = paired({"old": (socstrat("validate", *sample), env(old)), "new": (socstrat("validate", "--jobs", "1", *sample), here)}, 1)
            rows.append((
                f"first {len(sample)} of the corpus, --jobs 1",
                f"{r['new'][0]:.1f} s CPU",
                f"{r['old'][0]:.1f} s CPU ({options.baseline}, older)",
                f"{r['old'][0] / r['new'][0]:.1f}× faster",
                "",
            ))

        memory = []
        for n in (1, 50, 265):
            serial = maxrss_mib(socstrat("validate", "--jobs", "1", *corpus[:n]), here)
            pool = maxrss_mib(socstrat("validate", *corpus[:n]), here)
            memory.append((n, serial, pool))

    width = [max(len(row[i]) for row in rows + [("what", "socstrat", "floor", "ratio", "target")]) for i in range(5)]
    line = "| " + " | ".join(f"{{:<{w}}}" for w in width) + " |"
    print(f"CPU time (user+sys), medians of {repeat} paired runs ({corpus_repeat} for the corpus), {os.cpu_count()} CPUs")
    print(line.format("what", "socstrat", "floor", "ratio", "target"))
    print("|" + "|".join("-" * (w + 2) for w in width) + "|")
    for row in rows:
        print(line.format(*row))
    print(walls)
    print()
    print("peak memory (maxrss of the largest process), synthetic strategies:")
    print("| strategies | --jobs 1 | default --jobs |")
    print("|---|---|---|")
    for n, serial, pool in memory:
        print(f"| {n} | {serial:.1f} MiB | {pool:.1f} MiB |")


if __name__ == "__main__":
    main()
