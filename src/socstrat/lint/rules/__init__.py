"""The rule families: importing this package registers every rule.

One module per family, each rule a decorated function next to its rationale:

- ``structure``: S codes, reported by the loader while it reads files
- ``references``: R001–R002, ids and the references declared in the models
- ``numbering``: R003–R005, the source's codes
- ``arithmetic``: A codes, totals, breakdowns and shares
- ``crosstable``: X codes, one fact stated in two places
- ``lifecycle``: L codes, services and periods over time
- ``monitoring``: P codes, the yearly actuals against the plan and target readings
- ``carryover``: C codes, text carried over from another document
- ``quality``: Q codes, the logical framework as a plan
- ``meta``: M codes, reported by the engine about acknowledgements
"""

from socstrat.lint.rules import (  # noqa: F401
    arithmetic,
    carryover,
    crosstable,
    lifecycle,
    meta,
    monitoring,
    numbering,
    quality,
    references,
    structure,
)
