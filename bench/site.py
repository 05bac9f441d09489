"""The benchmark of ``socstrat site`` over the synthetic national corpus (issue 30).

    python bench/site.py                  # 265 strategies, --jobs 2; several minutes on 2 cores
    python bench/site.py --size 50        # a smaller corpus, quicker

Run it with the Python of the project's environment; it runs socstrat from this checkout's
``src``. It prints, for a first build, a rebuild with nothing changed and a rebuild after one
strategy changed: CPU time (user + system of socstrat and its worker processes), wall time,
how many strategies were rendered, and peak memory (the largest resident set of any one
process). Memory is also measured for a tenth of the corpus, to show it flat in the number
of strategies. Word documents and git history are left out (``--no-word --no-history``): the
corpus is not in git, and a Word report costs about 0.8 s of CPU per strategy and language.
The corpus is synthetic (``bench/corpus.py``) and every page of the site is checked to say so.
"""

from __future__ import annotations

import argparse
import os
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from corpus import ROOT, SIZE, generate
from run import PY, compile_sources, env, socstrat

SYNTHETIC_WORDS = ("СИНТЕТИЧНИ ДАННИ", "SYNTHETIC DATA")


def measured(command: list[str]) -> tuple[float, float, float, str]:
    """CPU seconds of the command and its descendants, wall seconds, peak MiB of any one of them, and its standard error.

    Each measurement runs in a fresh Python so that RUSAGE_CHILDREN's maxrss is this command's alone, and after
    ``os.sync()``: the file system's write-back of what the run before wrote (a site is hundreds of MiB) would
    otherwise compete with this one, which measured up to a fifth more CPU on this machine."""
    os.sync()
    probe = (
        "import resource, subprocess, sys, time\n"
        "start = time.perf_counter()\n"
        "run = subprocess.run(sys.argv[1:], stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)\n"
        "wall = time.perf_counter() - start\n"
        "use = resource.getrusage(resource.RUSAGE_CHILDREN)\n"
        "print(use.ru_utime + use.ru_stime, wall, use.ru_maxrss / 1024, run.returncode)\n"
        "sys.stderr.write(run.stderr)\n"
    )
    out = subprocess.run([PY, "-c", probe, *command], capture_output=True, text=True, env=env(), cwd=ROOT, check=True)
    cpu, wall, mib, code = out.stdout.split()
    if int(code) not in (0, 1):
        raise SystemExit(f"exit {code}: {out.stderr.strip()}")
    return float(cpu), float(wall), float(mib), out.stderr.strip()


def unlabelled(site: Path) -> list[Path]:
    """Pages of the site that do not say the data is synthetic."""
    return [page for page in site.rglob("*.html") if not any(word in page.read_text(encoding="utf-8") for word in SYNTHETIC_WORDS)]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--size", type=int, default=SIZE, help=f"strategies in the corpus; default {SIZE}")
    parser.add_argument("--jobs", type=int, default=2, help="socstrat site --jobs; default 2")
    options = parser.parse_args()
    compile_sources(ROOT / "src")
    rows = []
    with tempfile.TemporaryDirectory(prefix="socstrat-site-bench-") as tmp:
        corpus = generate(Path(tmp) / "corpus", options.size)
        print(f"synthetic corpus: {len(corpus)} strategies in {tmp} (deleted afterwards)", file=sys.stderr)
        site = Path(tmp) / "site"
        build = socstrat("site", Path(tmp) / "corpus", "-o", site, "--jobs", options.jobs, "--no-word", "--no-history")

        tenth = Path(tmp) / "tenth"
        small = max(1, len(corpus) // 10)
        cpu, wall, mib, said = measured(socstrat("site", *corpus[:small], "-o", tenth, "--jobs", options.jobs, "--no-word", "--no-history"))
        rows.append((f"first build, {small} strategies", cpu, wall, mib, said))

        cpu, wall, mib, said = measured(build)
        rows.append((f"first build, {len(corpus)} strategies", cpu, wall, mib, said))
        pages = sum(1 for _ in site.rglob("*.html"))
        size = sum(f.stat().st_size for f in site.rglob("*") if f.is_file()) / 2**20
        missing = unlabelled(site)

        cpu, wall, mib, said = measured(build)
        rows.append(("rebuild, nothing changed", cpu, wall, mib, said))

        changed = corpus[len(corpus) // 2] / "services.yaml"
        changed.write_text(changed.read_text(encoding="utf-8") + "# changed by bench/site.py\n", encoding="utf-8")
        time.sleep(0.01)
        cpu, wall, mib, said = measured(build)
        rows.append(("rebuild, one strategy changed", cpu, wall, mib, said))

    print(f"socstrat site over the synthetic corpus, --jobs {options.jobs} --no-word --no-history; "
          f"{pages} pages, {size:.0f} MiB; pages not labelled synthetic: {len(missing)}")
    print("| run | CPU | wall | peak memory | socstrat says |")
    print("|---|---|---|---|---|")
    for what, cpu, wall, mib, said in rows:
        print(f"| {what} | {cpu:.1f} s | {wall:.1f} s | {mib:.0f} MiB | {said.splitlines()[-1] if said else ''} |")
    print(f"targets: first build ≤ 60 s CPU; memory flat in the number of strategies; one strategy changed ≤ 5 s. "
          f"(this process: {resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024:.0f} MiB)")
    if missing:
        sys.exit(f"{len(missing)} pages do not say the data is synthetic, e.g. {missing[0]}")


if __name__ == "__main__":
    main()
