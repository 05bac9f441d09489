"""The strategy report as a laid-out :class:`~socstrat.render.document.Document`, for Word.

Built from the same :class:`ReportContext` as the HTML and Markdown reports, part by part in
the order of :data:`~socstrat.render.report.views.SECTION_IDS`: each part has one builder in
:data:`SECTIONS`, registered with :func:`section` under its id, so a part added to the report
without a Word builder fails :func:`report_document` (and a test) instead of being silently left out.
Every number is the context's. Wide tables (the service register, the capacity changes, the
logframe matrix) get landscape pages.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping

from socstrat.i18n.catalog import labels_for
from socstrat.render.document import Block, Document, DocumentHeading, DocumentTable, Paragraph
from socstrat.render.report.views import SECTION_IDS, MatrixRow, ReportContext, TreeNode
from socstrat.render.text import format_number, grouped, human_date

Labels = Mapping[str, str]
SectionBuilder = Callable[[ReportContext, Labels], list[Block]]
SECTIONS: dict[str, SectionBuilder] = {}
"""The Word builder of each report part, by its id in ``SECTION_IDS``: the blocks under the part's heading."""


def section(sid: str) -> Callable[[SectionBuilder], SectionBuilder]:
    """Register the Word builder of the report part ``sid``, which must be one of ``SECTION_IDS``."""
    if sid not in SECTION_IDS:
        raise ValueError(f"{sid!r} is not a report section (SECTION_IDS)")

    def register(builder: SectionBuilder) -> SectionBuilder:
        SECTIONS[sid] = builder
        return builder

    return register


def report_document(r: ReportContext) -> Document:
    """Each part of ``r.sections`` (``SECTION_IDS``, in order) as a numbered heading and its builder's blocks."""
    t = labels_for(r.lang)
    head = r.head
    blocks: list[Block] = []
    for part in r.sections:
        blocks.append(DocumentHeading(1, part.title, id=part.id))
        blocks += SECTIONS[part.id](r, t)
    subtitle = [f"{t['municipality']} {head.municipality}, {t['region']} {head.region}", f"{t['period']}: {head.period.start}–{head.period.end}"]
    subtitle.append(f"{t['generated_by']} socstrat {head.version}, {human_date(head.generated, r.lang)}")
    return Document(
        title=head.title, subtitle=subtitle, lang=r.lang, blocks=blocks,
        contents_label=t["contents"], page_label=t["plan.page"], toc_hint=t["plan.toc_hint"],
        running_header=f"{head.municipality}: {head.title}, {head.period.start}–{head.period.end}",
    )


@section("summary")
def _summary(r: ReportContext, t: Labels) -> list[Block]:
    s = r.summary
    rows = [[level.name, format_number(level.count, r.lang)] for level in s.levels]
    rows += [[t["indicators"], format_number(s.indicators, r.lang)], [t["services_in_register"], format_number(s.services, r.lang)]]
    rows += [[h.label, h.value + (f" ({h.change})" if h.change else "")] for h in s.headlines]
    v = s.validation
    rows.append([t["validation_status"], f"{t['valid'] if v.valid else t['invalid']} — {t['errors']}: {v.errors}, {t['warnings']}: {v.warnings}, {t['infos']}: {v.infos}"])
    return [DocumentTable(headers=[t["figure"], t["value"]], rows=rows, numeric=[False, True], id="summary-table")]


@section("context")
def _context(r: ReportContext, t: Labels) -> list[Block]:
    blocks: list[Block] = []
    for group in r.context_figures:
        if group.title:
            blocks.append(DocumentHeading(2, f"{group.code} {group.title}" if group.code else group.title, numbered=not group.code))
        blocks.append(DocumentTable(
            headers=[t["figure"], t["value"], t["unit"], t["as_of"]],
            rows=[[("  " * row.depth) + row.figure.label, "" if row.figure.value is None else grouped(row.figure.value, r.lang, row.figure.kind),
                   row.figure.unit or "", row.figure.as_of or ""] for row in group.rows],
            numeric=[False, True, False, False],
        ))
    return blocks


@section("vision")
def _vision(r: ReportContext, t: Labels) -> list[Block]:
    return [*(Paragraph(p) for p in r.vision), *(Paragraph(x, "bullet") for x in [*r.values, *r.principles])]


@section("target-groups")
def _target_groups(r: ReportContext, t: Labels) -> list[Block]:
    blocks: list[Block] = [Paragraph(g, "bullet") for g in r.target_groups.priority]
    for name, services in r.target_groups.in_register:
        blocks.append(Paragraph(f"{name}: {', '.join(x.name for x in services)}", "bullet"))
    return blocks


def _tree(node: TreeNode, depth: int, out: list[Block]) -> None:
    title = f"{node.code} {node.title}" if node.code else node.title
    if depth == 0:
        out.append(DocumentHeading(2, title, id=node.id, numbered=not node.code))
    else:
        out.append(Paragraph(("    " * (depth - 1)) + title, "bullet"))
    for indicator in node.indicators:
        target = f" ({indicator.target})" if indicator.target else ""
        out.append(Paragraph(("    " * depth) + f"→ {indicator.text}{target}", "note"))
    for child in node.children:
        _tree(child, depth + 1, out)


@section("framework")
def _framework(r: ReportContext, t: Labels) -> list[Block]:
    blocks: list[Block] = []
    for node in r.tree:
        _tree(node, 0, blocks)
    return blocks


@section("logframe")
def _logframe(r: ReportContext, t: Labels) -> list[Block]:
    blocks: list[Block] = []
    if r.matrix:
        if r.logframe_vision:
            blocks.append(Paragraph(f"{t['vision']}: {r.logframe_vision}"))

        def indicators(m: MatrixRow) -> str:
            parts = []
            for name, items in ((t["impact_indicators"], m.impact), (t["direct_results"], m.results), (t["effect_indicators"], m.effect)):
                if items:
                    parts.append(f"{name}:")
                    parts += [f"– {i.text}" + (f" ({t['target']}: {i.target})" if i.target else "") for i in items]
            return "\n".join(parts)

        def objective(m: MatrixRow) -> str:
            lines = [f"{m.objective.code or ''} {m.objective.title}".strip()]
            named = [f"– {x.code or ''} {x.title}".replace("–  ", "– ") for x in m.measures] + [f"– {x}" for x in m.means]
            return "\n".join(lines + ([f"{t['measures_named']}:", *named] if named else []))

        blocks.append(DocumentTable(
            headers=[t["objective"], t["indicators"], t["verification_sources"], t["verification_period"]],
            rows=[[objective(m), indicators(m), "\n".join(m.sources), m.period or ""] for m in r.matrix],
            caption=t["logframe_caption"], wide=True, id="logframe-table",
        ))
    for mon in r.monitoring:
        blocks.append(Paragraph(f"{mon.code or ''} {mon.title}".strip()))
        blocks += [Paragraph(x, "bullet") for x in mon.indicators]
    return blocks


@section("key-indicators")
def _key_indicators(r: ReportContext, t: Labels) -> list[Block]:
    return [DocumentTable(headers=[t["indicators"], t["value"]], rows=[[k.text, k.target or ""] for k in r.key_indicators])]


@section("services")
def _services(r: ReportContext, t: Labels) -> list[Block]:
    table = r.services
    headers = [t["code"], t["service"], t["category"]]
    headers += [f"{t['capacity']} {y}" for y in table.capacity_years] + [f"{t['users']} {y}" for y in table.users_years]
    headers += [f"{t['staff']} {y}" for y in table.staff_years] + [t["status"], t["target_groups"], t["financing_provider"]]
    numeric = [False] * 3 + [True] * (len(headers) - 6) + [False] * 3
    return [DocumentTable(
        headers=headers, numeric=numeric, wide=True, id="register",
        rows=[
            [row.code or "", row.name, row.category, *row.capacity, *row.users, *row.staff,
             "\n".join(x for x in (row.status, row.status_text) if x), "\n".join(row.target_groups),
             "\n".join([", ".join(row.financing), row.provider or ""]).strip()]
            for row in table.rows
        ],
    )]


@section("deltas")
def _deltas(r: ReportContext, t: Labels) -> list[Block]:
    blocks: list[Block] = []
    for view in r.deltas:
        blocks.append(DocumentHeading(2, view.title))
        if view.table is None:
            blocks.append(Paragraph(f"{t['deltas_unavailable']}: {view.unavailable}", "note"))
            continue
        tb = view.table
        rows: list[list[str]] = []
        strong: set[int] = set()
        for group in tb.sections:
            strong.add(len(rows))
            rows.append([group.group] + [""] * (len(tb.headers) - 1))
            for line in group.lines:
                if line.level != "row":
                    strong.add(len(rows))
                rows.append(line.cells)
        strong.add(len(rows))
        rows.append(tb.total.cells)
        blocks.append(DocumentTable(headers=tb.headers, rows=rows, caption=tb.title, numeric=tb.numeric, wide=True, strong_rows=strong))
        blocks.append(Paragraph(tb.share))
        blocks += [Paragraph(n, "note") for n in tb.notes]
    return blocks


@section("stages")
def _stages(r: ReportContext, t: Labels) -> list[Block]:
    if not r.timeline.stages:
        return [Paragraph(t["no_stages"], "note")]
    return [DocumentTable(
        headers=[t["stage"], t["period"], t["activities"], t["responsible"]],
        rows=[[x.stage.name or "…", "\n".join(filter(None, (x.stage.period, x.stage.period_part))), "\n".join(x.stage.activities), "\n".join(x.stage.responsible)] for x in r.timeline.stages],
    )]


@section("findings")
def _findings(r: ReportContext, t: Labels) -> list[Block]:
    if not r.findings:
        return [Paragraph(t["none_stated"], "note")]
    return [DocumentTable(
        headers=[t["severity"], t["rule"], t["concerns"], t["message"], t["location"]],
        rows=[[t[f"severity.{f.severity}"], f.code, f.subject or "", f.message, f.where] for f in r.findings],
        wide=True, id="findings-table",
    )]


@section("glossary")
def _glossary(r: ReportContext, t: Labels) -> list[Block]:
    return [DocumentTable(headers=[t["abbreviation"], t["expansion"]], rows=[[g.short, g.expansion + (f" — {g.meaning}" if g.meaning else "")] for g in r.glossary])]
