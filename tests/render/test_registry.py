"""The declared format names are exactly what the renderer modules register."""

from __future__ import annotations

import pytest

from socstrat.render import registry


@pytest.mark.parametrize("kind", sorted(registry.RENDERER_MODULES))
def test_declared_formats_are_the_registered_ones(kind: str) -> None:
    assert sorted(registry.registered(kind)) == sorted(registry.formats(kind))


def test_an_undeclared_format_is_refused() -> None:
    with pytest.raises(ValueError, match="not declared"):
        registry.renderer("validation", "yaml")
