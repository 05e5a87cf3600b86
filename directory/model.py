"""The documents of the directory, each element described once (``esv.binding``), read and written
by the toolkit's XML machinery as the format ``DIRECTORY`` (``schemas/directory-1.0.xsd``)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Collection, Iterator
from dataclasses import dataclass

from cryptography import x509
from lxml import etree

from esv.binding import element
from esv.errors import Problem
from esv.formats import XmlFormat
from esv.paths import element_path
from ground import kbo, periods, ssins

NAMESPACE = "urn:ocmw-toolkit:directory:1"
VERSION = "1.0"
CERTIFICATES_PER_MEMBER = 8
"""The most certificates a member has in a document (the XSD's ``maxOccurs``): those valid when it is issued."""


@dataclass(frozen=True, kw_only=True)
class Member:
    """A member of the network: an OCMW, the address it answers ESV requests on, and the certificates
    its signatures and its TLS connections are made with."""

    kbo: str = element("Kbo")
    name_nl: str = element("NameNl")
    name_fr: str = element("NameFr")
    address: str = element("Address")
    certificates: tuple[bytes, ...] = element("Certificate", repeated=True)
    """Each certificate as DER."""

    def certificate_objects(self) -> list[x509.Certificate]:
        return [x509.load_der_x509_certificate(der) for der in self.certificates]

    def name(self, lang: str) -> str:
        return self.name_fr if lang == "fr" else self.name_nl


@dataclass(frozen=True, kw_only=True)
class Directory:
    """The signed document of the network's members: every member trusts exactly the certificates
    and addresses of the last valid one it fetched (a higher serial, not expired)."""

    serial: int = element("Serial")
    issued_at: dt.datetime = element("IssuedAt")
    expires_at: dt.datetime = element("ExpiresAt")
    address: str = element("Address")
    """Where the directory takes references and lookups."""
    members: tuple[Member, ...] = element("Member", repeated=True)

    def member(self, kbo_number: str) -> Member | None:
        return next((member for member in self.members if member.kbo == kbo_number), None)


@dataclass(frozen=True, kw_only=True)
class Reference:
    """A person of whom the member holds records over a period (an open end: records still running)."""

    ssin: str = element("Ssin")
    begin: dt.date = element("Begin")
    end: dt.date | None = element("End", optional=True)


@dataclass(frozen=True, kw_only=True)
class ReferenceUpdate:
    """A member's references: those it sets (replacing its earlier one of the person) and the persons it
    withdraws. The directory accepts it only from the member it names."""

    member: str = element("Member")
    created_at: dt.datetime = element("CreatedAt")
    set: tuple[Reference, ...] = element("Set", repeated=True)
    withdraw: tuple[str, ...] = element("Withdraw", repeated=True)


@dataclass(frozen=True, kw_only=True)
class ReferenceReceipt:
    """The directory's receipt of a reference update: how many were set and withdrawn."""

    member: str = element("Member")
    received_at: dt.datetime = element("ReceivedAt")
    set: int = element("Set")
    withdrawn: int = element("Withdrawn")


@dataclass(frozen=True, kw_only=True)
class Lookup:
    """A member asks which other members hold records of a person over a period."""

    lookup_id: str = element("LookupId", token=True)
    asked_at: dt.datetime = element("AskedAt")
    asker: str = element("Asker")
    ssin: str = element("Ssin")
    begin: dt.date = element("Begin")
    end: dt.date = element("End")


@dataclass(frozen=True, kw_only=True)
class LookupAnswer:
    """The members, other than the one asking, that hold records of the person over the period."""

    lookup_id: str = element("LookupId", token=True)
    answered_at: dt.datetime = element("AnsweredAt")
    ssin: str = element("Ssin")
    holders: tuple[str, ...] = element("Holder", repeated=True)


def rule_problems(root: etree._Element, already_reported: Collection[str] = ()) -> list[Problem]:
    """What the XSD cannot state: INSZ and KBO check digits, periods that end on or after they begin."""
    return [problem for problem in _rules(root) if problem.path not in already_reported]


_KBOS = {f"{{{NAMESPACE}}}{name}" for name in ("Kbo", "Asker", "Holder", "Member")}
_SSINS = {f"{{{NAMESPACE}}}{name}" for name in ("Ssin", "Withdraw")}
_SET = f"{{{NAMESPACE}}}Set"
_BEGIN, _END = f"{{{NAMESPACE}}}Begin", f"{{{NAMESPACE}}}End"


def _rules(root: etree._Element) -> Iterator[Problem]:
    numbers = [node for node in root.iter(*_KBOS, *_SSINS) if not len(node)]  # a member holds its KBO in a child
    texts = [(node.text or "").strip() for node in numbers]
    persons = [at for at, node in enumerate(numbers) if node.tag in _SSINS]  # 5 000 in a large update: checked at once
    wrong: dict[int, object] = {
        persons[at]: problem for at, problem in ssins.problems([texts[at] for at in persons]).items()
    }
    for at, node in enumerate(numbers):
        said = kbo.problem(texts[at]) if node.tag in _KBOS else wrong.get(at)
        if said is not None:
            yield Problem(node.sourceline, element_path(node), str(said))
    for node, (begin, end) in _periods(root).items():
        if not (begin and end) or (len(begin) == len(end) == 10 and begin <= end):  # ISO days compare as text
            continue
        try:
            periods.validate(dt.date.fromisoformat(begin), dt.date.fromisoformat(end))
        except (ValueError, periods.ReversedPeriod) as wrong_period:
            yield Problem(node.sourceline, element_path(node), str(wrong_period))


def _periods(root: etree._Element) -> dict[etree._Element, list[str | None]]:
    """Per element that holds a period (the root, each ``Set``): the text of its first ``Begin`` and
    of its first ``End``, ``None`` when it has none. (One pass over the days: asking each of the 5 000
    ``Set`` of a large update for its children by path takes ten times as long.)"""
    held: dict[etree._Element, list[str | None]] = {}
    for day in root.iter(_BEGIN, _END):
        node = day.getparent()
        if node is root or (node is not None and node.tag == _SET):
            texts = held.setdefault(node, [None, None])
            at = 0 if day.tag == _BEGIN else 1
            if texts[at] is None:
                texts[at] = day.text or ""
    return held


ROOTS = {cls.__name__: cls for cls in (Directory, ReferenceUpdate, ReferenceReceipt, Lookup, LookupAnswer)}
DIRECTORY = XmlFormat(
    name="directory",
    namespace=NAMESPACE,
    version=VERSION,
    roots=ROOTS,
    schema_file="directory-1.0.xsd",
    rules="directory.model:rule_problems",
)
