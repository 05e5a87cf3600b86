"""``ocmw esv``: ESV documents (``documents``: validate, parse, build, sign, verify, show, keygen), the
requests this OCMW sends (``requests``: request, retry), and its two lists (``lists``: answers,
requests, archive, unarchive). Each part is imported only when one of its commands is called."""

from __future__ import annotations

import click

from commands.lazy import LazyGroup

DOCUMENTS = {name: name for name in ("validate", "parse", "verify", "show", "keygen")} | {
    "build": "build_command",
    "sign": "sign_command",
}


@click.group(
    cls=LazyGroup,
    lazy_commands={
        **{name: f"commands.esv.documents:{attribute}" for name, attribute in DOCUMENTS.items()},
        "request": "commands.esv.requests:request",
        "retry": "commands.esv.requests:retry",
        "answers": "commands.esv.lists:answers",
        "requests": "commands.esv.lists:requests",
        "archive": "commands.esv.lists:archive",
        "unarchive": "commands.esv.lists:unarchive",
    },
)
def esv() -> None:
    """ESV documents: read, check, build, sign, verify and show them; ask other OCMWs and list what
    was asked and answered."""
