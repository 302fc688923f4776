"""Text as people typed it, without what they cannot see.

A name, a place or a reason made only of spaces and invisible characters (a zero-width space
pasted from a web page, a byte-order mark, a soft hyphen) is empty, not an answer: it is
refused where the text is required instead of being stored as something no one can read.
"""

from __future__ import annotations

import unicodedata


def _invisible(char: str) -> bool:
    # Cf: format characters (U+200B zero-width space, U+200C/D joiners, U+2060 word joiner,
    # U+FEFF byte-order mark, U+00AD soft hyphen); Zs/Zl/Zp are spaces. Other control
    # characters (a NUL) stay, for the validators that refuse them by name.
    return char.isspace() or unicodedata.category(char) in ("Cf", "Zs", "Zl", "Zp")


def visible(text: str | None) -> str:
    """`text` without invisible characters at either end; "" when nothing visible is left."""
    if not text:
        return ""
    start, end = 0, len(text)
    while start < end and _invisible(text[start]):
        start += 1
    while end > start and _invisible(text[end - 1]):
        end -= 1
    return text[start:end]
