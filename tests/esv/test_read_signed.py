"""One way to read a signed document: parse, signature against the trust, format, model; and what
can still be read of a request that is refused."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from lxml import etree

from esv import model
from esv.document import InvalidSignedDocument, build_tree, read, read_signed, serialize
from esv.errors import InvalidDocument, SignatureError, UntrustedSigner
from esv.outline import UNKNOWN_REQUEST_ID, claimed_request_id, outline
from esv.parsing import parse_xml
from esv.signing import TrustStore, sign
from tests.conftest import ESV_FIXTURES, Identity


def signed(identity: Identity, name: str, change: tuple[bytes, bytes] | None = None) -> bytes:
    """The fixture ``name``, with a change made before it is signed (so that the signature holds)."""
    tree = build_tree(read(ESV_FIXTURES / name))
    if change is not None:
        tree = parse_xml(serialize(tree, pretty=False).replace(*change))
    return serialize(sign(tree.getroot(), identity.signing).getroottree(), pretty=False)


def test_a_signed_document_reads_as_its_model_and_its_signer(rsa_identity: Identity, trust_dir: Path) -> None:
    result = read_signed(signed(rsa_identity, "response-ok.xml"), TrustStore.load(trust_dir), model.EsvResponse)
    assert isinstance(result.document, model.EsvResponse)
    assert result.document.responder.name == "CPAS de Liège"
    assert result.signer.organisation == "OCMW Testgem"


def test_a_document_of_another_root_than_expected_is_refused_naming_its_signer(
    rsa_identity: Identity, trust_dir: Path
) -> None:
    with pytest.raises(InvalidSignedDocument) as refused:
        read_signed(signed(rsa_identity, "response-ok.xml"), TrustStore.load(trust_dir), model.EsvRequest)
    assert [problem.message for problem in refused.value.problems] == [
        "the document is EsvResponse; expected EsvRequest"
    ]
    assert refused.value.signer.organisation == "OCMW Testgem"


def test_an_invalid_document_signed_by_a_trusted_certificate_names_its_signer_and_problems(
    rsa_identity: Identity, trust_dir: Path
) -> None:
    data = signed(rsa_identity, "request-with-consent.xml", (b"<Ssin>92021416206", b"<Ssin>92021416207"))
    with pytest.raises(InvalidSignedDocument) as refused:
        read_signed(data, TrustStore.load(trust_dir))
    assert [problem.path for problem in refused.value.problems] == ["/EsvRequest/Ssin"]
    said = outline(refused.value.tree)
    assert (said.ssin, said.requester_kbo, said.begin, said.end) == (
        "92021416207",
        "0212345668",
        dt.date(2025, 1, 1),
        dt.date(2026, 10, 31),
    )


def test_a_signature_by_an_untrusted_certificate_is_refused_before_the_content_is_read(
    stranger: Identity, trust_dir: Path
) -> None:
    with pytest.raises(UntrustedSigner):
        read_signed(signed(stranger, "request-with-consent.xml"), TrustStore.load(trust_dir))


def test_content_changed_after_signing_is_refused(rsa_identity: Identity, trust_dir: Path) -> None:
    data = signed(rsa_identity, "response-ok.xml").replace(b"DE SMET", b"DE SMIT")
    with pytest.raises(SignatureError, match="digest mismatch"):
        read_signed(data, TrustStore.load(trust_dir))


def test_bytes_that_are_no_xml_are_invalid_before_any_signature_is_looked_for(trust_dir: Path) -> None:
    with pytest.raises(InvalidDocument) as refused:
        read_signed(b"hello", TrustStore.load(trust_dir))
    assert not isinstance(refused.value, InvalidSignedDocument)


@pytest.mark.parametrize(
    ("request_id", "claimed"),
    [("GENT-2026-1", "GENT-2026-1"), ("x" * 64, "x" * 64), ("x" * 65, UNKNOWN_REQUEST_ID), ("a b", UNKNOWN_REQUEST_ID),
     ("", UNKNOWN_REQUEST_ID)],
)  # fmt: skip
def test_a_refused_requests_own_id_is_used_only_when_it_has_the_formats_shape(request_id: str, claimed: str) -> None:
    tree = etree.ElementTree(
        etree.fromstring(f'<EsvRequest xmlns="{model.NAMESPACE}"><RequestId>{request_id}</RequestId></EsvRequest>')
    )
    assert claimed_request_id(tree) == claimed


def test_what_cannot_be_read_of_a_refused_request_stays_empty() -> None:
    tree = etree.ElementTree(
        etree.fromstring(
            f'<EsvRequest xmlns="{model.NAMESPACE}"><Ssin>9202141620X</Ssin><Period><Begin>2025-02-30</Begin>'
            "<End>31/12/2025</End></Period></EsvRequest>"
        )
    )
    said = outline(tree)
    assert (said.request_id, said.requester_kbo, said.ssin, said.begin, said.end) == (
        UNKNOWN_REQUEST_ID,
        "",
        None,
        None,
        None,
    )
