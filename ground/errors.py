"""The toolkit's one tree of exceptions. ``OcmwError`` is the root of every error raised on purpose;
its few kinds say, in this one place, what a command exits with and what HTTP status an endpoint
or a page answers:

======================  =========  ====
kind                    exit code  HTTP
======================  =========  ====
``InvalidInput``        1          400
``TooLarge``            1          413
``Refused``             1          403
``NotFound``            1          404
``Unavailable``         1          503
``UsageError``          2          400
======================  =========  ====

The kinds of a wrong value (``InvalidValue`` and its kinds) are python-stdnum's. Each says what is
wrong and what would be right, in Dutch and French for people (``message(lang)``) and in English for
the log (``str``), so that a command, a form or a table report can show it as it is."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, ClassVar, TypeVar

from ground.lang import Language, Said

T = TypeVar("T")


class OcmwError(Exception):
    """Base of every error the toolkit raises on purpose."""

    exit_code: ClassVar[int] = 1
    http_status: ClassVar[int] = 500


class InvalidInput(OcmwError):
    """What was given is wrong: a value, a file, a document, a request."""

    http_status = 400


class TooLarge(InvalidInput):
    """What was given is larger than its limit."""

    http_status = 413


class Refused(OcmwError):
    """What was asked is not allowed: an untrusted or broken signature, a right the user does not have."""

    http_status = 403


class NotFound(OcmwError):
    """What was asked for does not exist (any more)."""

    http_status = 404


class Unavailable(OcmwError):
    """Something the work needs cannot be reached now: the database, another OCMW, the directory."""

    http_status = 503


class UsageError(OcmwError):
    """The command was not used as it should be: a missing or unreadable file, a database not made."""

    exit_code = 2
    http_status = 400


class Worded(OcmwError):
    """An error said in each language: ``said`` is the sentence in each, with ``{name}`` places for
    ``values``; ``str()`` of it is the English one."""

    def __init__(self, said: Said, **values: Any) -> None:
        self.said = said
        self.values = values
        super().__init__(self.message("en"))

    def message(self, lang: Language) -> str:
        return self.said[lang].format(**self.values)


class InvalidValue(Worded, InvalidInput, ValueError):
    """A value that is not what it should be, said in each language."""


class InvalidFormat(InvalidValue):
    """The value is not written in any accepted shape."""


class InvalidComponent(InvalidValue):
    """The value is written well, but a part of it cannot be: 31/02/2026, a thirteenth month."""


class InvalidChecksum(InvalidValue):
    """The check digits do not match the rest of the number."""


def problem_of(validate: Callable[[T], object], value: T) -> InvalidValue | None:
    """The error ``validate`` raises for ``value``, or ``None``: each ``ground`` module's ``problem``."""
    try:
        validate(value)
    except InvalidValue as wrong:
        return wrong
    return None
