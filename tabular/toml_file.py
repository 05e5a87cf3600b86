"""Reading a TOML file that people write (the settings of a report, a mapping file): UTF-8, with or
without the byte order mark Windows' Notepad puts in front, every problem one sentence naming the file."""

from __future__ import annotations

import tomllib
from pathlib import Path
from typing import Any

from tabular.problems import InvalidFiles, TableProblem

NOT_UTF8_TEXT = "this is not UTF-8 text: save it as plain text (TOML, UTF-8)"


def read_toml(path: Path) -> dict[str, Any]:
    """The file's values; ``InvalidFiles`` when it cannot be read, is not UTF-8 text or is not TOML."""
    try:
        text = path.read_bytes().decode("utf-8-sig")
    except UnicodeDecodeError:
        raise _refused(path, NOT_UTF8_TEXT) from None
    except OSError as error:
        raise _refused(path, f"the file cannot be read: {error.strerror or error}") from None
    try:
        return tomllib.loads(text)
    except tomllib.TOMLDecodeError as error:
        raise _refused(path, f"not a TOML file: {error}") from None


def _refused(path: Path, message: str) -> InvalidFiles:
    return InvalidFiles([TableProblem(str(path), None, None, message)])
