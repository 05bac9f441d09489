"""The municipality register socstrat reads (JSON) is the one people edit (YAML)."""

from __future__ import annotations

from importlib.resources import files

from socstrat.lint.municipalities import municipality_register, register_json


def test_generated_json_is_current() -> None:
    """After editing municipalities.yaml, run `python -m socstrat.lint.municipalities`."""
    here = files("socstrat.lint")
    assert (here / "municipalities.json").read_text(encoding="utf-8") == register_json((here / "municipalities.yaml").read_text(encoding="utf-8"))


def test_register_reads_every_municipality() -> None:
    register = municipality_register()
    assert len(register.regions) == 28
    assert sum(len(region.municipalities) for region in register.regions) == 265
    assert {"Хасково", "Казанлък"} <= register.names()


def test_names_read_without_the_models_are_the_registers() -> None:
    from socstrat.lint.municipalities import municipality_names, region_names

    register = municipality_register()
    assert municipality_names() == register.names()
    assert region_names() == tuple(region.name for region in register.regions)
