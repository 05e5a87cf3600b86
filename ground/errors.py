"""The kinds of wrong value, as python-stdnum names them. Each says what is wrong and what would be
right, in Dutch and French for people (``message(lang)``) and in English for the log (``str``), so
that a command, a form or a table report can show it as it is."""

from __future__ import annotations

from typing import Any

from ground.lang import Language, Said


class InvalidValue(ValueError):
    """A value that is not what it should be: ``said`` is the sentence in each language, with
    ``{name}`` places for ``values``."""

    def __init__(self, said: Said, **values: Any) -> None:
        self.said = said
        self.values = values
        super().__init__(self.message("en"))

    def message(self, lang: Language) -> str:
        return self.said[lang].format(**self.values)


class InvalidFormat(InvalidValue):
    """The value is not written in any accepted shape."""


class InvalidComponent(InvalidValue):
    """The value is written well, but a part of it cannot be: 31/02/2026, a thirteenth month."""


class InvalidChecksum(InvalidValue):
    """The check digits do not match the rest of the number."""
