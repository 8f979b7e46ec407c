"""Chinese text as a Chinese engineer writes it: no space between Chinese characters.

Folded YAML lines (`>` blocks, or plain scalars over several lines) join their lines with a space,
which in Chinese text leaves "精确 计数". The loader closes such gaps; `quizzer check` reports those
still in the source, so the files themselves get fixed. Only spaces and tabs are touched: a line
break a literal (`|`) block keeps on purpose stays.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Any

HAN = "\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff"
"""CJK unified ideographs (with extension A and the compatibility block)."""
PUNCT = "\u3001-\u3003\u3008-\u3011\u3014-\u301f\uff01\uff08\uff09\uff0c\uff1a\uff1b\uff1f"
"""Chinese punctuation: 、。〃, the corner and lenticular brackets, and fullwidth ！（），：；？."""

_BETWEEN_HAN = re.compile(f"(?<=[{HAN}])[ \\t]+(?=[{HAN}])")
_BEFORE_PUNCT = re.compile(f"(?<=\\S)[ \\t]+(?=[{PUNCT}])")
_AFTER_PUNCT = re.compile(f"(?<=[{PUNCT}])[ \\t]+(?=\\S)")
_STRAY = re.compile(
    f"[{HAN}][ \\t]+[{HAN}]|\\S[ \\t]+[{PUNCT}]|[{PUNCT}][ \\t]+\\S"
)


def normalise(text: str) -> str:
    """`text` without spaces between two Chinese characters or around Chinese punctuation."""
    if not _STRAY.search(text):
        return text
    for pattern in (_BETWEEN_HAN, _BEFORE_PUNCT, _AFTER_PUNCT):
        text = pattern.sub("", text)
    return text


def stray_spaces(text: str) -> list[str]:
    """Each place in `text` where a space sits between Chinese characters or by Chinese
    punctuation, as a short excerpt (overlapping places are found one by one)."""
    found = []
    position = 0
    while match := _STRAY.search(text, position):
        found.append(match.group(0))
        position = match.start() + 1
    return found


def normalise_tree(value: Any) -> Any:
    """`value` (parsed YAML: dicts, lists, scalars) with every string normalised."""
    if isinstance(value, str):
        return normalise(value)
    if isinstance(value, list):
        return [normalise_tree(item) for item in value]
    if isinstance(value, dict):
        return {key: normalise_tree(item) for key, item in value.items()}
    return value


def strings(value: Any, path: str = "") -> Iterator[tuple[str, str]]:
    """Every string in parsed YAML with its dotted path (`zh.choices.2`)."""
    if isinstance(value, str):
        yield path, value
    elif isinstance(value, list):
        for index, item in enumerate(value):
            yield from strings(item, f"{path}.{index}" if path else str(index))
    elif isinstance(value, dict):
        for key, item in value.items():
            yield from strings(item, f"{path}.{key}" if path else str(key))
