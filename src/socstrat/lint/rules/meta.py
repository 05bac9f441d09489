"""Meta rules: the engine reports these about the acknowledgements themselves."""

from socstrat.lint.registry import declare

declare("M001", "unused-acknowledgement", "warning", "An acknowledgement in acknowledgements.yaml matches no finding.",
        "Like an unused `noqa`, a stale acknowledgement would silence the next, different problem of the same entity; "
        "remove it once the finding is gone.")
declare("M002", "unknown-rule-acknowledged", "error", "An acknowledgement names a rule code socstrat does not have.",
        "A typo in the rule code of an acknowledgement would silence nothing while looking as if it did, as a typo in "
        "`--select` would switch the check off; it is an error, with the closest existing codes suggested. "
        "Checked whenever the meta rules run.")
