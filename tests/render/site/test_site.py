"""``socstrat site`` over the two bundled strategies and the illustrative monitoring set."""

from __future__ import annotations

import re
import shutil
import zipfile
from datetime import date
from pathlib import Path

import pytest
from site_links import broken_links, built_site, parse

from conftest import DATA, ROOT
from socstrat.render.site.builder import SiteOptions, build_site, discover

MONITORING = {"haskovo-2016-2020": str(ROOT / "examples" / "haskovo-monitoring")}
TODAY = date(2019, 6, 1)


@pytest.fixture(scope="module")
def site() -> Path:
    return built_site()


def pages(root: Path) -> list[Path]:
    return sorted(root.rglob("*.html"))


def text(file: Path) -> str:
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", file.read_text(encoding="utf-8")))


def test_every_internal_link_resolves_and_none_leaves_the_site(site: Path) -> None:
    assert len(pages(site)) > 300
    assert broken_links(site) == []
    for asset in (site / "assets").iterdir():
        body = asset.read_text(encoding="utf-8")
        assert "http://" not in body and "https://" not in body and "url(" not in body, asset.name


def test_every_page_has_a_language_switch_to_the_same_page_in_the_other_language(site: Path) -> None:
    for page in pages(site):
        parsed = parse(page)
        lang = parsed.lang
        assert lang in ("bg", "en"), page
        switch = re.search(r'href="([^"]+)" hreflang="(bg|en)"', page.read_text(encoding="utf-8"))
        assert switch, page
        target = (page.parent / switch.group(1)).resolve()
        assert switch.group(2) != lang and parse(target).lang == switch.group(2), page
        assert target.relative_to(site.resolve() / "en" if lang == "bg" else site.resolve()) == page.resolve().relative_to(
            site.resolve() if lang == "bg" else site.resolve() / "en"
        )


def test_home_lists_each_strategy_with_its_state_last_year_and_coverage(site: Path) -> None:
    home = text(site / "index.html")
    assert "Хасково илюстративен мониторинг Хасково 2016–2020 в сила 2018" in home  # examples report 2016–2018; 2019 is in 2016–2020
    assert "Казанлък Стара Загора 2007–2009 изтекла няма" in home  # no monitoring files, ended before 2019
    assert "общини с поне една стратегия: 2 от 265" in home
    assert len(re.findall(r'href="coverage.html#[A-Z]{3}"', (site / "index.html").read_text(encoding="utf-8"))) == 28
    english = text(site / "en" / "index.html")
    assert "Kazanlak" not in english and "Казанлък" in english  # the data's own text is not translated
    assert "ended" in english and "in force" in english


def test_coverage_names_the_municipalities_that_have_a_strategy_and_its_period(site: Path) -> None:
    html = (site / "coverage.html").read_text(encoding="utf-8")
    assert html.count('<tr class="has">') == 2
    assert html.count('<tr class="none">') == 263
    row = re.search(r'<tr class="has"><th scope="row">Казанлък</th><td>SZR12</td>\s*<td><a href="s/kazanlak-2007-2009/index.html">2007–2009</a>', html)
    assert row, "Казанлък's row links its strategy"


def test_illustrative_monitoring_is_labelled_on_every_page_that_shows_it(site: Path) -> None:
    banner = "ИЛЮСТРАТИВНИ ДАННИ"
    haskovo = site / "s" / "haskovo-2016-2020"
    for page in [haskovo / "index.html", haskovo / "progress.html", *haskovo.glob("monitoring-*.html"), *(haskovo / "services").glob("*.html")]:
        assert banner in page.read_text(encoding="utf-8"), page
    assert "ILLUSTRATIVE DATA" in (site / "en" / "s" / "haskovo-2016-2020" / "progress.html").read_text(encoding="utf-8")
    for page in (site / "s" / "kazanlak-2007-2009").rglob("*.html"):
        assert banner not in page.read_text(encoding="utf-8"), page
    assert not any("СИНТЕТИЧНИ" in p.read_text(encoding="utf-8") for p in pages(site))


def test_indicator_page_shows_text_target_values_with_source_and_status(site: Path) -> None:
    page = text(site / "s" / "haskovo-2016-2020" / "indicators" / "ki-c1.html")
    assert "Осигурена подкрепа за поне 30% от уязвимите семейства и деца в община Хасково;" in page
    assert "Целева стойност поне 30%" in page
    # examples/haskovo-monitoring: 2017 and 2018 report 17 % and 21 %, from "Данни на ОЗД и ДСП (илюстративно)"
    assert "2017 17 % 2017-12-31 Данни на ОЗД и ДСП (илюстративно)" in page
    assert "2018 21 % 2018-12-31 Данни на ОЗД и ДСП (илюстративно)" in page
    assert "Как е изчислен статусът" in page


def test_service_page_keeps_unknown_apart_from_zero(site: Path) -> None:
    page = text(site / "s" / "haskovo-2016-2020" / "services" / "foster-care.html")
    # examples/haskovo-monitoring/2016.yaml: foster-care places 48, users 52, staff 6
    assert re.search(r"2016 .*? 48 6 52", page)
    assert "няма мониторинг за годината" in page  # 2019 and 2020 are not monitored: said so, not 0


def test_services_by_kind_and_district_keep_unknowns_and_name_the_population(site: Path) -> None:
    page = text(site / "services.html")
    # data/haskovo-2016-2020/context.yaml: "Населението на общината към 31.12.2014 г. наброява 95950 жители"
    assert page.count("95 950 (31.12.2014)") >= 1
    assert "неизвестни:" in page  # МД and '-' cells are counted apart, not summed as 0
    assert "н.д. (неизвестни места)" in page


def test_downloads_hold_the_yaml_the_tables_and_the_word_report(site: Path) -> None:
    files = site / "files" / "haskovo-2016-2020"
    with zipfile.ZipFile(files / "haskovo-2016-2020-yaml.zip") as archive:
        names = archive.namelist()
        assert archive.read("strategy.yaml") == (DATA / "haskovo-2016-2020" / "strategy.yaml").read_bytes()
    assert "monitoring/2018.yaml" in names
    for name in ("haskovo-2016-2020-bg.xlsx", "haskovo-2016-2020-en.xlsx", "haskovo-2016-2020-datapackage-bg.zip",
                 "haskovo-2016-2020-report-bg.docx", "haskovo-2016-2020-plan-2017-en.docx", "haskovo-2016-2020.json"):
        assert (files / name).stat().st_size > 0, name
    assert "Годишен план за 2017 г. в Word (.docx)" in text(site / "s" / "haskovo-2016-2020" / "index.html")
    assert "Annual plan 2017 as Word (.docx)" in text(site / "en" / "s" / "haskovo-2016-2020" / "index.html")


def test_history_shows_the_commits_that_changed_the_data(site: Path) -> None:
    history = site / "s" / "haskovo-2016-2020" / "history.html"
    if not history.exists():
        pytest.skip("the checkout is not a git repository")
    html = history.read_text(encoding="utf-8")
    assert html.count('<section class="commit"') >= 1


def test_a_rebuild_renders_only_the_strategy_that_changed(tmp_path: Path) -> None:
    for name in ("haskovo-2016-2020", "kazanlak-2007-2009"):
        shutil.copytree(DATA / name, tmp_path / "data" / name)
    out = tmp_path / "site"
    options = SiteOptions(today=TODAY, jobs=1, word=False, history=False)
    first = build_site([tmp_path / "data"], out, options)
    assert (first.rendered, first.reused) == (2, 0)
    common = {name: (out / name).read_bytes() for name in ("index.html", "coverage.html", "services.html", "assets/search-bg.js")}
    again = build_site([tmp_path / "data"], out, options)
    assert (again.rendered, again.reused) == (0, 2)
    assert {name: (out / name).read_bytes() for name in common} == common  # from the records, as from the rendering
    strategy = tmp_path / "data" / "kazanlak-2007-2009" / "strategy.yaml"
    strategy.write_text(strategy.read_text(encoding="utf-8") + "# changed\n", encoding="utf-8")
    before = (out / "s" / "haskovo-2016-2020" / "index.html").stat().st_mtime_ns
    changed = build_site([tmp_path / "data"], out, options)
    assert (changed.rendered, changed.reused) == (1, 1)
    assert (out / "s" / "haskovo-2016-2020" / "index.html").stat().st_mtime_ns == before
    shutil.rmtree(tmp_path / "data" / "kazanlak-2007-2009")
    fewer = build_site([tmp_path / "data"], out, options)
    assert [s.id for s in fewer.strategies] == ["haskovo-2016-2020"]
    assert not (out / "s" / "kazanlak-2007-2009" / "index.html").exists()
    assert "kazanlak" not in (out / "index.html").read_text(encoding="utf-8")


def test_synthetic_strategies_are_labelled_on_every_page(tmp_path: Path) -> None:
    shutil.copytree(DATA / "kazanlak-2007-2009", tmp_path / "data" / "k")
    strategy = tmp_path / "data" / "k" / "strategy.yaml"
    strategy.write_text("# SYNTHETIC DATA, NOT A REAL STRATEGY: a test\n" + strategy.read_text(encoding="utf-8"), encoding="utf-8")
    out = tmp_path / "site"
    build_site([tmp_path / "data"], out, SiteOptions(today=TODAY, word=False, history=False))
    for page in pages(out):
        body = page.read_text(encoding="utf-8")
        assert "СИНТЕТИЧНИ ДАННИ" in body or "SYNTHETIC DATA" in body, page


def test_a_strategy_with_errors_is_published_with_its_findings_and_one_that_does_not_load_is_named(tmp_path: Path) -> None:
    from conftest import FIXTURES

    for code in ("R002", "S001"):  # R002: a reference to nothing (an error); S001: a YAML syntax error
        shutil.copytree(FIXTURES / "minimal", tmp_path / "data" / code)
        for file in (FIXTURES / "rules" / code / "fail").iterdir():
            shutil.copy(file, tmp_path / "data" / code / file.name)
    out = tmp_path / "site"
    result = build_site([tmp_path / "data"], out, SiteOptions(today=TODAY, word=False, history=False))
    assert [s.valid for s in result.strategies] == [False]
    assert [(Path(p.path).name, "S001" in p.message) for p in result.problems] == [("S001", True)]
    home = text(out / "index.html")
    assert "Непубликувани: данните не се зареждат" in home and "S001 YAML" in home
    page = text(out / "s" / "minimal" / "index.html")
    assert "има грешки" in page and "грешка R002" in page
    assert sorted(f.name for f in (out / "files" / "minimal").iterdir()) == ["minimal-yaml.zip"]  # not exported, as export refuses it
    assert 'href="../../files/minimal/minimal-yaml.zip"' in (out / "s" / "minimal" / "index.html").read_text(encoding="utf-8")
    assert broken_links(out) == []


def test_discover_finds_strategies_in_folders_and_names_what_is_not_one(tmp_path: Path) -> None:
    found, problems = discover([DATA, tmp_path, tmp_path / "missing"])
    assert [p.name for p in found] == ["haskovo-2016-2020", "kazanlak-2007-2009"]
    assert [(Path(p.path).name, p.message) for p in problems] == [
        (tmp_path.name, "no strategy.yaml in this folder or below it"), ("missing", "no such directory"),
    ]


def test_the_command_says_what_it_cannot_use_in_one_line(tmp_path: Path) -> None:
    import os
    import subprocess
    import sys

    env = {**os.environ, "PYTHONPATH": str(ROOT / "src")}
    run = subprocess.run([sys.executable, "-m", "socstrat", "site", str(tmp_path / "missing"), "-o", str(tmp_path / "out")],
                         capture_output=True, text=True, env=env, cwd=ROOT)
    assert run.returncode == 2
    assert run.stderr.strip().splitlines() == [f"socstrat site: {tmp_path / 'missing'}: no such directory"]
    run = subprocess.run([sys.executable, "-m", "socstrat", "site", str(DATA), "--monitoring", "nothing", "-o", str(tmp_path / "out")],
                         capture_output=True, text=True, env=env, cwd=ROOT)
    assert run.returncode == 2 and "give NAME=DIR" in run.stderr and "Traceback" not in run.stderr


def _records(out: Path) -> list[Path]:
    return sorted((out / ".socstrat").glob("*.json"))


def test_the_search_index_lists_each_strategy_then_its_services_and_indicators_in_the_home_pages_order(site: Path) -> None:
    import json

    for lang in ("bg", "en"):
        body = (site / "assets" / f"search-{lang}.js").read_text(encoding="utf-8")
        assert body.startswith("window.SOCSTRAT_SEARCH = [") and body.endswith("];\n")
        index = json.loads(body.removeprefix("window.SOCSTRAT_SEARCH = ").removesuffix(";\n"))
        root = site / ("en" if lang == "en" else "")
        assert all((root / e["h"]).is_file() for e in index)
        # as the home page: by district, then municipality (Стара Загора before Хасково)
        assert [e["h"] for e in index if e["k"] == "strategy"] == ["s/kazanlak-2007-2009/index.html", "s/haskovo-2016-2020/index.html"]
        haskovo = [e for e in index if e["h"].startswith("s/haskovo-2016-2020/")]
        assert haskovo[0]["k"] == "strategy" and [e["k"] for e in haskovo[1:]] == sorted((e["k"] for e in haskovo[1:]), reverse=True)
        assert {"services/foster-care.html", "indicators/ki-c1.html"} <= {e["h"].removeprefix("s/haskovo-2016-2020/") for e in haskovo}
    assert (site / "assets" / "search-bg.js").read_bytes() == (site / "assets" / "search-en.js").read_bytes()


def test_a_strategy_whose_record_is_missing_or_damaged_is_rendered_again(tmp_path: Path) -> None:
    shutil.copytree(DATA / "kazanlak-2007-2009", tmp_path / "data" / "kazanlak-2007-2009")
    out = tmp_path / "site"
    options = SiteOptions(today=TODAY, jobs=1, word=False, history=False)
    build_site([tmp_path / "data"], out, options)
    search = (out / "assets" / "search-bg.js").read_bytes()
    [record] = _records(out)
    record.unlink()
    again = build_site([tmp_path / "data"], out, options)
    assert (again.rendered, again.reused) == (1, 0) and _records(out) == [record]
    for damage in ("{", '{"key": "elsewhere", "digest": "x", "search": [], "files": []}', ""):
        record.write_text(damage, encoding="utf-8")
        again = build_site([tmp_path / "data"], out, options)
        assert (again.rendered, again.reused) == (1, 0), damage
    assert (out / "assets" / "search-bg.js").read_bytes() == search
    assert build_site([tmp_path / "data"], out, options).reused == 1
    (out / "manifest.json").write_text("[", encoding="utf-8")
    assert build_site([tmp_path / "data"], out, options).rendered == 1


def test_a_new_version_renders_everything_again_and_leaves_one_record_per_strategy(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from socstrat.render.site import builder

    shutil.copytree(DATA / "kazanlak-2007-2009", tmp_path / "data" / "kazanlak-2007-2009")
    out = tmp_path / "site"
    options = SiteOptions(today=TODAY, jobs=1, word=False, history=False)
    build_site([tmp_path / "data"], out, options)
    (out / ".socstrat" / f"{'0' * 16}-{'0' * 24}.json").write_text("{}", encoding="utf-8")  # left by a build that failed
    monkeypatch.setattr(builder, "fingerprint", lambda: "another version")
    again = build_site([tmp_path / "data"], out, options)
    assert (again.rendered, again.reused) == (1, 0)
    assert len(_records(out)) == 1


def test_a_dropped_strategy_loses_its_files_and_record_and_a_strategy_loses_the_files_it_no_longer_writes(tmp_path: Path) -> None:
    for name in ("haskovo-2016-2020", "kazanlak-2007-2009"):
        shutil.copytree(DATA / name, tmp_path / "data" / name)
    out = tmp_path / "site"
    monitored = SiteOptions(today=TODAY, jobs=1, word=False, history=False, monitoring=MONITORING)
    build_site([tmp_path / "data"], out, monitored)
    assert len(_records(out)) == 2
    haskovo = out / "s" / "haskovo-2016-2020"
    assert (haskovo / "monitoring-2016.html").is_file() and (haskovo / "progress.html").is_file()
    kazanlak = sorted(f.relative_to(out) for f in out.rglob("*") if f.is_file() and "kazanlak" in f.as_posix())
    assert kazanlak and all((out / f).is_file() for f in kazanlak)
    shutil.rmtree(tmp_path / "data" / "kazanlak-2007-2009")
    plain = SiteOptions(today=TODAY, jobs=1, word=False, history=False)
    result = build_site([tmp_path / "data"], out, plain)  # haskovo without its monitoring files: no monitoring page any more
    assert (result.rendered, result.reused) == (1, 0)
    assert not any((out / f).exists() for f in kazanlak)
    assert not (haskovo / "monitoring-2016.html").exists() and not (haskovo / "progress.html").exists()
    assert (haskovo / "index.html").is_file() and (haskovo / "plan-2017.html").is_file()
    assert len(_records(out)) == 1
    assert broken_links(out) == []


def test_a_strategy_moved_to_another_folder_keeps_its_pages(tmp_path: Path) -> None:
    shutil.copytree(DATA / "kazanlak-2007-2009", tmp_path / "a" / "kazanlak-2007-2009")
    out = tmp_path / "site"
    options = SiteOptions(today=TODAY, jobs=1, word=False, history=False)
    build_site([tmp_path / "a"], out, options)
    shutil.move(tmp_path / "a", tmp_path / "b")
    moved = build_site([tmp_path / "b"], out, options)  # the old path is gone and the new one has the same id: its pages stay
    assert (moved.rendered, moved.reused) == (1, 0)
    assert (out / "s" / "kazanlak-2007-2009" / "index.html").is_file()
    assert len(_records(out)) == 1
    assert broken_links(out) == []
