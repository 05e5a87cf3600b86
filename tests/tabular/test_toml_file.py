"""Reading a TOML file people write (``tabular.toml_file``): with or without Notepad's byte order mark, and
one sentence for a file that is not UTF-8, cannot be read or is not TOML."""

from __future__ import annotations

from pathlib import Path

import pytest

from tabular.problems import InvalidFiles
from tabular.toml_file import NOT_UTF8_TEXT, read_toml


@pytest.mark.parametrize("bom", [b"", b"\xef\xbb\xbf"])
def test_a_file_is_read_with_or_without_a_byte_order_mark(tmp_path: Path, bom: bytes) -> None:
    path = tmp_path / "cluster.toml"
    path.write_bytes(bom + 'ocmw = "OCMW Zelé"\n'.encode())
    assert read_toml(path) == {"ocmw": "OCMW Zelé"}


@pytest.mark.parametrize(
    ("content", "said"),
    [
        ('ocmw = "OCMW Zelé"\n'.encode("latin-1"), NOT_UTF8_TEXT),
        (b"ocmw: Zele\n", "not a TOML file: "),
    ],
)
def test_a_file_that_is_no_utf8_toml_is_one_sentence(tmp_path: Path, content: bytes, said: str) -> None:
    path = tmp_path / "cluster.toml"
    path.write_bytes(content)
    with pytest.raises(InvalidFiles) as refused:
        read_toml(path)
    [problem] = refused.value.problems
    assert (problem.file, problem.row, problem.column) == (str(path), None, None)
    assert problem.message.startswith(said)


def test_a_missing_file_is_said_without_its_error_number(tmp_path: Path) -> None:
    with pytest.raises(InvalidFiles) as refused:
        read_toml(tmp_path / "none.toml")
    assert [problem.message for problem in refused.value.problems] == [
        "the file cannot be read: No such file or directory"
    ]
