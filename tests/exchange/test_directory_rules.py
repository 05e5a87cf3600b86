"""The rules of the directory's documents that the XSD cannot state: the INSZ and KBO check digits
(the INSZ of a large reference update checked all at once) and periods that end on or after they
begin, each problem at its element, in the order of the document."""

from __future__ import annotations

import datetime as dt

from lxml import etree

from directory import model
from esv.document import tree_problems
from esv.xmlmap import to_tree
from ground import ssin
from tests.conftest import ssin_for

MEMBER = "0207500123"


def said(update: model.ReferenceUpdate) -> list[tuple[str, str]]:
    """Each problem of the update's XML as its path and its words."""
    tree = etree.ElementTree(to_tree(update, model.DIRECTORY))
    return [(problem.path, problem.message) for problem in tree_problems(tree, model.DIRECTORY)]


def reference(number: str, begin: dt.date = dt.date(2020, 1, 1), end: dt.date | None = None) -> model.Reference:
    return model.Reference(ssin=number, begin=begin, end=end)


def update(member: str, refs: list[model.Reference], withdraw: tuple[str, ...] = ()) -> model.ReferenceUpdate:
    return model.ReferenceUpdate(member=member, created_at=dt.datetime(2026, 11, 30, tzinfo=dt.UTC), set=tuple(refs),
                                 withdraw=withdraw)  # fmt: skip


def test_a_large_update_of_valid_numbers_has_no_problem() -> None:
    valid = [reference(ssin_for(dt.date(1950, 1, 1) + dt.timedelta(days=day), 1 + day % 997)) for day in range(3000)]
    assert said(update(MEMBER, valid, withdraw=(ssin_for(dt.date(2004, 2, 29), 2),))) == []


def test_every_wrong_number_and_reversed_period_is_said_at_its_element_in_the_documents_order() -> None:
    right = ssin_for(dt.date(1992, 2, 14), 162)
    mistyped, no_month = right[:-2] + f"{(int(right[-2:]) + 1) % 100:02d}", "92131416206"
    refs = [
        reference(right),
        reference(mistyped),
        reference(right, dt.date(2021, 1, 1), dt.date(2020, 12, 31)),
        reference(no_month),
    ]
    problems = said(update("0207500124", refs, withdraw=(right, mistyped)))
    kbo_problem = [message for path, message in problems if path.endswith("Member")]
    assert len(kbo_problem) == 1 and "0207500124" in kbo_problem[0].replace(".", "")
    assert [(path, message) for path, message in problems if not path.endswith("Member")] == [
        ("/ReferenceUpdate/Set[2]/Ssin", str(ssin.problem(mistyped))),
        ("/ReferenceUpdate/Set[4]/Ssin", str(ssin.problem(no_month))),
        ("/ReferenceUpdate/Withdraw[2]", str(ssin.problem(mistyped))),
        ("/ReferenceUpdate/Set[3]", "the period ends on 31/12/2020, before it begins on 01/01/2021: its last day is "
         "on or after its first"),
    ]  # fmt: skip


def lookup_problems(begin: dt.date, end: dt.date) -> list[tuple[str, str]]:
    asked = model.Lookup(lookup_id="l-1", asked_at=dt.datetime(2026, 11, 30, tzinfo=dt.UTC), asker=MEMBER,
                         ssin=ssin_for(dt.date(1992, 2, 14), 162), begin=begin, end=end)  # fmt: skip
    tree = etree.ElementTree(to_tree(asked, model.DIRECTORY))
    return [(problem.path, problem.message) for problem in tree_problems(tree, model.DIRECTORY)]


def test_a_lookups_period_of_one_day_is_right_and_one_that_ends_the_day_before_it_begins_is_said_at_the_root() -> None:
    assert lookup_problems(dt.date(2024, 3, 1), dt.date(2024, 3, 1)) == []
    assert lookup_problems(dt.date(2024, 3, 1), dt.date(2024, 2, 29)) == [
        ("/Lookup", "the period ends on 29/02/2024, before it begins on 01/03/2024: its last day is on or after its "
         "first"),
    ]  # fmt: skip


def test_a_reference_of_one_day_or_still_running_is_right() -> None:
    person = ssin_for(dt.date(1992, 2, 14), 162)
    refs = [reference(person, dt.date(2024, 3, 1), dt.date(2024, 3, 1)), reference(person, dt.date(2024, 3, 1))]
    assert said(update(MEMBER, refs)) == []
