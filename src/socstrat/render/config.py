"""``socstrat config``: the settings in effect and where each came from, as TOML a person can copy, or JSON."""

from __future__ import annotations

import json
from typing import Any

from socstrat.i18n.catalog import label
from socstrat.io.config import KEYS, Config, Origin
from socstrat.render.registry import Options, renderer


@renderer("config", "text")
def render_text(config: Config, options: Options) -> str:
    """One ``key = value  # origin`` line per setting, in TOML, under a line naming the file read."""
    lang = options.lang
    head = label("config.file", lang).format(file=config.shown_file) if config.file else label("config.none", lang).format(path=config.start)
    lines = [f"# {head}"]
    width = max(len(f"{key} = {toml_value(config.value(key))}") for key in KEYS)
    for key in KEYS:
        line = f"{key} = {toml_value(config.value(key))}"
        lines.append(f"{line.ljust(width)}  # {origin_text(config.origin(key), lang)}")
    return "\n".join(lines) + "\n"


@renderer("config", "json")
def render_json(config: Config, options: Options) -> str:
    """The file read and each setting's value and origin; the same in every language."""
    settings = {key: {"value": json_value(config.value(key)), "origin": origin_json(config.origin(key))} for key in KEYS}
    payload = {"file": config.shown_file, "settings": settings}
    return json.dumps(payload, ensure_ascii=False, indent=2) + "\n"


def origin_text(origin: Origin, lang: str) -> str:
    if origin.kind == "file":
        return f"{origin.file}:{origin.line}"
    if origin.kind == "option":
        return label("config.origin.option", lang).format(option=origin.option)
    return label("config.origin.default", lang)


def origin_json(origin: Origin) -> dict[str, Any]:
    if origin.kind == "file":
        return {"kind": "file", "file": origin.file, "line": origin.line}
    if origin.kind == "option":
        return {"kind": "option", "option": origin.option}
    return {"kind": "default"}


def json_value(value: Any) -> Any:
    return list(value) if isinstance(value, tuple) else value


def toml_value(value: Any) -> str:
    """A value as TOML writes it: strings quoted, booleans lower-case, lists and inline tables."""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, str):
        return json.dumps(value, ensure_ascii=False)
    if isinstance(value, (list, tuple)):
        return "[" + ", ".join(toml_value(item) for item in value) + "]"
    if isinstance(value, dict):
        return "{" + ", ".join(f"{key} = {toml_value(item)}" for key, item in value.items()) + "}" if value else "{}"
    return str(value)
