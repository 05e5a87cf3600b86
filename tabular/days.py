"""A day typed by a person, as the exports write it too: ``31/12/2024`` or ``2024-12-31``. (A whole
column of an export is read by ``tabular.parsing``; this reads one value, without loading pandas.)"""

from __future__ import annotations

import datetime as dt

DAY_FORMATS = ("%d/%m/%Y", "%Y-%m-%d")


def written_day(text: str) -> dt.date | None:
    """The day ``text`` writes in one of ``DAY_FORMATS`` in ASCII digits, or ``None``.

    >>> written_day("29/02/2024"), written_day("2024-02-30"), written_day("\u0662\u0660\u0662\u0664-01-01")
    (datetime.date(2024, 2, 29), None, None)
    """
    if not text.isascii():
        return None
    for written in DAY_FORMATS:
        try:
            return dt.datetime.strptime(text, written).date()
        except ValueError:
            continue
    return None
