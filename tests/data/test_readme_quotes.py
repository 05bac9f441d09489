"""The defects the strategy READMEs list by hand quote the source: each quote `l. N "…"` stands on line N.

A listed defect is only as good as its quotes; a wrong line number or a misquoted word would send
the reader to the wrong place. Whitespace runs, table-cell tabs, `[bookmark: …]` markers and the
hyphenation noise of table cells (a space inside a word) are ignored; "…" in a quote skips words.
"""

from __future__ import annotations

import os
import re
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
# shared/ lies beside the checkout (CI, the main checkout) or beside the folder of worktrees.
SEEDS = next(
    (p for p in (Path(os.environ.get("SOCSTRAT_SEEDS", "/nonexistent")), ROOT.parent / "shared" / "seeds",
                 ROOT.parent.parent / "shared" / "seeds") if p.is_dir()),
    ROOT.parent / "shared" / "seeds",
)
SOURCES = {
    "haskovo-2016-2020": "000_1945849d6053b6c0.txt",
    "kazanlak-2007-2009": "001_6f7ec217f66abe05.txt",
}
QUOTE = re.compile(r'l\. (\d+) "([^"]+)"')


def _plain(text: str) -> str:
    return re.sub(r"\s+", "", re.sub(r"\[bookmark: [^\]]*\]", "", text))


def _quotes(readme: str) -> list[tuple[int, str]]:
    section = readme.split("## Defects of the source that no rule reports", 1)[1].split("\n## ", 1)[0]
    return [(int(n), quote) for n, quote in QUOTE.findall(section)]


@pytest.mark.parametrize("name", sorted(SOURCES))
def test_every_quote_stands_on_its_line(name: str) -> None:
    source = SEEDS / SOURCES[name]
    if not source.exists():
        pytest.skip("the source copies live in ../shared/seeds, beside the checkout")
    lines = source.read_text(encoding="utf-8").splitlines()
    quotes = _quotes((ROOT / "data" / name / "README.md").read_text(encoding="utf-8"))
    assert len(quotes) >= 8
    for number, quote in quotes:
        line = _plain(lines[number - 1])
        for part in quote.split("…"):
            assert _plain(part) in line, f"line {number} does not say {part.strip()!r}"
