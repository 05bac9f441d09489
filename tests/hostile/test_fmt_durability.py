"""fmt's guarantees under kill -9 and concurrency: a file is always the old text or the new one, never lost or cut."""

from __future__ import annotations

import os
import random
import signal
import subprocess
import sys
import time
from pathlib import Path

from harness import build

ROOT = Path(__file__).resolve().parents[2]
ENV = {**os.environ, "PYTHONPATH": str(ROOT / "src")}


def messy(tmp_path: Path) -> tuple[Path, dict[str, bytes], dict[str, bytes]]:
    """A strategy whose every file fmt changes, with the texts before and after formatting."""
    strategy = build(tmp_path, "durable")
    for file in strategy.glob("*.yaml"):
        file.write_text(file.read_text(encoding="utf-8").replace(": ", ":   ", 3), encoding="utf-8")
    before = {f.name: f.read_bytes() for f in strategy.glob("*.yaml")}
    reference = build(tmp_path, "reference")
    for name, data in before.items():
        (reference / name).write_bytes(data)
    subprocess.run([sys.executable, "-m", "socstrat", "fmt", str(reference)], env=ENV, check=True, capture_output=True)
    after = {f.name: f.read_bytes() for f in reference.glob("*.yaml")}
    assert before != after
    return strategy, before, after


def test_kill_9_never_loses_or_cuts_a_file(tmp_path: Path) -> None:
    strategy, before, after = messy(tmp_path)
    rng = random.Random(19)
    for _ in range(6):
        for name, data in before.items():
            (strategy / name).write_bytes(data)
        process = subprocess.Popen([sys.executable, "-m", "socstrat", "fmt", str(strategy)], env=ENV, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        time.sleep(rng.uniform(0.15, 0.6))
        process.send_signal(signal.SIGKILL)
        process.wait()
        for name in before:
            assert (strategy / name).read_bytes() in (before[name], after[name]), name
    # what a killed run leaves is at most a hidden temporary file, which no command reads
    leftovers = [p.name for p in strategy.iterdir() if p.name not in before]
    assert all(name.startswith(".") and name.endswith(".tmp") for name in leftovers), leftovers


def test_concurrent_runs_leave_every_file_formatted(tmp_path: Path) -> None:
    strategy, _, after = messy(tmp_path)
    processes = [
        subprocess.Popen([sys.executable, "-m", "socstrat", "fmt", str(strategy)], env=ENV, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
        for _ in range(4)
    ]
    for process in processes:
        _, err = process.communicate(timeout=60)
        assert process.returncode == 0, err
    for name, data in after.items():
        assert (strategy / name).read_bytes() == data, name
    assert sorted(p.name for p in strategy.iterdir()) == sorted(after)
