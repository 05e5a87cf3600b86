"""The languages of the toolkit: Dutch and French for everything people read (English is the
language of the log and of a developer's exception), and the one shape of a table of words."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Literal, TypeVar

K = TypeVar("K")

Lang = Literal["nl", "fr"]
"""The language of the people a text is for."""
LANGS: tuple[Lang, ...] = ("nl", "fr")
LOCALES: dict[Lang, str] = {"nl": "nl_BE", "fr": "fr_BE"}
"""Belgian Dutch and Belgian French, for what Babel writes (numbers, month names, plurals)."""

Translated = dict[Lang, str]
"""The one shape of a word or a sentence for people: its text in each language. A table of words is
a ``dict`` of these, by key: ``{"ssin": {"nl": "INSZ", "fr": "NISS"}}``."""

Language = Literal["nl", "fr", "en"]
Said = dict[Language, str]
"""A message in every language: Dutch and French for people, English for the log and the command line."""


def in_language(table: Mapping[K, Translated], lang: Lang) -> dict[K, str]:
    """A table of words in one language.

    >>> in_language({"ssin": {"nl": "INSZ", "fr": "NISS"}}, "fr")
    {'ssin': 'NISS'}
    """
    return {key: words[lang] for key, words in table.items()}


def sentence(text: str) -> str:
    """``text`` as a sentence on its own: its first letter a capital, a full stop at its end.

    >>> sentence("vul dit veld in"), sentence("'9202' is geen INSZ: een INSZ heeft 11 cijfers."), sentence("")
    ('Vul dit veld in.', "'9202' is geen INSZ: een INSZ heeft 11 cijfers.", '')
    """
    if not text:
        return text
    ended = text if text[-1] in ".!?:" else f"{text}."
    return ended[:1].upper() + ended[1:]


def labelled(label: str, text: str, lang: Lang) -> str:
    """``text`` after its ``label`` and a colon, as each language sets it (French with a space before).

    >>> labelled("NISS", "Complétez ce champ.", "fr"), labelled("INSZ", "Vul dit veld in.", "nl")
    ('NISS\\xa0: Complétez ce champ.', 'INSZ: Vul dit veld in.')
    """
    return f"{with_colon(label, lang)} {text}"


def with_colon(label: str, lang: Lang) -> str:
    """``label`` and its colon, as each language sets it: ``Nom\xa0:``, ``Naam:``."""
    return f"{label}\N{NO-BREAK SPACE}:" if lang == "fr" else f"{label}:"
