"""Reports of the bundled strategies: content, structure, escaping, template overrides, CLI."""

from __future__ import annotations

import functools
import re
import shutil
from datetime import date
from pathlib import Path

import pytest
from markdown_it import MarkdownIt
from typer.testing import CliRunner

from conftest import DATA, FIXTURES, ROOT, bundled, make_report
from htmldom import Element, parse
from socstrat.analysis.deltas import DeltaReport, DeltasError, compute_deltas
from socstrat.cli import app
from socstrat.i18n.catalog import labels_for
from socstrat.model import Strategy
from socstrat.model.queries import iter_nodes
from socstrat.render.deltas import columns, group_name
from socstrat.render.deltas import title as delta_title
from socstrat.render.report.abbreviations import ABBREVIATIONS, TOKEN, unexplained, used_in
from socstrat.render.report.context import build_context
from socstrat.render.report.environment import render
from socstrat.render.report.views import SECTION_IDS

STRATEGIES = ["haskovo-2016-2020", "kazanlak-2007-2009"]
FORMATS = ["html", "md"]
LANGS = ["bg", "en"]
GENERATED = date(2026, 1, 2)
ALL = [(n, f, lang) for n in STRATEGIES for f in FORMATS for lang in LANGS]
markdown = MarkdownIt("commonmark", {"html": True}).enable("table")
runner = CliRunner()


@functools.cache
def strategy(name: str) -> Strategy:
    found = bundled(name).strategy
    assert found is not None
    return found


@functools.cache
def rendered(name: str, format: str, lang: str) -> str:
    opened = bundled(name)
    context = build_context(strategy(name), opened.report, lang=lang, generated=GENERATED)  # type: ignore[arg-type]
    return render(context, format)  # type: ignore[arg-type]


@functools.cache
def dom(name: str, format: str, lang: str) -> Element:
    text = rendered(name, format, lang)
    return parse(text if format == "html" else markdown.render(text))


def squash(text: str) -> str:
    return " ".join(text.split())


def visible_text(root: Element) -> str:
    return squash(root.text(skip=frozenset({"style", "script", "title", "head"})))


def level_name(s: Strategy, key: str, lang: str) -> str:
    level = next(lvl for lvl in s.strategy.levels if lvl.key == key)
    return (level.name_en or level.name) if lang == "en" else level.name


# --- content -------------------------------------------------------------------------


@pytest.mark.parametrize(("name", "format", "lang"), ALL)
def test_every_node_and_service_appears(name: str, format: str, lang: str) -> None:
    s = strategy(name)
    text = visible_text(dom(name, format, lang))
    for node in iter_nodes(s.framework.nodes):
        heading = " ".join(x for x in (level_name(s, node.level, lang), node.code, squash(node.title)) if x)
        assert heading in text, node.id
    for service in s.services.services:
        assert squash(service.name) in text, service.id


@pytest.mark.parametrize(("name", "lang"), [(n, lang) for n in STRATEGIES for lang in LANGS])
def test_html_tree_and_register_are_addressable(name: str, lang: str) -> None:
    s, root = strategy(name), dom(name, "html", lang)
    for node in iter_nodes(s.framework.nodes):
        element = root.by_id(f"node-{node.id}")
        assert element is not None, node.id
        codes = [e.text() for e in element.iter("span") if e.attrs.get("class") == "code"]
        assert codes[:1] == ([node.code] if node.code else []), node.id
    for service in s.services.services:
        row = root.by_id(f"service-{service.id}")
        assert row is not None and row.tag == "tr"
        assert squash(row.cells()[1]).startswith(squash(service.name))


def _count_levels(name: str) -> dict[str, int]:
    """Count nodes per level from the YAML text itself, independently of the models."""
    text = (DATA / name / "framework.yaml").read_text(encoding="utf-8")
    counts: dict[str, int] = {}
    for key in re.findall(r"^\s*level: (\w+)$", text, flags=re.M):
        counts[key] = counts.get(key, 0) + 1
    return counts


@pytest.mark.parametrize("name", STRATEGIES)
def test_summary_counts_each_level_and_the_services(name: str) -> None:
    s, root = strategy(name), dom(name, "html", "bg")
    summary = root.by_id("summary")
    assert summary is not None
    cards = {squash(c.text()) for c in summary.iter("p") if c.attrs.get("class") == "card"}
    services = (DATA / name / "services.yaml").read_text(encoding="utf-8").count("\n  - id: ")
    for key, n in _count_levels(name).items():
        assert f"{n}{level_name(s, key, 'bg')}" in cards
    assert f"{services}Услуги в регистъра" in cards


@pytest.mark.parametrize(("name", "format"), [(n, f) for n in STRATEGIES for f in FORMATS])
def test_title_block(name: str, format: str) -> None:
    s = strategy(name).strategy
    text = visible_text(dom(name, format, "en"))
    for fact in (s.title, s.municipality, s.region, f"{s.period.start}–{s.period.end}", s.source.title, "02.01.2026", "socstrat "):  # GENERATED, day first as the data dates are
        assert squash(fact) in text
    if s.adoption and s.adoption.decision:
        assert s.adoption.decision in text


def test_data_text_is_not_translated() -> None:
    text = visible_text(dom("kazanlak-2007-2009", "html", "en"))
    assert "Logical framework: intervention tree" in text
    assert "Повишаване квалификацията и мотивацията на персонала" in text


@pytest.mark.parametrize(("format", "lang"), [(f, lang) for f in FORMATS for lang in LANGS])
def test_links_the_text_does_not_make_are_shown_as_readings(format: str, lang: str) -> None:
    """Some links of the Haskovo tree are the transcription's reading (services_inferred, issue 27): l.326's centre
    "в сградата на ДМСГД", l.408's "ДСП", a bare "ЦОП"; the report says so beside each of them and nowhere else."""
    s = strategy("haskovo-2016-2020")
    marked = sum(len(n.services_inferred) for n in iter_nodes(s.framework.nodes))
    text = rendered("haskovo-2016-2020", format, lang)
    label = labels_for(lang)["services_inferred"]
    assert marked == 16 and text.count(f"({label})") == marked


# --- deltas --------------------------------------------------------------------------

DELTA_VIEWS = ["services", "staffing"]


def parse_number(text: str, lang: str) -> float | None:
    """A printed figure back as a number: Babel's minus, no-break spaces, decimal comma, percent."""
    text = re.sub(r"\s*\(.*\)$", "", text.strip())  # a sum's "(неизвестни 4 от 7)"
    text = re.sub(r"^≥ (.*), \d+ (н\.д\.|n/a)$", r"\1", text)  # a sum's known part: "≥ 953, 5 н.д."
    if text in ("", "н.д.", "n/a"):
        return None
    text = text.replace("\u2212", "-").replace("%", "").replace("\xa0", "").replace("\u202f", "")
    text = text.replace(" ", "").replace(",", ".") if lang == "bg" else text.replace(",", "")
    return float(text)


def assert_cells_match(cells: list[str], expected: dict, report: DeltaReport, lang: str, where: str, sum_line: bool = False) -> None:
    for (key, kind), cell in zip(columns(report), cells):
        if kind in ("text", "change") or key not in expected:
            continue
        value, shown = expected[key], parse_number(cell, lang)
        if value is None:
            assert shown is None, (where, key, cell)
        elif shown is None and sum_line:
            # a sum over mostly unknown figures is not shown as a number; it says how many are unknown
            assert (kind in ("number", "delta", "percent") and cell.strip() in ("н.д.", "n/a")) or "(" in cell, (where, key, cell, value)
        elif kind == "percent":
            assert shown is not None and abs(shown / 100 - value) <= 0.0005 + 1e-9, (where, key, cell, value)
        elif kind == "ratio":
            assert shown is not None and abs(shown - value) <= 0.005 + 1e-9, (where, key, cell, value)
        else:
            assert shown == value, (where, key, cell, value)


def delta_reports(name: str) -> list[DeltaReport]:
    found = []
    for view in DELTA_VIEWS:
        try:
            found.append(compute_deltas(strategy(name), view=view))
        except DeltasError:
            assert (name, view) == ("kazanlak-2007-2009", "staffing")
    return found


@pytest.mark.parametrize(("name", "lang"), [(n, lang) for n in STRATEGIES for lang in LANGS])
def test_html_deltas_equal_the_deltas_json(name: str, lang: str) -> None:
    root = dom(name, "html", lang)
    for report in delta_reports(name):
        data = report.model_dump(mode="json", by_alias=True)
        table = root.by_id(f"deltas-{report.view}-table")
        assert table is not None
        for row in data["rows"]:
            element = root.by_id(f"delta-{report.view}-{row['id']}")
            assert element is not None, row["id"]
            assert element.cells()[0] == squash(row["name"])
            assert_cells_match(element.cells(), row, report, lang, row["id"])
        subtotals = [tr for tr in table.iter("tr") if tr.attrs.get("class") == "total" and not tr.attrs.get("id")]
        assert len(subtotals) == len(data["groups"])
        for tr, group, model in zip(subtotals, data["groups"], report.groups):
            assert group_name(report, model, lang) in tr.cells()[0]
            assert_cells_match(tr.cells(), group, report, lang, group["key"], sum_line=True)
        total = root.by_id(f"delta-{report.view}-total")
        assert total is not None
        assert_cells_match(total.cells(), data["total"], report, lang, "total", sum_line=True)


@pytest.mark.parametrize(("name", "lang"), [(n, lang) for n in STRATEGIES for lang in LANGS])
def test_markdown_deltas_equal_the_deltas_json(name: str, lang: str) -> None:
    root = dom(name, "md", lang)
    reports = delta_reports(name)
    title = squash(strategy(name).strategy.title)
    folded = [d for d in root.iter("details") if squash(next(d.iter("summary")).text()).startswith(f"{title}: ")]
    assert len(folded) == len(reports)
    for report, details in zip(reports, folded):
        data = report.model_dump(mode="json", by_alias=True)
        assert squash(next(details.iter("summary")).text()).startswith(delta_title(report, lang).replace(name, title, 1))
        (table,) = details.iter("table")
        lines = {tr.cells()[0]: tr.cells() for tr in table.iter("tr")}
        for row in data["rows"]:
            assert_cells_match(lines[squash(row["name"])], row, report, lang, row["id"])
        for group, model in zip(data["groups"], report.groups):
            (cells,) = [c for first, c in lines.items() if first.endswith(f" – {group_name(report, model, lang)}")]
            assert_cells_match(cells, group, report, lang, group["key"], sum_line=True)
        last = list(table.iter("tr"))[-1].cells()
        assert_cells_match(last, data["total"], report, lang, "total", sum_line=True)


@pytest.mark.parametrize("lang", LANGS)
def test_summary_shows_the_deltas_totals(lang: str) -> None:
    services, staffing = delta_reports("haskovo-2016-2020")
    root = dom("haskovo-2016-2020", "html", lang)
    summary = root.by_id("summary")
    assert summary is not None
    values = [squash(dd.text()) for dd in summary.iter("dd")]
    for total, what in ((services.total, "capacity"), (staffing.total, "staff")):
        before, after, delta = (getattr(total, f"{what}_{end}") for end in ("from", "to", "delta"))
        pattern = re.compile(r"^(.+?) \(2015\) → (.+?) \(2020\) \(([^;() ]+)")  # then its relative change, what it leaves out
        assert any(
            (m := pattern.match(v)) and [parse_number(x, lang) for x in m.groups()] == [before, after, delta] for v in values
        ), (what, values)


def test_years_the_data_lacks_are_a_usage_error() -> None:
    result = runner.invoke(app, ["report", str(DATA / "kazanlak-2007-2009"), "--from", "2008"])
    assert result.exit_code == 2
    assert "2008" in result.output and "2007" in result.output


@pytest.mark.parametrize("format", FORMATS)
def test_one_bulgarian_word_for_the_transformed_class(format: str) -> None:
    """Haskovo has two transformed services (ДМСГД, Наблюдавано жилище): their status in the
    register and their change class in both deltas views are the same word, six times; the
    seventh is the L002 finding about ДМСГД ("трансформирана услуга не посочва …"), told in Bulgarian."""
    text = rendered("haskovo-2016-2020", format, "bg")
    words = re.findall(r"(?i)\bтрансформиран[аио]?\b|\bпреобразуван\w*", text)
    assert words == ["трансформирана"] * 7


def test_each_deltas_view_is_computed_once(monkeypatch: pytest.MonkeyPatch) -> None:
    from socstrat.render.report import context

    calls: list[str] = []

    def counting(strategy: Strategy, **options):
        calls.append(options["view"])
        return compute_deltas(strategy, **options)

    monkeypatch.setattr(context, "compute_deltas", counting)
    assert make_report(DATA / "haskovo-2016-2020", format="md", generated=GENERATED).text is not None
    assert sorted(calls) == sorted(DELTA_VIEWS)


def test_years_one_view_lacks_leave_a_note() -> None:
    text = make_report(DATA / "haskovo-2016-2020", format="md", lang="en", from_year=2016).text
    assert text is not None
    assert "Хасково (2016 – 2020 г.): capacity and staff, 2016 → 2020" in text  # the caption names the strategy by its title
    assert "No figures to compare: no figures for 2016 (years with figures: 2015, 2020)" in text


# --- structure -----------------------------------------------------------------------


@pytest.mark.parametrize(("name", "lang"), [(n, lang) for n in STRATEGIES for lang in LANGS])
def test_html_is_accessible_and_self_contained(name: str, lang: str) -> None:
    text, root = rendered(name, "html", lang), dom(name, "html", lang)
    (html,) = root.iter("html")
    assert html.attrs["lang"] == lang
    levels = [int(e.tag[1]) for e in root.iter() if re.fullmatch(r"h[1-6]", e.tag)]
    assert levels[0] == 1 and levels.count(1) == 1
    assert all(b <= a + 1 for a, b in zip(levels, levels[1:])), "a heading level is skipped"
    for table in root.iter("table"):
        assert any(c.tag == "caption" for c in table.children if isinstance(c, Element))
        for th in table.iter("th"):
            in_head = any(a.tag == "thead" for a in th.ancestors())
            assert th.attrs.get("scope") in ({"col"} if in_head else {"row", "rowgroup"})
    ids = [e.attrs["id"] for e in root.iter() if e.attrs.get("id")]
    assert len(ids) == len(set(ids)), "duplicate ids"
    for a in root.iter("a"):
        href = a.attrs.get("href") or ""
        assert href.startswith("#"), href
        assert root.by_id(href[1:]) is not None, href
    assert not list(root.iter("link")) and not list(root.iter("img")) and not list(root.iter("iframe"))
    assert not re.search(r"""(src|href)\s*=\s*["']?(https?:)?//""", text)
    assert "@import" not in text and "url(" not in text


@pytest.mark.parametrize(("name", "format"), [(n, f) for n in STRATEGIES for f in FORMATS])
def test_parts_come_in_order_and_the_contents_link_to_them(name: str, format: str) -> None:
    root = dom(name, format, "bg")
    if format == "html":
        anchors = [e.attrs["id"] for e in root.iter("section")]
        (nav,) = root.iter("nav")
        links = [a.attrs["href"] for a in nav.iter("a")]
    else:
        anchors = [a.attrs["id"] for a in root.iter("a") if a.attrs.get("id")]
        links = [a.attrs["href"] for a in root.iter("a") if a.attrs.get("href", "").startswith("#")]
    assert anchors == list(SECTION_IDS)
    assert links == [f"#{sid}" for sid in SECTION_IDS]


@pytest.mark.parametrize(("name", "lang"), [(n, lang) for n in STRATEGIES for lang in LANGS])
def test_markdown_tables_keep_their_columns(name: str, lang: str) -> None:
    source = rendered(name, "md", lang)
    header = None
    for line in source.splitlines():
        if not line.startswith("|"):
            header = None
            continue
        cells = line.count("|")
        if header is None:
            header = cells
        assert cells == header, line[:120]
    assert "<script" not in source


# --- abbreviations -------------------------------------------------------------------


@pytest.mark.parametrize(("name", "format", "lang"), ALL)
def test_glossary_explains_every_abbreviation_used(name: str, format: str, lang: str) -> None:
    root = dom(name, format, lang)
    glossary = root.by_id("glossary") if format == "html" else None
    text = visible_text(root)
    heading = "Речник на съкращенията" if lang == "bg" else "Glossary of abbreviations"
    body = text.rsplit(heading, 1)[0]
    assert unexplained([body]) == set()
    used = {a.short for a in used_in([body])}
    assert used, "the bundled strategies use abbreviations"
    if glossary is not None:
        listed = {dt.text() for dt in glossary.iter("dt")}
    else:
        last_table = list(root.iter("table"))[-1]
        listed = {row.cells()[0] for row in last_table.iter("tr") if any(c.tag == "td" for c in row.iter("td"))}
    assert used <= listed


@pytest.mark.parametrize("lang", LANGS)
def test_every_abbreviation_in_html_text_is_marked(lang: str) -> None:
    root = dom("haskovo-2016-2020", "html", lang)
    spellings = {s for a in ABBREVIATIONS for s in a.spellings}
    glossary = root.by_id("glossary")
    skip = frozenset({"style", "script", "head", "svg", "abbr", "code"})
    for text, parent in root.texts(skip):
        if parent is glossary or glossary in parent.ancestors():
            continue
        unmarked = [t for t in TOKEN.findall(text) if t in spellings]
        assert unmarked == [], (unmarked, text[:100])
    marked = sum(1 for _ in root.iter("abbr"))
    assert marked > 100


# --- escaping ------------------------------------------------------------------------

SCRIPT = "<script>alert(1)</script>"


@pytest.fixture
def hostile(tmp_path: Path) -> Path:
    """A copy of Kazanlak with a script and a table pipe in data fields the report shows."""
    target = tmp_path / "hostile"
    shutil.copytree(DATA / "kazanlak-2007-2009", target)
    services = target / "services.yaml"
    text = services.read_text(encoding="utf-8")
    name = "Дом за възрастни с деменция “Димитър Папазов” - Казанлък"
    assert text.count(f"name: {name}\n") == 1
    services.write_text(text.replace(f"name: {name}\n", f"name: '{SCRIPT} | {name}'\n"), encoding="utf-8")
    strategy_yaml = target / "strategy.yaml"
    text = strategy_yaml.read_text(encoding="utf-8")
    strategy_yaml.write_text(text.replace("municipality: Казанлък", f"municipality: '{SCRIPT} Казанлък'"), encoding="utf-8")
    return target


def test_script_in_data_is_escaped_in_html(hostile: Path) -> None:
    text = make_report(hostile, format="html").text
    assert text is not None
    assert SCRIPT not in text
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in text
    root = parse(text)
    assert [s.text() for s in root.iter("script") if "alert" in s.text()] == []
    assert f"{SCRIPT} | Дом за възрастни с деменция" in visible_text(root)


def test_script_in_data_is_harmless_in_markdown(hostile: Path) -> None:
    text = make_report(hostile, format="md").text
    assert text is not None
    assert "<script" not in text
    root = parse(markdown.render(text))
    assert list(root.iter("script")) == []
    assert f"{SCRIPT} | Дом за възрастни с деменция" in visible_text(root)
    row = next(r for table in root.iter("table") for r in table.iter("tr") if "alert(1)" in r.text())
    header = next(iter(row.parent.parent.iter("tr")))
    assert len(row.cells()) == len(header.cells())


# --- templates -----------------------------------------------------------------------


def test_a_template_directory_overrides_by_name(tmp_path: Path) -> None:
    (tmp_path / "md").mkdir()
    (tmp_path / "md" / "glossary.md.j2").write_text("Our own glossary for {{ r.head.municipality }}.\n", encoding="utf-8")
    text = make_report(DATA / "kazanlak-2007-2009", format="md", templates=tmp_path).text
    assert text is not None
    assert "Our own glossary for Казанлък." in text
    assert "| ЦОП |" not in text
    assert "## Регистър на услугите" in text


def test_a_broken_template_is_reported_with_its_line(tmp_path: Path) -> None:
    (tmp_path / "md").mkdir()
    (tmp_path / "md" / "glossary.md.j2").write_text("fine\n{% if %}\n", encoding="utf-8")
    result = runner.invoke(app, ["report", str(DATA / "kazanlak-2007-2009"), "-f", "md", "--templates", str(tmp_path)])
    assert result.exit_code == 2
    assert f"{tmp_path / 'md' / 'glossary.md.j2'}:2:" in result.output


@pytest.mark.parametrize(
    ("template", "args"),
    [
        ("plan.html.j2", ["plan", str(DATA / "haskovo-2016-2020"), "--year", "2017", "-f", "html"]),
        ("monitoring.md.j2", ["report", str(DATA / "haskovo-2016-2020"), "--monitoring", str(ROOT / "examples" / "haskovo-monitoring"), "--year", "2018", "-f", "md"]),
        ("summary.md.j2", ["report", str(DATA / "kazanlak-2007-2009"), "--summary"]),
    ],
    ids=["plan", "monitoring", "summary"],
)
def test_every_templated_output_reports_a_broken_template_with_its_line(tmp_path: Path, template: str, args: list[str]) -> None:
    """The plan, the monitoring report and the summary go through the same template rendering as the report."""
    (tmp_path / template).write_text("fine\n\n{% for %}\n", encoding="utf-8")
    result = runner.invoke(app, [*args, "--templates", str(tmp_path), "-o", str(tmp_path / "out")])
    assert result.exit_code == 2, result.output
    assert f"{tmp_path / template}:3:" in result.output
    assert not (tmp_path / "out").exists()


# --- command line --------------------------------------------------------------------


def test_report_command_writes_the_file(tmp_path: Path) -> None:
    out = tmp_path / "reports" / "kazanlak.html"
    result = runner.invoke(app, ["report", str(DATA / "kazanlak-2007-2009"), "-o", str(out), "--lang", "en"])
    assert result.exit_code == 0, result.output
    assert result.stderr == f"socstrat report: wrote {out}\n" and result.stdout == ""
    assert out.read_text(encoding="utf-8").startswith("<!DOCTYPE html>\n<html lang=\"en\">")
    assert [p.name for p in out.parent.iterdir()] == ["kazanlak.html"]
    assert out.stat().st_mode & 0o777 == 0o644


def test_report_command_prints_markdown() -> None:
    result = runner.invoke(app, ["report", str(DATA / "kazanlak-2007-2009"), "--format", "md"])
    assert result.exit_code == 0
    assert result.output.startswith("# СТРАТЕГИЯ ЗА РАЗВИТИЕ НА СОЦИАЛНИ УСЛУГИ В ОБЩИНА КАЗАНЛЪК /2007-2009 г./")


def test_report_of_a_strategy_that_does_not_load(strategy_dir, tmp_path: Path) -> None:
    out = tmp_path / "r.html"
    result = runner.invoke(app, ["report", str(strategy_dir("wrong-type")), "-o", str(out)])
    assert result.exit_code == 1
    assert "S101" in result.output
    assert not out.exists()


def test_report_to_an_unwritable_place_exits_2(tmp_path: Path) -> None:
    blocker = tmp_path / "file"
    blocker.write_text("", encoding="utf-8")
    result = runner.invoke(app, ["report", "--lang", "en", str(DATA / "kazanlak-2007-2009"), "-o", str(blocker / "r.html")])
    assert result.exit_code == 2
    assert f"{blocker / 'r.html'}: cannot write: Not a directory" in result.output


@pytest.mark.parametrize("args", [["no/such/dir"], ["data/kazanlak-2007-2009", "--templates", "no/such/dir"], ["data/kazanlak-2007-2009", "-f", "pdf"]])
def test_report_usage_errors_exit_2(args: list[str]) -> None:
    result = runner.invoke(app, ["report", *args])
    assert result.exit_code == 2


def test_report_help() -> None:
    result = runner.invoke(app, ["report", "--help"])
    assert result.exit_code == 0
    for option in ("--format", "--output", "--lang", "--templates", "--from", "--to"):
        assert option in result.output


def test_every_label_a_template_names_exists_in_both_languages() -> None:
    """StrictUndefined catches a missing label only on the branch that renders it; this reads them all."""
    names: set[str] = set()
    for template in (ROOT / "templates").rglob("*.j2"):
        text = template.read_text(encoding="utf-8")
        names |= set(re.findall(r"\bt\.(\w+)", text)) | set(re.findall(r"""\bt\["([\w.-]+)"\]""", text))
        for prefix in re.findall(r"""\bt\["(\w+_)" ~""", text):
            assert any(key.startswith(prefix) for key in labels_for("bg")), prefix
    assert len(names) > 50
    for lang in LANGS:
        assert names - set(labels_for(lang)) == set()


def test_report_of_a_strategy_with_errors_is_written_and_exits_1(strategy_dir, tmp_path: Path) -> None:
    path = strategy_dir(FIXTURES / "rules" / "R001" / "fail")
    out = tmp_path / "r.html"
    result = runner.invoke(app, ["report", str(path), "-o", str(out)])
    assert result.exit_code == 1
    assert "R001" in result.output and "НЕВАЛИДНА" in result.output  # the report's language, Bulgarian by default
    root = parse(out.read_text(encoding="utf-8"))
    findings = root.by_id("findings")
    assert findings is not None
    assert "R001" in visible_text(findings)
    assert "НЕВАЛИДНА — грешки: 1" in visible_text(root.by_id("summary"))


def test_findings_are_told_in_the_report_language() -> None:
    """Haskovo's X001 for the dementia ЦНСТ (staffing table 14, register 30 in 2020) reads in Bulgarian in the bg report;
    the service is named by its register number and name (services.yaml: code "23"), not by its id 'cnst-dementia'."""
    bg, en = visible_text(dom("haskovo-2016-2020", "html", "bg")), visible_text(dom("haskovo-2016-2020", "html", "en"))
    name = "№ 23 Центъра за настаняване от семеен тип за възрастни хора с психични разстройства или деменция – 2 бр"
    assert f"капацитетът на '{name}' през 2020 е 14 в таблицата за персонала, а 30 в регистъра на услугите" in bg
    assert f"capacity of '{name}' in 2020 is 14 in the staffing table but 30 in the service register" in en
    assert "in the staffing table" not in bg


def test_a_running_header_is_a_css_string_that_data_cannot_end() -> None:
    from socstrat.render.report.environment import css_string

    assert css_string("Хасково: план – 2017 г.") == '"Хасково: план – 2017 г."'
    hostile = css_string('x"; } </style><script>alert(1)</script>')
    assert hostile.count('"') == 2 and "<" not in hostile and "}" not in hostile
