"""Meta rules: the engine reports these about the acknowledgements themselves."""

from socstrat.lint.registry import declare

declare("M001", "unused-acknowledgement", "warning", "An acknowledgement in acknowledgements.yaml matches no finding.",
        "Like an unused `noqa`, a stale acknowledgement would silence the next, different problem of the same entity; "
        "remove it once the finding is gone.")
