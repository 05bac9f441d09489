"""Cross-table agreement: one fact stated in two places of the document must say the same."""

from __future__ import annotations

import re
from collections.abc import Iterator

from socstrat.i18n.catalog import term
from socstrat.lint.registry import Finding, rule
from socstrat.lint.rules.numbering import last_number, level_term
from socstrat.lint.texts import number
from socstrat.model import Figure, StatedCount, Strategy
from socstrat.model.queries import index_of
from socstrat.model.values import capacity_number, capacity_numbers


@rule("X001", "staffing-vs-register", "warning",
      "The staffing table and the service register give different capacities for the same service and year.")
def check_staffing_vs_register(strategy: Strategy) -> Iterator[Finding]:
    """The two tables are the document's own statement of the same plan; an analyst needs to know which figure to trust."""
    table = strategy.staffing
    if table is None:
        return
    services = {s.id: s for s in strategy.services.services}
    for group in table.groups:
        for row in group.rows:
            service = services.get(row.service or "")
            if service is None:
                continue
            for year, phase in table.column_years().items():
                stated = getattr(row, phase).capacity
                if not isinstance(stated, int) or year not in service.capacity:
                    continue
                register = capacity_number(service.capacity[year])
                if register is not None and stated not in capacity_numbers(service.capacity[year]):
                    yield Finding(code="X001", entity=row.id, loc=(phase, "capacity"), message="X001",
                                  args={"service": service.id, "year": year, "stated": stated, "register": register})


def _stated_capacities(strategy: Strategy) -> Iterator[tuple[Figure, str]]:
    for service in strategy.services.services:
        for figure in service.stated:
            yield figure, service.id
    for figure in index_of(strategy).figures:
        if figure.service:
            yield figure, figure.service


@rule("X002", "text-vs-register", "warning",
      "A capacity stated in text (activity, status, description) matches none of the register's figures for that service.")
def check_text_vs_register(strategy: Strategy) -> Iterator[Finding]:
    """Narrative text and tables are written separately and drift apart; the disagreement is shown with both numbers."""
    services = {s.id: s for s in strategy.services.services}
    seen: set[str] = set()
    for figure, service_id in _stated_capacities(strategy):
        if figure.id in seen or figure.kind != "capacity" or figure.value is None:
            continue
        seen.add(figure.id)
        service = services.get(figure.service or service_id)
        if service is None or not service.capacity:
            continue
        known: set[int] = set()
        for value in service.capacity.values():
            known |= capacity_numbers(value)
        if known and figure.value not in known:
            stated = ", ".join(f"{y}: {capacity_number(v)}" for y, v in service.capacity.items() if capacity_number(v) is not None)
            yield Finding(code="X002", entity=figure.id, loc=("value",), message="X002",
                          args={"value": number(figure.value), "service": service.id, "register": stated})


@rule("X003", "stated-count", "warning", "A count stated in text does not match the list it introduces.")
def check_stated_counts(strategy: Strategy) -> Iterator[Finding]:
    """'11 clubs' followed by twelve names means one of the two is wrong."""
    for stated in index_of(strategy).models:
        if isinstance(stated, StatedCount) and stated.count != len(stated.items):
            yield Finding(code="X003", entity=stated.id, loc=("count",), message="X003",
                          args={"count": stated.count, "listed": len(stated.items)})


@rule("X004", "indicator-target", "warning", "The same indicator is stated in two places with different targets.")
def check_indicator_targets(strategy: Strategy) -> Iterator[Finding]:
    """Key indicators are repeated in the logical framework; different targets make success impossible to judge."""
    found = index_of(strategy).indicators
    stated: dict[str, tuple[str | None, str]] = {k.id: (k.target, "key_indicator") for k in strategy.strategy.key_indicators}
    stated |= {ident: (indicator.target, "indicator") for ident, indicator in found.items()}
    for indicator in found.values():
        if indicator.same_as not in stated:
            continue
        target, kind = stated[indicator.same_as]
        if indicator.target and target and _norm(indicator.target) != _norm(target):
            yield Finding(code="X004", entity=indicator.id, loc=("target",), message=f"X004.{kind}",
                          args={"target": indicator.target, "other_target": target, "other": indicator.same_as})


@rule("X005", "monitoring-misaligned", "warning", "A monitoring item's number differs from the number of the objective it measures.")
def check_monitoring_alignment(strategy: Strategy) -> Iterator[Finding]:
    """Monitoring lists are read side by side with the objectives; a shifted number sends the reader to the wrong objective."""
    nodes = index_of(strategy).nodes_by_id
    for group in strategy.implementation.monitoring_indicators:
        node = nodes.get(group.objective or "")
        if node is None or group.code is None or node.code is None:
            continue
        if last_number(group.code) != last_number(node.code):
            yield Finding(code="X005", entity=group.id, loc=("code",), message="X005",
                          args={"code": group.code, "level": level_term(strategy, node.level), "node_code": node.code, "node": node.id})


@rule("X006", "same-fact-differs", "warning",
      "Two figures that state the same fact (linked by same_as) give different values or qualifiers.")
def check_same_facts(strategy: Strategy) -> Iterator[Finding]:
    """A year or number repeated in another section drifts when only one place is edited
    ('през 2016' in §4.1, 'за 2017' in §5.2); the plan needs one answer."""
    figures = {figure.id: figure for figure in index_of(strategy).figures}
    for figure in figures.values():
        other = figures.get(figure.same_as or "")
        if other is None:
            continue
        if (figure.value, _norm(figure.qualifier or "")) != (other.value, _norm(other.qualifier or "")):
            yield Finding(code="X006", entity=figure.id, loc=("value",), message="X006",
                          args={"label": figure.label, "here": _stated(figure), "there": _stated(other),
                                "other": other.id, "src": other.src})


def _stated(figure: Figure) -> str:
    value = "—" if figure.value is None else number(figure.value)
    return f"'{figure.qualifier} {value}'" if figure.qualifier else value


def _norm(text: str) -> str:
    return re.sub(r"\s+", "", text)


def _words(text: str) -> list[str]:
    return re.findall(r"\w+", text.lower())


def _changed_words(here: str, there: str) -> tuple[str, str]:
    """The words in which two wordings differ, each side joined, for the message."""
    import difflib

    a, b = _words(here), _words(there)
    mine: list[str] = []
    theirs: list[str] = []
    for op, i1, i2, j1, j2 in difflib.SequenceMatcher(a=a, b=b, autojunk=False).get_opcodes():
        if op != "equal":
            mine += a[i1:i2]
            theirs += b[j1:j2]
    return " ".join(mine) or "—", " ".join(theirs) or "—"


@rule("X007", "logframe-objective-wording", "warning",
      "A logframe row prints its objective in other words than the framework node it is linked to.")
def check_logframe_objective_text(strategy: Strategy) -> Iterator[Finding]:
    """The matrix restates every objective; when the restatement changes words ('изведени от семейна среда'
    against 'изведени в семейна среда') the two places can mean different things, and the reader must
    know which one the strategy adopted. Only the words count: spacing, case and punctuation do not."""
    if strategy.logframe is None:
        return
    nodes = index_of(strategy).nodes_by_id
    for row in strategy.logframe.rows:
        node = nodes.get(row.objective)
        if node is None or row.objective_text is None:
            continue
        if _words(row.objective_text) != _words(node.title):
            here, there = _changed_words(row.objective_text, node.title)
            yield Finding(code="X007", entity=row.id, loc=("objective_text",), message="X007",
                          args={"here": here, "there": there, "node": node.id})


@rule("X008", "logframe-heading-scope", "warning",
      "A logframe row stands under a sub-table heading that names a framework node its objective does not belong to.")
def check_logframe_heading_scope(strategy: Strategy) -> Iterator[Finding]:
    """A heading of the matrix tells the reader which part of the intervention the rows below it measure.
    When the heading gives the title of one node (general objective 1) and a row measures an objective of
    another (general objective 2), the matrix is mislabelled and the row is read under the wrong objective.
    A heading whose text is no node's title is not checked."""
    if strategy.logframe is None:
        return
    from socstrat.model.queries import iter_nodes

    titled: dict[str, list[str]] = {}
    below: dict[str, set[str]] = {}
    for node in iter_nodes(strategy.framework.nodes):
        titled.setdefault(_norm_words(node.title), []).append(node.id)
        below[node.id] = {n.id for n in iter_nodes([node])}
    for row in strategy.logframe.rows:
        if not row.heading:
            continue
        text = row.heading.split(":", 1)[1] if ":" in row.heading else row.heading
        named = titled.get(_norm_words(text)) or titled.get(_norm_words(row.heading)) or []
        if named and not any(row.objective in below[n] for n in named):
            yield Finding(code="X008", entity=row.id, loc=("heading",), message="X008",
                          args={"objective": row.objective, "node": named[0]})


def _norm_words(text: str) -> str:
    return " ".join(_words(text))


_BODY = (r"(?<!\w)(звено(?:то)?|комисия(?:та)?|комитет(?:а|ът)?|работна група|работната група|съвет(?:а|ът)?|екип(?:а|ът)?)"
         r"\s+за\s+мониторинг")
_ABBREVIATION = r"\s*[(/]\s*([А-ЯA-Z]{2,6})\s*[)/]"
_BODY_NAME = re.compile(_BODY, re.IGNORECASE)
_BODY_DEFINED = re.compile(_BODY + r"(?:\s+и\s+оценка)?" + _ABBREVIATION, re.IGNORECASE)


def _body_noun(word: str) -> str:
    """The head noun of a body's name without the Bulgarian definite article: 'Комисията' → 'комисия'."""
    word = word.lower()
    for article in ("ната", "та", "то", "ът", "а"):
        if word.endswith(article) and word[: -len(article)] in {"комисия", "звено", "комитет", "съвет", "екип", "работна група"}:
            return word[: -len(article)]
    return {"работната група": "работна група"}.get(word, word)


@rule("X009", "monitoring-body-names", "warning",
      "The text gives the monitoring of the strategy to a body with another name than the commission it sets up.")
def check_monitoring_body(strategy: Strategy) -> Iterator[Finding]:
    """A strategy sets up one body to monitor it (the commission of ``implementation.yaml``). When measures,
    the logical framework or the stages table give the same work to a differently named body ('Звено за
    мониторинг и оценка /ЗМО/' where the commission is 'комисия за мониторинг и оценка (КМО)'), a reader
    cannot tell who is created, who reports, or whether there are two bodies. Names are compared by their
    head noun (звено, комисия, съвет, …); abbreviations count where the text defines them next to the name.
    One finding per other body, at the first place that names it."""
    from socstrat.lint.texts import texts

    commission = strategy.implementation.commission
    if commission is None:
        return
    own = _BODY_NAME.match(commission.name)
    if own is None:
        return
    own_noun = _body_noun(own.group(1))
    own_abbr = re.search(_ABBREVIATION, commission.name)
    found = list(texts(strategy))
    # Every name of a body ends in 'за мониторинг': only texts that say it can name one.
    naming = {i for i, (_, text, _) in enumerate(found) if "мониторинг" in text.lower()}
    abbreviations: dict[str, str] = {}
    if own_abbr:
        abbreviations[own_abbr.group(1)] = own_noun
    for i in sorted(naming):
        for match in _BODY_DEFINED.finditer(found[i][1]):
            abbreviations.setdefault(match.group(2), _body_noun(match.group(1)))
    places: dict[str, list[tuple[str, tuple[int | str, ...], str]]] = {}
    named = re.compile(r"(?<!\w)(" + "|".join(map(re.escape, abbreviations)) + r")(?!\w)") if abbreviations else None
    for i, (ident, text, loc) in enumerate(found):
        nouns: dict[str, str] = {}
        if named is not None and any(abbr in text for abbr in abbreviations):
            for abbr in dict.fromkeys(m.group(1) for m in named.finditer(text)):
                nouns[abbreviations[abbr]] = abbr
        for match in _BODY_NAME.finditer(text) if i in naming else ():
            nouns[_body_noun(match.group(1))] = match.group(0)
        for noun, name in nouns.items():
            if noun != own_noun:
                places.setdefault(noun, []).append((ident, loc, name))
    for where in places.values():
        ident, loc, name = where[0]
        yield Finding(code="X009", entity=ident, loc=loc, message="X009",
                      args={"name": name, "count": len({w[0] for w in where}), "commission": commission.name})


@rule("X010", "inventory-not-in-register", "warning",
      "An item of a list of services in operation names a service that the service register does not hold.")
def check_inventory_in_register(strategy: Strategy) -> Iterator[Finding]:
    """The register is where each existing service is kept, reformed or closed. A service the analysis says
    functions ('функционират следните услуги: … „Домашен санитар“') but the register leaves out gets no
    decision at all. Checked for the blocks whose items are mapped to the register (``item_services``)."""
    from socstrat.model import TextBlock

    for block in index_of(strategy).models:
        if not isinstance(block, TextBlock) or not block.item_services:
            continue
        mapped = {link.item: link.services for link in block.item_services}
        for position, text in enumerate(block.items, 1):
            if not mapped.get(position):
                yield Finding(code="X010", entity=block.id, loc=("items", position - 1), message="X010",
                              args={"item": text})


@rule("X011", "indicator-of-another-objective", "warning",
      "A logframe indicator names services that belong to a sibling objective, none to the objective of its row.")
def check_indicator_objective(strategy: Strategy) -> Iterator[Finding]:
    """Each row of the matrix measures one objective. An indicator about services that only a sibling
    objective plans (social enterprises in the row of home care, home care in the row of social
    enterprises) measures the other objective: the cells are swapped or misplaced. Only indicators that
    name their services (``services``) are checked."""
    from socstrat.model.queries import iter_nodes

    if strategy.logframe is None:
        return
    parent: dict[str, str | None] = {}
    subtree: dict[str, set[str]] = {}
    for node in iter_nodes(strategy.framework.nodes):
        for child in node.children:
            parent[child.id] = node.id
        subtree[node.id] = {service for n in iter_nodes([node]) for service in n.services}
    children: dict[str | None, list[str]] = {}
    for node in iter_nodes(strategy.framework.nodes):
        children.setdefault(parent.get(node.id), []).append(node.id)
    for row in strategy.logframe.rows:
        if row.objective not in subtree:
            continue
        siblings = [n for n in children.get(parent.get(row.objective), []) if n != row.objective]
        for indicator in row.impact_indicators + row.direct_results + row.effect_indicators:
            named = set(indicator.services)
            if not named or named & subtree[row.objective]:
                continue
            other = next((n for n in siblings if named & subtree[n]), None)
            if other is not None:
                yield Finding(code="X011", entity=indicator.id, loc=("services",), message="X011",
                              args={"services": ", ".join(sorted(named)), "objective": row.objective, "other": other})


KEEP = re.compile(
    r"(?<!\w)(?:запазване\s+(?:на\s+)?наличния\s+обем|запазване\s+на\s+капацитета|без\s+разширяване|"
    r"не\s+се\s+предвижда\s+разширяване)",
    re.IGNORECASE,
)
"""Bulgarian phrases that keep a service at its present size."""


@rule("X012", "keep-vs-register-change", "warning",
      "Text keeps a service at its present size ('запазване наличния обем'), but the register changes its capacity.")
def check_keep_against_register(strategy: Strategy) -> Iterator[Finding]:
    """An indicator that measures success by an unchanged volume cannot be met by the expansion the
    register plans (or the reduction); one of the two places misstates the plan. Checked for framework
    nodes and indicators that name their services; the register's first and last years are compared."""
    from socstrat.model.queries import iter_nodes

    if strategy.strategy.language != "bg":
        return
    services = {s.id: s for s in strategy.services.services}
    statements: list[tuple[str, str, list[str]]] = []
    for node in iter_nodes(strategy.framework.nodes):
        statements += [(node.id, text, node.services) for text in [node.title, *node.description]]
    statements += [(i.id, i.text, i.services) for i in index_of(strategy).indicators.values()]
    for ident, text, linked in statements:
        match = KEEP.search(text)
        if match is None:
            continue
        for service_id in linked:
            service = services.get(service_id)
            if service is None or not service.capacity:
                continue
            first, last = min(service.capacity), max(service.capacity)
            before, after = capacity_number(service.capacity[first]), capacity_number(service.capacity[last])
            if before is not None and after is not None and before != after:
                yield Finding(code="X012", entity=ident, loc=(), message="X012",
                              args={"phrase": match.group(0), "service": service_id, "first": first, "last": last,
                                    "before": before, "after": after})


_RESTATED = re.compile(r"^\W*((?:\w+\s+)?(цел|мярка|дейност))\s+(\d+(?:\.\d+)*)\.?\s+(.+)$", re.IGNORECASE)


@rule("X013", "restated-at-another-level", "warning",
      "A later section restates a framework entity's title under another level's label ('Конкретна цел 2' for a measure).")
def check_restated_levels(strategy: Strategy) -> Iterator[Finding]:
    """Sections on partnership, financing or communication often repeat the objectives. When a repeated
    title is labelled as an objective but the framework has it as a measure (or the reverse), the two
    sections describe different structures and the reader cannot tell what the strategy aims at.
    A label counts when it ends in 'цел', 'мярка' or 'дейност' and the title after its number equals a
    node's title word for word; the node's level name must end in the same word."""
    from socstrat.model import TextBlock
    from socstrat.model.queries import iter_nodes

    titled: dict[str, list] = {}
    for node in iter_nodes(strategy.framework.nodes):
        titled.setdefault(_norm_words(node.title), []).append(node)
    for block in index_of(strategy).models:
        if not isinstance(block, TextBlock):
            continue
        for field in ("paragraphs", "items", "after_items"):
            for i, text in enumerate(getattr(block, field)):
                match = _RESTATED.match(text)
                if match is None:
                    continue
                nodes = titled.get(_norm_words(match.group(4)), [])
                head = match.group(2).lower()
                if nodes and not any(_level_name(strategy, n.level).endswith(head) for n in nodes):
                    node = nodes[0]
                    yield Finding(code="X013", entity=block.id, loc=(field, i), message="X013",
                                  args={"label": f"{match.group(1)} {match.group(3)}", "node": node.id,
                                        "level": level_term(strategy, node.level), "code": node.code or node.id})


def _level_name(strategy: Strategy, key: str) -> str:
    from socstrat.model.queries import level

    found = level(strategy, key)
    return found.name.lower() if found else ""


_SCOPES = (("regional", re.compile(r"(?<!\w)(?:областн\w*|регионалн\w*|повече от две общини)", re.IGNORECASE)),
           ("national", re.compile(r"(?<!\w)национал\w*\s+ниво", re.IGNORECASE)))
_ROLES = (("takes part", re.compile(r"(?<!\w)(?:участ\w*)", re.IGNORECASE)),
          ("creates", re.compile(r"(?<!\w)(?:създава\w*|създаден\w*|създаде\w*|изгражда\w*|изграден\w*)", re.IGNORECASE)))


def _scope(text: str) -> str:
    """The level a text works at: regional or national where it says so, else the municipality's own."""
    return next((name for name, pattern in _SCOPES if pattern.search(text)), "municipal")


def _role(text: str) -> str | None:
    found = [name for name, pattern in _ROLES if pattern.search(text)]
    return found[0] if len(found) == 1 else None


@rule("X014", "restatement-drift", "warning",
      "A logframe result restates a framework activity at another level (municipal, regional) or with another role (takes part, creates).")
def check_restatement_drift(strategy: Strategy) -> Iterator[Finding]:
    """A result of the matrix that restates an activity should measure that activity. When the activity
    has the municipality take part in a regional working group and the result counts a working group it
    creates, or the activity creates a municipal team and the result a regional one, the matrix measures
    something the plan does not do. A text that names no level works at the municipality's own level.
    Only results linked by ``restates`` are compared; the role is compared only where each text names one."""
    if strategy.strategy.language != "bg":
        return
    nodes = index_of(strategy).nodes_by_id
    for indicator in index_of(strategy).indicators.values():
        node = nodes.get(indicator.restates or "")
        if node is None:
            continue
        here, there = _scope(indicator.text), _scope(node.title)
        if here != there:
            yield Finding(code="X014", entity=indicator.id, loc=("text",), message="X014.scope",
                          args={"here": term(f"scope.{here}"), "there": term(f"scope.{there}"), "node": node.id})
        mine, theirs = _role(indicator.text), _role(node.title)
        if mine and theirs and mine != theirs:
            yield Finding(code="X014", entity=indicator.id, loc=("text",), message="X014.role",
                          args={"here": term(f"role.{mine.replace(' ', '_')}"), "there": term(f"role.{theirs.replace(' ', '_')}"),
                                "node": node.id})
