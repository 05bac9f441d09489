"""A link checker over a directory of static HTML: every href and src resolves to a file in the
directory (and a #fragment to an id in it), and nothing points outside it."""

from __future__ import annotations

from functools import cache
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote, urlsplit


class _Links(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.links: list[str] = []
        self.ids: set[str] = set()
        self.lang: str | None = None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = dict(attrs)
        if tag == "html":
            self.lang = values.get("lang")
        for name in ("id", "name") if tag == "a" else ("id",):
            if values.get(name):
                self.ids.add(values[name] or "")
        for name in ("href", "src"):
            value = values.get(name)
            if value is not None:
                self.links.append(value)


@cache
def parse(file: Path) -> _Links:
    parser = _Links()
    parser.feed(file.read_text(encoding="utf-8"))
    return parser


def broken_links(root: Path) -> list[str]:
    """Every link of every page under ``root`` that leaves the site or resolves to nothing: ``page: link (why)``."""
    problems = []
    root = root.resolve()
    for page in sorted(root.rglob("*.html")):
        for link in parse(page).links:
            parts = urlsplit(link)
            where = f"{page.relative_to(root)}: {link}"
            if parts.scheme or parts.netloc:
                problems.append(f"{where} (outside the site)")
                continue
            target = (page.parent / unquote(parts.path)).resolve() if parts.path else page
            if not target.is_relative_to(root):
                problems.append(f"{where} (outside the site)")
            elif not target.is_file():
                problems.append(f"{where} (no such file)")
            elif parts.fragment and target.suffix == ".html" and unquote(parts.fragment) not in parse(target).ids:
                problems.append(f"{where} (no such anchor)")
    return problems


@cache
def built_site() -> Path:
    """The site of both bundled strategies with the illustrative monitoring set, built once per test session
    into a temporary directory (removed at exit), as of 1 June 2019."""
    import atexit
    import shutil
    import tempfile
    from datetime import date

    from conftest import DATA, ROOT
    from socstrat.render.site.builder import SiteOptions, build_site

    out = Path(tempfile.mkdtemp(prefix="socstrat-site-test-"))
    atexit.register(shutil.rmtree, out, True)
    monitoring = {"haskovo-2016-2020": str(ROOT / "examples" / "haskovo-monitoring")}
    result = build_site([DATA], out, SiteOptions(today=date(2019, 6, 1), monitoring=monitoring))
    assert result.problems == [], result.problems
    return out
