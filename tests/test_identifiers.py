"""The INSZ as people write it: ASCII digits only, whatever else a keyboard or a paste brings."""

from __future__ import annotations

import pytest

from esv.identifiers import WRITTEN_SSIN, ssin_digits, ssin_problem

SOFIE = "92021416206"
OTHER_DIGITS = {
    "superscript": "²" * 11,
    **{script: "".join(chr(zero + int(digit)) for digit in SOFIE) for script, zero in (
        ("arabic-indic", 0x0660), ("full-width", 0xFF10), ("devanagari", 0x0966), ("bengali", 0x09E6)
    )},
}  # fmt: skip


@pytest.mark.parametrize("written", ["92.02.14-162.06", "920214 162 06", "92021416206", "92-02-14/162-06"])
def test_the_digits_of_an_insz_are_its_ascii_digits_in_any_written_form(written: str) -> None:
    assert ssin_digits(written) == "92021416206"


@pytest.mark.parametrize("written", OTHER_DIGITS.values(), ids=OTHER_DIGITS.keys())
def test_digits_of_other_scripts_are_no_digits_of_an_insz(written: str) -> None:
    assert ssin_digits(written) == ""
    assert ssin_problem(written) == f"{written!r} is not an INSZ/NISS or BIS number: it must be 11 digits"
    assert WRITTEN_SSIN.fullmatch(written) is None


def test_a_mix_of_ascii_and_other_digits_is_not_eleven_digits() -> None:
    mixed = SOFIE[:10] + OTHER_DIGITS["arabic-indic"][10]
    assert ssin_digits(mixed) == "9202141620"
    assert ssin_problem(mixed) is not None and "must be 11 digits" in ssin_problem(mixed)  # type: ignore[operator]
