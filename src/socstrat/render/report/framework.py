"""The framework's parts of a report: nodes named by their direction, the tree and the logframe matrix."""

from __future__ import annotations

from socstrat.model import Node, Strategy
from socstrat.model.queries import iter_nodes
from socstrat.model.refs import ServiceName
from socstrat.render.report.views import MatrixRow, NamedNode, NodeIndicator, TreeNode


def node_directions(strategy: Strategy, level_name: dict[str, str]) -> dict[str, str]:
    """Per node id below the top level: its top-level ancestor as "level code" (its direction)."""
    found: dict[str, str] = {}
    for top in strategy.framework.nodes:
        name = " ".join(x for x in (level_name.get(top.level, top.level), top.code) if x)
        for node in iter_nodes(top.children):
            found[node.id] = name
    return found


def node_ref(node: Node | None, level_name: dict[str, str], directions: dict[str, str]) -> NamedNode | None:
    if node is None:
        return None
    return NamedNode(id=node.id, level=level_name.get(node.level, node.level), code=node.code, title=node.title, within=directions.get(node.id))


def node_indicators(strategy: Strategy) -> dict[str, list[NodeIndicator]]:
    """Indicators per node id: its own, its logframe row's and its monitoring groups'."""
    found: dict[str, list[NodeIndicator]] = {}
    for node in iter_nodes(strategy.framework.nodes):
        found[node.id] = [NodeIndicator(kind="own", text=i.text, target=i.target) for i in node.indicators]
    for row in strategy.logframe.rows if strategy.logframe else []:
        for kind, indicators in (("impact", row.impact_indicators), ("result", row.direct_results), ("effect", row.effect_indicators)):
            found.setdefault(row.objective, []).extend(NodeIndicator(kind=kind, text=i.text, target=i.target) for i in indicators)
    for group in strategy.implementation.monitoring_indicators:
        found.setdefault(group.objective or group.goal, []).extend(NodeIndicator(kind="monitoring", text=text) for text in group.indicators)
    return found


def tree(
    node: Node, level_name: dict[str, str], names: dict[str, str], indicators: dict[str, list[NodeIndicator]], directions: dict[str, str]
) -> TreeNode:
    return TreeNode(
        id=node.id,
        level=level_name.get(node.level, node.level),
        code=node.code,
        title=node.title,
        within=directions.get(node.id),
        indicators=indicators.get(node.id, []),
        services=[ServiceName(id=sid, name=names.get(sid, sid)) for sid in node.services],
        services_inferred=list(node.services_inferred),
        children=[tree(child, level_name, names, indicators, directions) for child in node.children],
    )


def matrix(strategy: Strategy, nodes: dict[str, Node], level_name: dict[str, str], directions: dict[str, str]) -> list[MatrixRow]:
    if strategy.logframe is None:
        return []
    rows = []
    for row in strategy.logframe.rows:
        objective = node_ref(nodes.get(row.objective), level_name, directions) or NamedNode(id=row.objective, level="", code=None, title=row.objective)
        rows.append(
            MatrixRow(
                id=row.id,
                objective=objective,
                measures=[ref for mid in row.measures if (ref := node_ref(nodes.get(mid), level_name, directions))],
                means=row.means,
                impact=row.impact_indicators,
                results=row.direct_results,
                effect=row.effect_indicators,
                sources=row.sources,
                period=row.verification_period,
                src=row.src,
            )
        )
    return rows


