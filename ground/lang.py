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
