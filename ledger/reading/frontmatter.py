"""YAML front matter at the top of a plain-text or Markdown article.

Only flat `key: value` lines are read (url, outlet, published, title and anything else flat);
nested YAML is skipped rather than misread. A full YAML parser would be a dependency for four
string fields, and YAML's own typing (dates, numbers) is not wanted: values stay strings.
"""

from __future__ import annotations

import re

_BLOCK = re.compile(
    r"\A\ufeff?---[ \t]*\r?\n(?P<body>.*?)^(?:---|\.\.\.)[ \t]*(?:\r?\n|\Z)", re.S | re.M
)
_PAIR = re.compile(r"^(?P<key>[A-Za-z_][\w-]*)[ \t]*:[ \t]*(?P<value>.*?)[ \t]*$")


def parse_front_matter(text: str) -> tuple[dict[str, str], int]:
    """The front matter's flat fields and the offset where the article text starts (0 if none)."""
    m = _BLOCK.match(text)
    if not m:
        return {}, 0
    fields: dict[str, str] = {}
    for line in m["body"].splitlines():
        pair = _PAIR.match(line)
        if not pair or not pair["value"] or line[:1].isspace():
            continue
        value = pair["value"]
        if len(value) >= 2 and value[0] == value[-1] and value[0] in "\"'":
            value = value[1:-1]
        fields[pair["key"].lower()] = value
    return fields, m.end()
