"""The INSZ/NISS and BIS number as people write it: ASCII digits only, whatever else a keyboard or a
paste brings; check digits and birth dates as python-stdnum reads them."""

from __future__ import annotations

import datetime as dt

import pytest
from hypothesis import given
from hypothesis import strategies as st
from stdnum.be import bis, nn

from ground import ssin
from ground.errors import InvalidChecksum, InvalidComponent, InvalidFormat
from tests.conftest import ssin_for, ssin_with

SOFIE = "92021416206"
OTHER_DIGITS = {
    "superscript": "²" * 11,
    **{script: "".join(chr(zero + int(digit)) for digit in SOFIE) for script, zero in (
        ("arabic-indic", 0x0660), ("full-width", 0xFF10), ("devanagari", 0x0966), ("bengali", 0x09E6)
    )},
}  # fmt: skip


@pytest.mark.parametrize(
    "written", ["92.02.14-162.06", "920214 162 06", "92021416206", "92-02-14/162-06", " 92.02.14-162.06 "]
)
def test_an_insz_is_read_in_every_written_form(written: str) -> None:
    assert ssin.validate(written) == SOFIE
    assert ssin.is_valid(written)


@pytest.mark.parametrize("written", OTHER_DIGITS.values(), ids=OTHER_DIGITS.keys())
def test_digits_of_other_scripts_are_no_digits_of_an_insz(written: str) -> None:
    with pytest.raises(InvalidFormat) as refused:
        ssin.validate(written)
    assert refused.value.message("nl") == f"'{written}' is geen INSZ: een INSZ heeft 11 cijfers, bv. 92.02.14-162.06"
    assert ssin.WRITTEN.fullmatch(written) is None


@pytest.mark.parametrize(
    "written",
    ["9202141620", "920214162066", "92.02.14-162.0", "INSZ 92021416206", "92021416206x",
     SOFIE[:10] + OTHER_DIGITS["arabic-indic"][10], ""],
)  # fmt: skip
def test_text_with_digits_in_it_is_not_an_insz(written: str) -> None:
    with pytest.raises(InvalidFormat):
        ssin.validate(written)


def test_wrong_check_digits_say_so_in_the_words_of_people_not_arithmetic() -> None:
    with pytest.raises(InvalidChecksum) as refused:
        ssin.validate("92.02.14-162.07")
    assert refused.value.message("nl").startswith("92.02.14-162.07 is geen geldig INSZ: wellicht is een cijfer")
    assert refused.value.message("fr").startswith("92.02.14-162.07 n'est pas un NISS valable : un chiffre")
    for said in (str(refused.value), refused.value.message("nl"), refused.value.message("fr")):
        assert "97" not in said and "modulo" not in said
    for said in (refused.value.message("nl"), refused.value.message("fr")):
        assert "controlecijfers" not in said and "chiffres de contrôle" not in said


def test_a_bis_number_is_named_a_bis_number() -> None:
    with pytest.raises(InvalidChecksum) as refused:
        ssin.validate("01431205534")
    assert refused.value.message("nl").startswith("01.43.12-055.34 is geen geldig BIS-nummer")


def test_a_number_without_a_possible_birth_date_says_so() -> None:
    with pytest.raises(InvalidComponent) as refused:
        ssin.validate(ssin_with("921314162"))  # month 13
    assert "does not hold a possible birth date" in str(refused.value)


def test_births_from_2000_take_the_2_in_front() -> None:
    born_2003 = ssin_for(dt.date(2003, 5, 21), 241)
    assert ssin.validate(born_2003) == born_2003
    assert ssin.birth_date(born_2003) == dt.date(2003, 5, 21)


def test_gender_and_birth_date_as_the_number_tells_them() -> None:
    assert (ssin.gender(SOFIE), ssin.birth_date(SOFIE)) == ("F", dt.date(1992, 2, 14))
    assert ssin.gender("01431205533") == "M"  # a BIS number whose month is increased by 40 tells it
    assert ssin.gender(ssin_with("012312055")) is None  # one increased by 20 does not


def test_an_insz_is_written_as_people_write_it() -> None:
    assert ssin.format(SOFIE) == "92.02.14-162.06"


@given(st.text(alphabet="0123456789", min_size=11, max_size=11))
def test_the_verdict_on_eleven_digits_is_python_stdnums(digits: str) -> None:
    module = bis if int(digits[2:4]) >= 20 else nn
    assert ssin.is_valid(digits) == module.is_valid(digits)
