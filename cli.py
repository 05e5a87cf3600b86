"""The ``ocmw`` command: the entry point, which only assembles. Each top-level command lives in
``commands/`` and is imported only when called, so that ``ocmw esv validate`` does not load pandas
and ``ocmw stats`` does not load the XML stack.

Exit codes everywhere: 0 success, 1 invalid input or a failed check, 2 wrong usage.
"""

from __future__ import annotations

import logging

import click

from commands.lazy import LazyGroup


@click.group(
    cls=LazyGroup,
    lazy_commands={
        "esv": "commands.esv:esv",
        "stats": "commands.stats:stats",
        "report": "commands.report:report",
        "db": "commands.db:db",
        "gpmi": "commands.gpmi:gpmi",
        "consent": "commands.consent:consent",
        "serve": "commands.serve:serve",
        "user": "commands.user:user",
        "directory": "commands.directory:directory",
        "audit": "commands.audit:audit",
        "keys": "commands.keys:keys",
    },
)
@click.version_option(package_name="ocmw-toolkit")
def main() -> None:
    """The toolkit of OCMWs/CPAS: the electronic social report (ESV/RSE), the GPMI statistics and the
    annual report's subsidy parts."""
    logging.basicConfig(level=logging.WARNING, format="%(levelname)s: %(message)s")
    logging.getLogger("pypdf").setLevel(logging.CRITICAL)  # its warnings on damaged PDFs are our messages


if __name__ == "__main__":
    main()
