"""The languages of the toolkit: Dutch and French for everything people read (English is the
language of the log and of a developer's exception), and the one shape of a table of words."""

from __future__ import annotations

from typing import Literal

Lang = Literal["nl", "fr"]
"""The language of the people a text is for."""
LANGS: tuple[Lang, ...] = ("nl", "fr")
LOCALES: dict[Lang, str] = {"nl": "nl_BE", "fr": "fr_BE"}
"""Belgian Dutch and Belgian French, for what Babel writes (numbers, month names, plurals)."""

Language = Literal["nl", "fr", "en"]
Said = dict[Language, str]
"""One sentence in every language: Dutch and French for people, English for the log."""
