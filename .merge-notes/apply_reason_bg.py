"""After merging i28 into main: give every acknowledgement of the bundled data its reason_bg.

Resolve the conflicts in data/*/acknowledgements.yaml by taking main's version, then run from
the repository root:  python .merge-notes/apply_reason_bg.py   (or with the files as arguments).
A reason that i28 translated and main left as it was keeps i28's Bulgarian; a reason main rewrote
or added takes the Bulgarian of main_reasons_bg.py. Then: socstrat fmt --check data && pytest tests/data.
"""

import importlib.util
import json
import re
import subprocess
import sys
from pathlib import Path

import yaml

HERE = Path(__file__).resolve().parent
spec = importlib.util.spec_from_file_location("main_reasons_bg", HERE / "main_reasons_bg.py")
assert spec and spec.loader
module = importlib.util.module_from_spec(spec)
spec.loader.exec_module(module)
REWRITTEN: dict[tuple[str, str], str] = module.BG


def i28_translations(path: str) -> dict[tuple[str, str, str], str]:
    text = subprocess.run(["git", "show", f"i28:{path}"], capture_output=True, text=True, check=True).stdout
    return {(a["rule"], a["entity"], a["reason"]): a["reason_bg"] for a in yaml.safe_load(text)["acknowledgements"]}


def apply(path: str) -> None:
    known = i28_translations(path)
    reasons = {(a["rule"], a["entity"]): a["reason"] for a in yaml.safe_load(Path(path).read_text(encoding="utf-8"))["acknowledgements"]}
    lines = Path(path).read_text(encoding="utf-8").split("\n")
    out: list[str] = []
    rule = entity = None
    missing = []
    for i, line in enumerate(lines):
        if line.lstrip().startswith("reason_bg:"):
            continue  # written again below, from the tables
        flow = re.match(r"\s*- \{rule: (\S+), entity: (\S+), reason:", line)
        if flow:
            rule, entity = flow.group(1), flow.group(2)
        else:
            m = re.match(r"\s*-? ?rule: (\S+)", line)
            if m:
                rule = m.group(1)
            m = re.match(r"\s*entity: (\S+)", line)
            if m:
                entity = m.group(1)
        if "reason:" not in line:
            out.append(line)
            continue
        key = (rule, entity)
        bg = known.get((rule, entity, reasons[key])) or REWRITTEN.get(key)  # type: ignore[index]
        if bg is None:
            missing.append(key)
            out.append(line)
            continue
        quoted = json.dumps(bg, ensure_ascii=False)
        if flow:
            line = re.sub(r", reason_bg: \".*\"\}$", "}", line.rstrip())
            out.append(line[:-1] + f", reason_bg: {quoted}" + "}")
        else:
            out.append(line)
            out.append(f"{line[: len(line) - len(line.lstrip())]}reason_bg: {quoted}")
    Path(path).write_text("\n".join(out), encoding="utf-8")
    print(f"{path}: {len(reasons)} reasons; no Bulgarian for {missing}" if missing else f"{path}: {len(reasons)} reasons, each with reason_bg")


for target in sys.argv[1:] or ["data/haskovo-2016-2020/acknowledgements.yaml", "data/kazanlak-2007-2009/acknowledgements.yaml"]:
    apply(target)
