"""Structural rules: the loader reports these while it reads and validates each file."""

from socstrat.lint.registry import declare

declare("S001", "yaml-syntax", "error", "The file is not valid YAML.",
        "Nothing else can be checked in a file that does not parse; the position points at the first problem.")
declare("S002", "duplicate-key", "error", "A mapping has the same key twice.",
        "YAML parsers differ on which value wins; a duplicate key is almost always an editing mistake.")
declare("S003", "empty-file", "error", "A strategy file is empty.",
        "An empty file is usually a failed save or an unfinished split; delete it or give it content.")
declare("S004", "missing-path", "error", "The strategy directory, or its strategy.yaml, does not exist or cannot be read.",
        "A strategy is a directory with at least strategy.yaml; anything else is a usage mistake.")
declare("S005", "not-utf8", "error", "A file is not UTF-8.",
        "The data is Bulgarian text; a file saved in a legacy code page would turn into mojibake.")
declare("S006", "unsupported-yaml", "error",
        "A file uses anchors, aliases, tags, merge keys, overlong numbers, nesting deeper than 100 levels or a %YAML directive other than 1.2.",
        "Aliases can expand without bound, tags could name code, and a data file needs none of these; files are read as YAML 1.2.")
declare("S007", "unknown-file", "warning", "A YAML file in the strategy directory is not one socstrat reads.",
        "A misspelt file name would otherwise be silently ignored.")
declare("S101", "invalid-value", "error", "A value has the wrong type or is out of range.",
        "The models define what each key holds; the message says what was expected.")
declare("S102", "missing-key", "error", "A required key is missing.",
        "Required keys carry the identity and provenance of an entity.")
declare("S103", "unknown-key", "error", "A key is not part of the model.",
        "Every model forbids unknown keys, so a typo in a key name cannot pass unnoticed.")
