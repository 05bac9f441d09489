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
        "A file uses anchors, aliases, tags, merge keys, a collection as a key, a number that is not finite or beyond ±(2^53−1), "
        "nesting deeper than 100 levels, more than 100 000 values or lists of more than 2 000 entries, or a %YAML directive other than 1.2.",
        "Aliases can expand without bound, tags could name code, and a data file needs none of these; files are read as YAML 1.2. "
        "The limits (docs/security.md) keep every command fast and every value exportable to JSON.")
declare("S007", "unknown-file", "warning", "A YAML file in the strategy directory is not one socstrat reads.",
        "A misspelt file name would otherwise be silently ignored.")
declare("S008", "file-not-read", "error",
        "A strategy file is not read: a symbolic link that leaves the strategy directory, loops or names nothing; not a regular file; "
        "larger than 2 MiB; or a known file named .yml instead of .yaml.",
        "A strategy is the regular files of its own directory; a link to a file outside it (/etc/shadow) must never be read "
        "into findings, and a file that is skipped must say so rather than leave its references dangling.")
declare("S009", "not-formattable", "error",
        "fmt cannot rewrite a file without losing something: a comment inside a flow collection or after the document end, "
        "or line breaks that are a lone CR.",
        "fmt never changes a value or drops a comment; it leaves such a file as it is and says where the trouble is.")
declare("S101", "invalid-value", "error", "A value has the wrong type or is out of range.",
        "The models define what each key holds; the message says what was expected.")
declare("S102", "missing-key", "error", "A required key is missing.",
        "Required keys carry the identity and provenance of an entity.")
declare("S103", "unknown-key", "error", "A key is not part of the model.",
        "Every model forbids unknown keys, so a typo in a key name cannot pass unnoticed.")
