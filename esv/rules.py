"""The rules of the format that the XSD cannot state, checked on the parsed tree.

Each rule is a small function named after the spec's words, with the spec's sentence as its
docstring; it yields a located ``Problem`` per breach. Rules skip values the XSD already refuses
(an impossible date cannot be compared), so each fault is reported once, by the layer that owns it.
"""

from __future__ import annotations

from collections.abc import Callable, Collection, Iterator
from datetime import date

from lxml import etree

from esv.errors import Problem
from esv.model import NAMESPACE
from esv.paths import element_path
from esv.scalars import from_text
from ground import kbo, periods, ssin

NS = {"esv": NAMESPACE}
Rule = Callable[[etree._Element], Iterator[Problem]]


def _problem(node: etree._Element, message: str, attribute: str | None = None) -> Problem:
    path = element_path(node) + (f"/@{attribute}" if attribute else "")
    return Problem(node.sourceline, path, message)


def _text(node: etree._Element, child: str) -> str | None:
    found = node.find(f"esv:{child}", NS)
    return None if found is None else (found.text or "").strip()


def _date(node: etree._Element, child: str) -> date | None:
    text = _text(node, child)
    try:
        return None if text is None else from_text(date, text)
    except ValueError:
        return None


def ssin_check_digits(root: etree._Element) -> Iterator[Problem]:
    """``Ssin``: INSZ/NISS or BIS number, check digits valid (mod 97, with the 2 prefix rule for
    births from 2000)."""
    for node in root.iterfind(".//esv:Ssin", NS):
        text = (node.text or "").strip()
        problem = ssin.problem(text) if len(text) == 11 and text.isdigit() else None
        if problem:
            yield _problem(node, str(problem))


def kbo_check_digits(root: etree._Element) -> Iterator[Problem]:
    """``Kbo``: KBO/BCE enterprise number, 10 digits, starting 0 or 1, mod-97 check digits valid."""
    for node in root.iterfind(".//esv:Kbo", NS):
        text = (node.text or "").strip()
        problem = kbo.problem(text) if len(text) == 10 and text.isdigit() and text[0] in "01" else None
        if problem:
            yield _problem(node, str(problem))


PERIODS = (
    ("Period", "Begin", "End", "the period"),
    ("GpmiConsent", "From", "To", "the consent period"),
    ("Consent", "From", "To", "the consent period"),
    ("Gpmi", "Start", "End", "the GPMI period"),
)


def periods_in_order(root: etree._Element) -> Iterator[Problem]:
    """``Period``: ``Begin <= End``. The same holds for a consent (``From <= To``) and a GPMI
    (``Start <= End``): a period that ends before it begins means nothing."""
    for element, first, last, what in PERIODS:
        for node in root.iterfind(f".//esv:{element}", NS):
            begin, end = _date(node, first), _date(node, last)
            if begin is None or end is None:
                continue
            try:
                periods.validate(begin, end)
            except periods.ReversedPeriod:
                yield _problem(
                    node, f"{what} ends before it begins: {first} {begin.isoformat()} is after {last} {end.isoformat()}"
                )


def status_matches_content(root: etree._Element) -> Iterator[Problem]:
    """``Error`` is present exactly when ``Status`` is ``error``; ``SocialReport`` exactly when
    ``Status`` is ``ok``; an ``unknown_person`` answer carries neither."""
    if etree.QName(root).localname != "EsvResponse":
        return
    status = _text(root, "Status")
    if status not in ("ok", "unknown_person", "error"):
        return
    has_error = root.find("esv:Error", NS) is not None
    has_report = root.find("esv:SocialReport", NS) is not None
    where = root.find("esv:Status", NS)
    assert where is not None
    if status == "error" and not has_error:
        yield _problem(where, "status is error but there is no Error element saying which")
    if status != "error" and has_error:
        yield _problem(where, f"status is {status} but the answer carries an Error; use status error")
    if status == "ok" and not has_report:
        yield _problem(where, "status is ok but there is no SocialReport")
    if status != "ok" and has_report:
        yield _problem(where, f"status is {status} but the answer carries a SocialReport; only ok answers do")


def decisions_in_number_order(root: etree._Element) -> Iterator[Problem]:
    """``Decision``: beslissingen, in ``Number`` order."""
    for dossier in root.iterfind(".//esv:Dossier", NS):
        previous = 0
        for decision in dossier.iterfind("esv:Decision", NS):
            text = _text(decision, "Number")
            if not (text and text.isdigit()):
                continue
            if int(text) < previous:
                yield _problem(
                    decision, f"decision {int(text)} comes after decision {previous}; list decisions by number"
                )
            previous = max(previous, int(text))


def gpmi_only_with_consent(root: etree._Element) -> Iterator[Problem]:
    """``Gpmi``: the latest validated GPMI contract, only with consent (its ``Consent`` is granted)."""
    for consent in root.iterfind(".//esv:Gpmi/esv:Consent", NS):
        if _text(consent, "Granted") in ("false", "0"):
            yield _problem(consent, "a GPMI contract is sent only with the person's consent, but Granted is false")


def contract_is_declared_pdf(root: etree._Element) -> Iterator[Problem]:
    """The ``Contract`` bytes must be a PDF (``%PDF-`` header, parseable), ``size`` and ``sha256`` must
    match the decoded bytes; a reader refuses a mismatch."""
    for node in root.iterfind(".//esv:Gpmi/esv:Contract", NS):
        try:
            pdf = from_text(bytes, node.text or "")
        except ValueError as error:
            yield _problem(node, str(error))
            continue
        size = node.get("size", "")
        if not size.isdigit():
            continue
        from esv.pdf import contract_problems  # pypdf is loaded for documents that carry a contract only

        for message in contract_problems(pdf, declared_size=int(size), declared_sha256=node.get("sha256", "")):
            yield _problem(node, message)


RULES: tuple[Rule, ...] = (
    ssin_check_digits,
    kbo_check_digits,
    periods_in_order,
    status_matches_content,
    decisions_in_number_order,
    gpmi_only_with_consent,
    contract_is_declared_pdf,
)


def rule_problems(root: etree._Element, already_reported: Collection[str] = ()) -> list[Problem]:
    """Every breach of the rules, except at paths the schema layer already reported."""
    return [problem for rule in RULES for problem in rule(root) if problem.path not in already_reported]
