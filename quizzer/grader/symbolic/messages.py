"""Messages for names and characters an answer cannot use. Plain Python: no SymPy."""

from __future__ import annotations

import difflib
import unicodedata

from quizzer.grader.symbolic.functions import known_function

_LATIN_LOOKALIKES = dict(zip(
    "аеорсухкмнвтіјѕАВЕКМНОРСТХУІЈЅοΑΒΕΖΗΙΚΜΝΟΡΤΥΧｘｙｚａｂｃｅｐ",
    "aeopcyxkmhbtijsABEKMHOPCTXYIJSoABEZHIKMNOPTYXxyzabcep", strict=True))
"""Letters from other scripts that look like a Latin letter, and the letter they look like."""


def unexpected_character(char: str, variables: tuple[str, ...]) -> str:
    """Why `char` cannot appear: a look-alike of a Latin letter, another script, or a symbol."""
    name = unicodedata.name(char, "").lower()
    if char in _LATIN_LOOKALIKES:
        latin = _LATIN_LOOKALIKES[char]
        return (f"{char!r} is the {name}, not the Latin letter {latin!r}; "
                f"retype it as {latin}")
    if name and char.isalpha():
        return (f"{char!r} ({name}) is not a name in this question; the variables are "
                f"{', '.join(variables)}")
    return f"unexpected character {char!r}"


def unknown_name_message(word: str, known: list[str], variables: tuple[str, ...],
                         forbidden: tuple[str, ...] = ()) -> str:
    """Why `word` is not a name here, with a suggestion only when it is a likely slip."""
    listing = f"; the variables are {', '.join(variables)}"
    if word in forbidden:
        return f"{word} is not allowed in this question (see the prompt){listing}"
    if known_function(word):
        return f"{word} is not available in this question{listing}"
    head, _, tail = word.partition("_")
    if tail and head in variables:
        return (f"unknown name {word!r}: write the variable {head} without a subscript"
                f"{listing}")
    same_letters = [name for name in known if name.lower() == word.lower()]
    close = same_letters or difflib.get_close_matches(word, known, n=3, cutoff=0.6)
    message = f"unknown name {word!r}"
    if close:
        message += f" (did you mean {' or '.join(close)}?)"
    return message + listing
