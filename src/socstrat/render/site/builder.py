"""Build the static site: find the strategies, render each one's pages, then the pages across them.

Layout of the output (every link relative, so it reads from ``file://`` and any sub-path)::

    index.html coverage.html services.html search.html   Bulgarian, at the root
    s/<id>/index.html report.html plan-<Y>.html monitoring-<Y>.html progress.html history.html
    s/<id>/indicators/<indicator>.html  s/<id>/services/<service>.html
    en/…                                                   the same pages in English
    files/<id>/…                                           downloads
    assets/                                                CSS, JS, the search indexes
    manifest.json                                          what the next build may reuse
    .socstrat/<key hash>-<input hash>.json                 per strategy: its search entries and files

Each strategy is rendered by :func:`render_strategy` in a worker process, which writes the
strategy's :class:`StrategyRecord` (search entries, files written) beside the site and sends
back a small :class:`StrategySummary`; the pages across strategies are written from the
summaries, and the search index from the records read one at a time, so no process holds
what grows with the number of strategies. ``manifest.json`` keeps, for each input path, a
hash of its files and of the build's options, and its summary: a strategy whose hash is
unchanged and whose record and files are all there is not opened again, so a rebuild after
one strategy changed re-renders that strategy and the pages across strategies only.
"""

from __future__ import annotations

import gc
import hashlib
import json
import os
import re
import shutil
import subprocess
from collections import deque
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date
from functools import cache, cached_property
from pathlib import Path
from typing import TYPE_CHECKING, Any

from socstrat.io.archive import zip_bytes
from socstrat.io.writing import write_text_atomically
from socstrat.render.site.pages import (
    ChartBar,
    HistoryEntry,
    IndicatorValue,
    Manifest,
    SearchEntry,
    ServiceYear,
    SiteFinding,
    SiteProblem,
    StrategyRecord,
    StrategySummary,
)

if TYPE_CHECKING:
    import jinja2

    from socstrat.analysis.plan import Plan
    from socstrat.analysis.progress import ProgressReport
    from socstrat.api import Opened
    from socstrat.model import Indicator, KeyIndicator, Strategy

LANGS = ("bg", "en")
SYNTHETIC_MARK = "SYNTHETIC DATA"
"""What the first lines of a generated strategy.yaml say (bench/corpus.py); such a strategy is labelled synthetic on every page."""
HISTORY_LIMIT = 12
"""The newest commits whose semantic diff the history page shows."""
RECORDS = ".socstrat"
"""The output's folder of per-strategy records (:class:`StrategyRecord`)."""
_RECORD_NAME = re.compile(r"[0-9a-f]{16}-[0-9a-f]{24}\.json")


class SiteError(Exception):
    """A path or output that cannot be used; the message is one line."""


@dataclass(frozen=True)
class SiteOptions:
    today: date = field(default_factory=date.today)
    """The date the strategies' state in time (in force, ended) is told for."""
    jobs: int = 1
    synthetic: bool = False
    """Label every page synthetic, whatever the files say."""
    monitoring: dict[str, str] = field(default_factory=dict)
    """Strategy directory name → directory of its monitoring files, where they are not in PATH/monitoring."""
    word: bool = True
    """Write the Word documents (the slowest downloads)."""
    history: bool = True


@dataclass
class SiteResult:
    strategies: list[StrategySummary]
    problems: list[SiteProblem]
    rendered: int
    reused: int


# --- finding strategies --------------------------------------------------------------


def discover(paths: Sequence[str | Path]) -> tuple[list[Path], list[SiteProblem]]:
    """The strategy directories named by ``paths``: each a strategy, or a folder searched for ``strategy.yaml``."""
    found: list[Path] = []
    problems: list[SiteProblem] = []
    for raw in paths:
        path = Path(raw)
        if (path / "strategy.yaml").is_file():
            found.append(path)
        elif path.is_dir():
            try:
                inside = sorted(p.parent for p in path.rglob("strategy.yaml") if "monitoring" not in p.parent.parts[len(path.parts):])
            except OSError as exc:
                problems.append(SiteProblem(path=str(path), message=f"cannot search this folder: {exc.strerror or exc}"))
                continue
            if not inside:
                problems.append(SiteProblem(path=str(path), message="no strategy.yaml in this folder or below it"))
            found.extend(inside)
        else:
            problems.append(SiteProblem(path=str(path), message="no such directory" if not path.exists() else "not a directory"))
    unique = list(dict.fromkeys(p.resolve() for p in found))
    return [Path(os.path.relpath(p)) if p.is_relative_to(Path.cwd()) else p for p in unique], problems


# --- hashing for incremental builds ---------------------------------------------------


@cache
def fingerprint() -> str:
    """A hash of the code and templates that render pages: a new version re-renders everything."""
    from socstrat.io.resources import PACKAGE_DIR, templates_dir

    digest = hashlib.sha256()
    for root in (PACKAGE_DIR, templates_dir()):
        for file in sorted(root.rglob("*")):
            if file.is_file() and file.suffix in {".py", ".j2", ".css", ".js", ".json", ".txt"} and "__pycache__" not in file.parts:
                digest.update(str(file.relative_to(root)).encode())
                digest.update(file.read_bytes())
    return digest.hexdigest()[:16]


def input_hash(path: Path, monitoring: str | None, options: SiteOptions) -> str:
    """A hash of the strategy's files, its monitoring files, its git history (when shown) and the options that change its pages."""
    digest = hashlib.sha256()
    folders = [path, Path(monitoring) if monitoring else path / "monitoring"]
    for folder in folders:
        if folder.is_dir():
            for file in _regular_yaml(folder):
                digest.update(file.name.encode())
                try:
                    digest.update(file.read_bytes())
                except OSError as exc:  # unreadable: rendered again next time, and the loader says why
                    digest.update(f"{exc.errno}:{os.urandom(8).hex()}".encode())
    digest.update(repr((options.today.year, options.synthetic, options.word, options.history, monitoring)).encode())
    if options.history:
        digest.update(_git_head(path).encode())
    return digest.hexdigest()[:24]


def _regular_yaml(folder: Path) -> list[Path]:
    """The ``*.yaml`` files of ``folder`` that are regular files, not links, FIFOs or devices: the only ones
    the site reads itself (for the hash and the zip), so it never blocks on a FIFO nor copies what a link points to."""
    import stat

    found = []
    try:
        candidates = sorted(folder.glob("*.yaml")) if folder.is_dir() else []
    except OSError:
        return []
    for file in candidates:
        try:
            if stat.S_ISREG(file.lstat().st_mode):
                found.append(file)
        except OSError:
            continue
    return found


def _git_head(path: Path) -> str:
    try:
        out = subprocess.run(["git", "log", "-1", "--format=%H", "--", "."], cwd=path, capture_output=True, text=True, timeout=30)
    except (OSError, subprocess.SubprocessError):
        return ""
    return out.stdout.strip() if out.returncode == 0 else ""


# --- building -------------------------------------------------------------------------


def build_site(paths: Sequence[str | Path], output: Path, options: SiteOptions | None = None) -> SiteResult:
    """Write the site for the strategies under ``paths`` into ``output``; reuse what ``manifest.json`` says is current."""
    options = options or SiteOptions()
    strategies, problems = discover(paths)
    if not strategies and problems:
        raise SiteError(f"{problems[0].path}: {problems[0].message}")
    if output.exists() and not output.is_dir():
        raise SiteError(f"{output}: not a directory")
    output.mkdir(parents=True, exist_ok=True)
    old = _read_manifest(output)
    jobs: list[tuple[str, str, str | None]] = []
    kept: dict[str, tuple[str, StrategySummary]] = {}
    for path in strategies:
        monitoring = options.monitoring.get(path.name)
        key = str(path)
        digest = input_hash(path, monitoring, options)
        previous = old.strategies.get(key) if old else None
        if previous and previous[0] == digest and _is_current(output, key, digest):
            kept[key] = previous
        else:
            jobs.append((key, digest, monitoring))
    done: dict[str, tuple[str, StrategySummary]] = dict(kept)
    for key, digest, result in _run(jobs, output, options):
        if isinstance(result, SiteProblem):
            problems.append(result)
        else:
            done[key] = (digest, result)
    order = [str(p) for p in strategies if str(p) in done]
    summaries = [done[key][1] for key in order]
    _check_unique(summaries)
    _remove_stale(output, old, done)
    write_common_pages(output, summaries, options, problems, records={done[key][1].id: record_file(output, key, done[key][0]) for key in order})
    manifest = Manifest(fingerprint=fingerprint(), strategies={key: done[key] for key in order})
    write_text_atomically(output / "manifest.json", manifest.model_dump_json(indent=1))
    _remove_unused_records(output, manifest)
    return SiteResult(strategies=summaries, problems=problems, rendered=len(done) - len(kept), reused=len(kept))


def _read_manifest(output: Path) -> Manifest | None:
    file = output / "manifest.json"
    if not file.is_file():
        return None
    try:
        manifest = Manifest.model_validate_json(file.read_text(encoding="utf-8"))
    except ValueError:
        return None
    return manifest if manifest.fingerprint == fingerprint() else None


def record_file(output: Path, key: str, digest: str) -> Path:
    """Where the record of the strategy at input path ``key`` rendered from input ``digest`` is.

    Named by both, so a strategy rendered again writes a new record beside the old one, whose
    list of files tells which of them the new rendering no longer writes."""
    return output / RECORDS / f"{hashlib.sha256(key.encode()).hexdigest()[:16]}-{digest}.json"


def read_record(output: Path, key: str, digest: str) -> StrategyRecord | None:
    """The record of ``key`` rendered from ``digest``; None when it is missing, unreadable or damaged."""
    try:
        record = StrategyRecord.model_validate_json(record_file(output, key, digest).read_bytes())
    except (OSError, ValueError):
        return None
    return record if (record.key, record.digest) == (key, digest) else None


def _is_current(output: Path, key: str, digest: str) -> bool:
    """Whether the pages of ``key`` rendered from ``digest`` can be reused: its record is sound and every file it names is there."""
    record = read_record(output, key, digest)
    return record is not None and all(os.path.isfile(os.path.join(output, f)) for f in record.files)  # not Path: it interns every part


def _check_unique(summaries: list[StrategySummary]) -> None:
    seen: dict[str, str] = {}
    for s in summaries:
        if s.id in seen:
            raise SiteError(f"{s.key}: strategy id {s.id!r} is also the id of {seen[s.id]}; a site needs one page per id")
        seen[s.id] = s.key


def _remove_stale(output: Path, old: Manifest | None, done: dict[str, tuple[str, StrategySummary]]) -> None:
    """Delete the files of strategies no longer built, and files a strategy no longer writes.

    One old record at a time: its files less those of the strategy that now has its id (its
    pages are in the same folders), whether under the same input path or another one.
    """
    if old is None:
        return
    now = {summary.id: (key, digest) for key, (digest, summary) in done.items()}
    for key, (digest, summary) in old.strategies.items():
        if key in done and done[key][0] == digest:
            continue  # the same record: reused, or rendered again from the same input
        record = read_record(output, key, digest)
        if record is None:
            continue
        successor = read_record(output, *now[summary.id]) if summary.id in now else None
        keep = set(successor.files) if successor else set()
        for name in record.files:
            if name not in keep:
                (output / name).unlink(missing_ok=True)
        record_file(output, key, digest).unlink(missing_ok=True)


def _remove_unused_records(output: Path, manifest: Manifest) -> None:
    """Delete the records the manifest does not name: left by an older build, a failed one or another version."""
    used = {record_file(output, key, digest).name for key, (digest, _) in manifest.strategies.items()}
    try:
        names = [f.name for f in (output / RECORDS).iterdir()]
    except OSError:
        return
    for name in names:
        if _RECORD_NAME.fullmatch(name) and name not in used:
            (output / RECORDS / name).unlink(missing_ok=True)


def _run(jobs: list[tuple[str, str, str | None]], output: Path, options: SiteOptions) -> Iterator[tuple[str, str, StrategySummary | SiteProblem]]:
    """Render each strategy, on up to ``options.jobs`` processes; at most two jobs per worker wait, so memory stays flat."""
    if options.jobs <= 1 or len(jobs) < 2:
        before = gc.get_threshold()
        _rendering_gc()
        try:
            for key, digest, monitoring in jobs:
                yield key, digest, render_strategy(Path(key), monitoring, output, options, digest)
        finally:
            gc.set_threshold(*before)
        return
    from concurrent.futures import Future, ProcessPoolExecutor

    workers = min(options.jobs, len(jobs))
    with ProcessPoolExecutor(max_workers=workers, initializer=_rendering_gc) as pool:
        pending: deque[tuple[str, str, Future[StrategySummary | SiteProblem]]] = deque()
        queued = iter(jobs)
        for key, digest, monitoring in queued:
            pending.append((key, digest, pool.submit(render_strategy, Path(key), monitoring, output, options, digest)))
            if len(pending) >= 2 * workers:
                break
        while pending:
            key, digest, future = pending.popleft()
            result = future.result()
            for next_key, next_digest, monitoring in queued:
                pending.append((next_key, next_digest, pool.submit(render_strategy, Path(next_key), monitoring, output, options, next_digest)))
                break
            yield key, digest, result


def _rendering_gc() -> None:
    """Collect cycles less often while rendering: a strategy's pages make and drop hundreds of thousands of
    objects, nearly all freed by their reference counts, and the default threshold (700) ran the collector
    thousands of times per strategy for about a twentieth of the CPU."""
    gc.set_threshold(10_000, 10, 10)


# --- pages ----------------------------------------------------------------------------


@dataclass(frozen=True)
class Page:
    """Where a page is, relative to the root of its language, and the links that depend on it."""

    rel: str
    lang: str

    @property
    def root(self) -> str:
        """From the page to the root of its language."""
        return "../" * self.rel.count("/")

    @property
    def site(self) -> str:
        """From the page to the root of the site (assets, downloads)."""
        return self.root + ("../" if self.lang == "en" else "")

    @property
    def switch(self) -> str:
        """The same page in the other language."""
        return self.site + ("en/" if self.lang == "bg" else "") + self.rel

    @property
    def path(self) -> str:
        """The file's path relative to the root of the site."""
        return ("en/" if self.lang == "en" else "") + self.rel


@cache
def environment() -> jinja2.Environment:
    import jinja2

    from socstrat.io.resources import templates_dir
    from socstrat.render.diff import headline_text, render_text
    from socstrat.render.text import grouped

    env = jinja2.Environment(
        loader=jinja2.FileSystemLoader(templates_dir() / "site"), autoescape=True, trim_blocks=True, lstrip_blocks=True,
        undefined=jinja2.StrictUndefined, auto_reload=False,  # the site's own templates: no file check for each of its pages
    )
    env.filters["num"] = lambda value, lang="bg", digits=None: "—" if value is None else grouped(value if digits is None else round(value, digits), lang)
    env.filters["pct"] = lambda value: "—" if value is None else f"{round(value * 100)}%"
    env.filters["headline"] = headline_text
    env.filters["difftext"] = lambda diff, lang: render_text(diff, lang)
    return env


def page_text(template: str, page: Page, **context: Any) -> str:
    from socstrat.i18n.catalog import labels_for

    return environment().get_template(template).render(p=page, t=labels_for(page.lang), lang=page.lang, **context)


def _write(file: str | Path, text: str | bytes) -> None:
    """Write a file of the site, making its folder only when it is missing (a site writes tens of thousands of files)."""
    data = text.encode("utf-8") if isinstance(text, str) else text
    try:
        with open(file, "wb") as out:
            out.write(data)
    except FileNotFoundError:
        os.makedirs(os.path.dirname(file), exist_ok=True)
        with open(file, "wb") as out:
            out.write(data)


def write_page(output: Path, template: str, page: Page, **context: Any) -> str:
    """Render ``template`` for ``page`` into the output; the file's path relative to the site's root."""
    _write(os.path.join(output, page.path), page_text(template, page, **context))
    return page.path


def bar_html(page: Page, labels: list[str], strategy: tuple[str, str] | None = None) -> str:
    """The site's bar put at the top of a standalone document (report, plan, monitoring report)."""
    return page_text("bar.html.j2", page, labels=labels, strategy=strategy)


def inject(document: str, bar: str) -> str:
    """A standalone HTML document with the site's bar after ``<body>`` and its style before ``</head>``."""
    head = document.find("</head>")
    document = document[:head] + _bar_style() + document[head:] if head >= 0 else document
    body = document.find("<body")
    end = document.find(">", body) + 1 if body >= 0 else 0
    skip = _SKIP_LINK.match(document, end)
    end = skip.end() if skip else end  # the document's skip link stays its first link
    return document[:end] + bar + document[end:]


_SKIP_LINK = re.compile(r"\s*<a class=\"skip\"[^>]*>.*?</a>", re.S)


@cache
def _bar_style() -> str:
    return page_text("bar-style.html.j2", Page("x", "bg"))


# --- one strategy ---------------------------------------------------------------------


def render_strategy(path: Path, monitoring: str | None, output: Path, options: SiteOptions, digest: str) -> StrategySummary | SiteProblem:
    """Open one strategy and write every page and download of it, in both languages, then its record; the summary is what the main process keeps."""
    from socstrat.api import open_strategy
    from socstrat.io.terminal import one_line

    opened = open_strategy(path, monitoring=monitoring)
    strategy = opened.strategy
    if strategy is None:
        first = opened.errors[0] if opened.errors else None
        message = f"{first.as_text()}" if first else "the strategy does not load"
        return SiteProblem(path=str(path), message=one_line(message))
    from socstrat.model.queries import indexed

    try:
        with indexed(strategy):  # one walk of the models answers every page's questions (indicators, owners)
            summary, record = _StrategyPages(path, opened, strategy, output, options).write()
        record.digest = digest
        write_text_atomically(record_file(output, str(path), digest), record.model_dump_json())
        return summary
    except OSError as exc:
        return SiteProblem(path=str(path), message=f"cannot write: {exc.strerror or exc} ({exc.filename or ''})")


class _StrategyPages:
    def __init__(self, path: Path, opened: Opened, strategy: Strategy, output: Path, options: SiteOptions) -> None:
        from socstrat.analysis.plan import compute_plan, plan_years
        from socstrat.analysis.progress import compute_progress

        self.path, self.opened, self.strategy, self.output, self.options = path, opened, strategy, output, options
        meta = strategy.strategy
        self.id = meta.id
        self.base = f"s/{self.id}/"
        self.files: list[str] = []
        self.plans: dict[int, Plan] = {y: compute_plan(strategy, y) for y in plan_years(strategy)}
        self.progress: dict[int, ProgressReport] = {y: compute_progress(strategy, y) for y in sorted(strategy.monitoring)}
        strategy_file = path / "strategy.yaml"
        head = ""
        if strategy_file in _regular_yaml(path):
            with open(strategy_file, encoding="utf-8", errors="replace") as file:
                head = file.read(400)
        self.synthetic = options.synthetic or SYNTHETIC_MARK in head
        self.illustrative = any(f.illustrative for f in strategy.monitoring.values())
        self.illustrative_notes = list(dict.fromkeys(f.illustrative_note for f in strategy.monitoring.values() if f.illustrative and f.illustrative_note))

    def labels(self, monitoring: bool) -> list[str]:
        """The banner keys of a page: synthetic always, illustrative where the page shows monitoring data."""
        keys = ["site.synthetic"] if self.synthetic else []
        return keys + (["site.illustrative"] if monitoring and self.illustrative else [])

    def write(self) -> tuple[StrategySummary, StrategyRecord]:
        """Every page and download; the summary and the record (without the input's hash, which the caller knows)."""
        from socstrat.analysis.site import completeness, services_by_kind
        from socstrat.render.report.context import report_deltas

        meta = self.strategy.strategy
        self.deltas = report_deltas(self.strategy)  # numbers and codes: one computation for both languages
        self.downloads = self._downloads()
        history = self._history() if self.options.history else None
        for lang in LANGS:
            self._pages(lang, history)
        last = max(self.progress) if self.progress else None
        reference = min(max(self.options.today.year, meta.period.start), meta.period.end)
        summary_search = self._search()
        from socstrat.analysis.compare import population_figures

        people = population_figures(self.strategy)
        population = people[0] if people else None
        summary = StrategySummary(
            id=self.id, key=self.path.name, title=meta.title, municipality=meta.municipality, region=meta.region,
            start=meta.period.start, end=meta.period.end, valid=self.opened.valid,
            errors=sum(1 for d in self.opened.report.diagnostics if d.severity == "error" and not d.acknowledged),
            first_error=self.opened.errors[0].as_text() if self.opened.errors else None,
            warnings=sum(1 for d in self.opened.report.diagnostics if d.severity == "warning" and not d.acknowledged),
            monitored=sorted(self.progress), completeness=completeness(self.progress[last]) if last else None,
            illustrative=self.illustrative, synthetic=self.synthetic,
            population=population.value if population else None, population_as_of=population.as_of if population else None,
        )
        kinds = services_by_kind(self.plans[reference], meta.region)
        return summary, StrategyRecord(key=str(self.path), digest="", kinds=kinds, search=summary_search, files=sorted(set(self.files)))

    def _search(self) -> list[SearchEntry]:
        from socstrat.model.queries import indicators, key_indicators

        meta = self.strategy.strategy
        where = f"{meta.municipality}, {meta.period.start}–{meta.period.end}"
        entries = [SearchEntry(kind="strategy", title=meta.title, sub=f"{meta.municipality} ({meta.region})", href=self.base + "index.html")]
        entries += [SearchEntry(kind="service", title=s.name, sub=where, href=f"{self.base}services/{s.id}.html") for s in self.strategy.services.services]
        known: dict[str, Indicator | KeyIndicator] = {**indicators(self.strategy), **key_indicators(self.strategy)}
        entries += [SearchEntry(kind="indicator", title=i.text, sub=where, href=f"{self.base}indicators/{i.id}.html") for i in known.values()]
        return entries

    # the documents, through the renderer registry

    def _pages(self, lang: str, history: list[HistoryEntry] | None) -> None:
        from socstrat.render import registry
        from socstrat.render.plan import PlanInput
        from socstrat.render.report.context import build_context
        from socstrat.render.report.formats import ReportInput
        from socstrat.render.report.monitoring import build_monitoring_context, render_monitoring

        meta = self.strategy.strategy
        crumb = (meta.municipality, "index.html")
        context = build_context(self.strategy, self.opened.report, lang=lang, generated=self.options.today, deltas=self.deltas)  # type: ignore[arg-type]
        page = Page(self.base + "report.html", lang)
        self._document(page, registry.render("report", "html", ReportInput(context), registry.Options(lang=lang)), self.labels(False), crumb)
        if self.options.word:
            self._download(f"{self.id}-report-{lang}.docx", registry.render("report", "docx", ReportInput(context), registry.Options(lang=lang)))
            self.downloads[lang].append(("site.download.docx", f"{self.id}-report-{lang}.docx", None))
        for year, plan in self.plans.items():
            page = Page(f"{self.base}plan-{year}.html", lang)
            self._document(page, registry.render("plan", "html", PlanInput(plan), registry.Options(lang=lang)), self.labels(False), crumb)
            if self.options.word:
                name = f"{self.id}-plan-{year}-{lang}.docx"
                self._download(name, registry.render("plan", "docx", PlanInput(plan), registry.Options(lang=lang)))
                self.downloads[lang].append(("site.download.plan_docx", name, year))
        for year, progress in self.progress.items():
            monitoring = build_monitoring_context(progress, self.opened.report, meta.title, lang, generated=self.options.today)  # type: ignore[arg-type]
            page = Page(f"{self.base}monitoring-{year}.html", lang)
            self._document(page, render_monitoring(monitoring, "html"), self.labels(True), crumb)
        self._site_pages(lang, history)

    def _document(self, page: Page, html: str, labels: list[str], crumb: tuple[str, str]) -> None:
        _write(os.path.join(self.output, page.path), inject(html, bar_html(page, labels, crumb)))
        self.files.append(page.path)

    def _download(self, name: str, data: bytes) -> None:
        path = f"files/{self.id}/{name}"
        _write(os.path.join(self.output, path), data)
        self.files.append(path)

    def _downloads(self) -> dict[str, list[tuple[str, str, int | None]]]:
        """The files to download: YAML as a zip, JSON, and per language XLSX and the CSV tables with their data package (zipped)."""
        from socstrat.render import registry

        written: dict[str, list[tuple[str, str, int | None]]] = {lang: [] for lang in LANGS}
        self._download(f"{self.id}-yaml.zip", zip_bytes(self._yaml_files()))
        for lang in LANGS:
            written[lang].append(("site.download.yaml", f"{self.id}-yaml.zip", None))
        if not self.opened.valid:
            return written  # an invalid strategy is not exported, as `socstrat export` refuses it
        self._download(f"{self.id}.json", registry.render("export", "json", self.strategy).encode("utf-8"))
        for lang in LANGS:
            options = registry.Options(lang=lang)
            self._download(f"{self.id}-{lang}.xlsx", registry.render("export", "xlsx", self.strategy, options))
            package = registry.render("export", "datapackage", self.strategy, options)
            self._download(
                f"{self.id}-datapackage-{lang}.zip",
                zip_bytes([(name, content if isinstance(content, bytes) else content.encode("utf-8")) for name, content in sorted(package.items())]),
            )
            written[lang] += [
                ("site.download.json", f"{self.id}.json", None),
                ("site.download.xlsx", f"{self.id}-{lang}.xlsx", None),
                ("site.download.datapackage", f"{self.id}-datapackage-{lang}.zip", None),
            ]
        return written

    def _yaml_files(self) -> list[tuple[str, bytes]]:
        folder = Path(self.options.monitoring.get(self.path.name) or self.path / "monitoring")
        files = []
        for prefix, file in [("", f) for f in _regular_yaml(self.path)] + [("monitoring/", f) for f in _regular_yaml(folder)]:
            try:
                files.append((prefix + file.name, file.read_bytes()))
            except OSError:
                continue  # the loader has said why it could not read it
        return files

    # the site's own pages of the strategy

    def _site_pages(self, lang: str, history: list[HistoryEntry] | None) -> None:
        from socstrat.model.queries import indicators, key_indicators

        strategy, progress = self.strategy, self.progress
        last = progress[max(progress)] if progress else None
        common = {"s": strategy.strategy, "sid": self.id, "summary_files": self.downloads[lang], "history": history}
        report = self.opened.report
        root = Path(report.path)
        files = {file: _relative(file, root) for file in {d.file for d in report.diagnostics}}  # a handful of files, ~170 findings
        findings = [
            SiteFinding(severity=d.severity, code=d.code, where=f"{files[d.file]}:{d.line}:{d.column}", message=d.text(lang), acknowledged=bool(d.acknowledged))
            for d in report.diagnostics
        ]
        known: dict[str, Indicator | KeyIndicator] = {**indicators(strategy), **key_indicators(strategy)}
        statuses = {i.id: i for i in last.indicators} if last else {}
        service_rows = {s.id: s for s in last.services} if last else {}
        self._page("strategy.html.j2", Page(self.base + "index.html", lang), True, **common, findings=findings, plans=list(self.plans),
                   monitored=list(progress), indicators=list(known.values()), statuses=statuses, services=strategy.services.services,
                   service_rows=service_rows, last=last, valid=self.opened.valid, notes=self.illustrative_notes)
        if last is not None:
            from socstrat.analysis.site import completeness

            done = [(y, completeness(p)) for y, p in progress.items()]
            self._page("progress.html.j2", Page(self.base + "progress.html", lang), True, **common, last=last, years=done, notes=self.illustrative_notes)
        if history is not None:
            self._page("history.html.j2", Page(self.base + "history.html", lang), False, **common, commits=history)
        for indicator in known.values():
            values = self.indicator_values.get(indicator.id, [])
            self._page("indicator.html.j2", Page(f"{self.base}indicators/{indicator.id}.html", lang), bool(values), **common,
                       indicator=indicator, values=values, state=statuses.get(indicator.id), chart=_chart(values), notes=self.illustrative_notes)
        for service in strategy.services.services:
            years = self.service_years[service.id]
            self._page("service.html.j2", Page(f"{self.base}services/{service.id}.html", lang), bool(self.progress), **common,
                       service=service, years=years, notes=self.illustrative_notes)

    def _page(self, template: str, page: Page, monitoring: bool, **context: Any) -> None:
        self.files.append(write_page(self.output, template, page, labels=self.labels(monitoring), crumb=(self.strategy.strategy.municipality, "index.html"), **context))

    @cached_property
    def indicator_values(self) -> dict[str, list[IndicatorValue]]:
        """Every reported value of each indicator, by year, as the monitoring files give it (the same in both languages)."""
        found: dict[str, list[IndicatorValue]] = {}
        for year, file in sorted(self.strategy.monitoring.items()):
            for report in file.indicators:
                found.setdefault(report.indicator, []).append(IndicatorValue(
                    year=year, value=report.value, unit=report.unit, source=report.source, date=report.date,
                    assessment=report.assessment, baseline=report.baseline, illustrative=file.illustrative,
                ))
        return found

    @cached_property
    def service_years(self) -> dict[str, list[ServiceYear]]:
        """Each service's planned places and staff in each year of the plan, and what monitoring reported (the same in both languages)."""
        from socstrat.render.text import capacity_cell

        planned = {year: {s.id: s for s in plan.services} for year, plan in self.plans.items()}
        actual = {year: {r.service: r for r in file.services} for year, file in self.strategy.monitoring.items()}
        return {
            service.id: [
                ServiceYear(
                    year=year, planned=planned[year].get(service.id),
                    printed=capacity_cell(service.capacity[year]) if year in service.capacity else None,
                    actual=actual[year].get(service.id) if year in actual else None, monitored=year in actual,
                )
                for year in self.plans
            ]
            for service in self.strategy.services.services
        }

    def _history(self) -> list[HistoryEntry] | None:
        """Each of the newest commits that changed the strategy, with its semantic diff against the commit before; None outside git."""
        from socstrat.analysis.diff import compare
        from socstrat.api import validated
        from socstrat.io.sources import SourceError, load_side

        try:
            top = subprocess.run(["git", "rev-parse", "--show-toplevel"], cwd=self.path, capture_output=True, text=True, timeout=30)
        except (OSError, subprocess.SubprocessError):
            return None
        if top.returncode != 0:
            return None
        repo = Path(top.stdout.strip())
        rel = self.path.resolve().relative_to(repo.resolve()).as_posix()
        log = subprocess.run(["git", "log", f"-{HISTORY_LIMIT + 1}", "--format=%H%x1f%as%x1f%s", "--", "."], cwd=self.path, capture_output=True, text=True)
        commits = [line.split("\x1f", 2) for line in log.stdout.splitlines() if line.count("\x1f") == 2]
        sides: dict[str, Strategy | None] = {}

        def side(rev: str) -> Strategy | None:
            if rev not in sides:
                try:
                    opened = validated(load_side(f"{rev}:{rel}", repo))
                    sides[rev] = opened.strategy if not opened.errors else None
                except SourceError:
                    sides[rev] = None
            return sides[rev]

        entries = []
        for index, (sha, day, subject) in enumerate(commits[:HISTORY_LIMIT]):
            parent = commits[index + 1][0] if index + 1 < len(commits) else None
            new, old = side(sha), side(parent) if parent else None
            diff = compare(old, new, parent[:10] if parent else "", sha[:10]) if old is not None and new is not None else None
            entries.append(HistoryEntry(sha=sha[:10], date=day, subject=subject, diff=diff, first=parent is None))
        return entries


def _relative(file: str, root: Path) -> str:
    path = Path(file)
    return path.relative_to(root).as_posix() if path.is_relative_to(root) else path.name


def _chart(values: list[IndicatorValue]) -> list[ChartBar] | None:
    """Bars of the numeric values by year, as shares of the largest, for an inline SVG; None without a number."""
    numbers = [(v.year, v.value) for v in values if v.value is not None]
    if len(numbers) < 1:
        return None
    top = max(abs(n) for _, n in numbers) or 1
    return [ChartBar(year=y, value=n, width=round(abs(n) / top * 100, 1)) for y, n in numbers]


# --- pages across strategies ----------------------------------------------------------


def write_common_pages(
    output: Path, summaries: list[StrategySummary], options: SiteOptions, problems: Sequence[SiteProblem] = (), *, records: Mapping[str, Path],
) -> None:
    """Home (with the paths that could not be published), coverage, services by kind and district, search, and the assets.

    ``records`` gives each strategy id's record, with its services by kind and its search entries.
    """
    from socstrat.analysis.site import Held, coverage, merge_kinds, per_capita, state_in_time

    synthetic = options.synthetic or any(s.synthetic for s in summaries)
    illustrative = any(s.illustrative for s in summaries)
    cover = coverage((s.municipality, s.region, Held(id=s.id, start=s.start, end=s.end)) for s in summaries)
    states = {s.id: state_in_time(s.start, s.end, options.today.year) for s in summaries}
    kinds = per_capita(merge_kinds(row for s in summaries for row in _record(s, records).kinds), ((s.region, s.population, s.population_as_of) for s in summaries))
    ordered = sorted(summaries, key=lambda s: (s.region, s.municipality, s.start, s.id))
    labels = (["site.synthetic"] if synthetic else []) + (["site.illustrative"] if illustrative else [])
    for lang in LANGS:
        common = {"labels": labels, "crumb": None, "summaries": ordered, "states": states, "cover": cover, "today": options.today}
        write_page(output, "home.html.j2", Page("index.html", lang), **common, problems=problems)
        write_page(output, "coverage.html.j2", Page("coverage.html", lang), **common)
        write_page(output, "services.html.j2", Page("services.html", lang), **(common | {"labels": labels[:1]}), kinds=kinds)
        write_page(output, "search.html.j2", Page("search.html", lang), **common)
    _write_search_index(output, ordered, records)
    from socstrat.io.resources import templates_dir

    for asset in ("site.css", "site.js"):
        shutil.copyfile(templates_dir() / "site" / asset, output / "assets" / asset)


def _write_search_index(output: Path, ordered: list[StrategySummary], records: Mapping[str, Path]) -> None:
    """``assets/search-{lang}.js``: every strategy's search entries, in the order of the home page, read one record at a time."""
    from contextlib import ExitStack

    (output / "assets").mkdir(parents=True, exist_ok=True)
    with ExitStack() as stack:
        streams = [stack.enter_context(open(output / "assets" / f"search-{lang}.js", "w", encoding="utf-8", newline="")) for lang in LANGS]
        for stream in streams:
            stream.write("window.SOCSTRAT_SEARCH = [")
        first = True
        for summary in ordered:
            for entry in _record(summary, records).search:
                text = ("" if first else ",") + json.dumps({"k": entry.kind, "t": entry.title, "s": entry.sub, "h": entry.href}, ensure_ascii=False, separators=(",", ":"))
                first = False
                for stream in streams:
                    stream.write(text)
        for stream in streams:
            stream.write("];\n")


def _record(summary: StrategySummary, records: Mapping[str, Path]) -> StrategyRecord:
    try:
        return StrategyRecord.model_validate_json(records[summary.id].read_bytes())
    except (KeyError, OSError, ValueError):
        raise SiteError(f"{summary.key}: the site's record of this strategy is missing or damaged; build the site again") from None
