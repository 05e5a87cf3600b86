"""KBO/BCE enterprise numbers: 10 digits starting with 0 or 1, check digits as python-stdnum reads them."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st
from stdnum.be import vat

from ground import kbo
from ground.errors import InvalidChecksum, InvalidFormat
from tests.conftest import kbo_for


@pytest.mark.parametrize("written", ["0207654333", "0207.654.333", "0207 654 333", kbo_for("10000001")])
def test_a_kbo_number_is_read_in_its_written_forms(written: str) -> None:
    assert kbo.validate(written) == written.replace(".", "").replace(" ", "")


@pytest.mark.parametrize("written", ["207654333", "02076543330", "2207654333", "BE0207654333", "0207-654-333", ""])
def test_other_shapes_are_no_kbo_number(written: str) -> None:
    with pytest.raises(InvalidFormat) as refused:
        kbo.validate(written)
    assert refused.value.message("fr").endswith("il a 10 chiffres et commence par 0 ou 1, p. ex. 0207.654.333")


def test_wrong_check_digits_are_refused() -> None:
    with pytest.raises(InvalidChecksum) as refused:
        kbo.validate("0207654334")
    assert refused.value.message("nl").startswith("0207.654.334 is geen geldig KBO-nummer")
    assert refused.value.message("fr").startswith("0207.654.334 n'est pas un numéro BCE valable")


def test_a_kbo_number_is_written_with_its_dots() -> None:
    assert kbo.format("0207654333") == "0207.654.333"


@given(st.from_regex(r"[01][0-9]{9}", fullmatch=True))
def test_the_verdict_on_ten_digits_is_python_stdnums(digits: str) -> None:
    assert kbo.is_valid(digits) == vat.is_valid(digits)
