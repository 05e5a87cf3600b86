"""Enveloped signatures: made with RSA or ECDSA P-256, accepted only from a trusted certificate,
and after verification only the signed content is used."""

from __future__ import annotations

import copy
import datetime as dt
from pathlib import Path

import pytest
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric import ec
from lxml import etree

from esv.document import build_tree, problems, read, read_tree, serialize
from esv.errors import SignatureError, SigningKeyError, TrustStoreError
from esv.parsing import parse_xml
from esv.signing import DS, Signer, SigningIdentity, TrustStore, sign, verify
from tests.conftest import ESV_FIXTURES, FIXTURES, Identity, make_identity

EXCLUSIVE_C14N = "http://www.w3.org/2001/10/xml-exc-c14n#"


def signed_bytes(identity: Identity, name: str = "response-ok.xml") -> bytes:
    tree = build_tree(read(ESV_FIXTURES / name))
    return serialize(sign(tree.getroot(), identity.signing).getroottree(), pretty=False)


def refusal(data: bytes, trust: Path) -> str:
    with pytest.raises(SignatureError) as refused:
        verify(parse_xml(data), TrustStore.load(trust))
    return str(refused.value)


@pytest.mark.parametrize("kind", ["rsa_identity", "ecdsa_identity"])
def test_a_signed_document_verifies_and_still_validates(
    kind: str, request: pytest.FixtureRequest, trust_dir: Path
) -> None:
    identity: Identity = request.getfixturevalue(kind)
    data = signed_bytes(identity)
    assert problems(data) == []
    verified = verify(parse_xml(data), TrustStore.load(trust_dir))
    assert read_tree(verified.tree) == read(ESV_FIXTURES / "response-ok.xml")
    assert verified.signer == Signer.of(identity.signing.certificate)


@pytest.mark.parametrize(
    ("kind", "method"),
    [
        ("rsa_identity", "http://www.w3.org/2001/04/xmldsig-more#rsa-sha256"),
        ("ecdsa_identity", "http://www.w3.org/2001/04/xmldsig-more#ecdsa-sha256"),
    ],
)
def test_the_signature_is_enveloped_exclusive_c14n_sha256_with_the_certificate(
    kind: str, method: str, request: pytest.FixtureRequest
) -> None:
    identity: Identity = request.getfixturevalue(kind)
    root = etree.fromstring(signed_bytes(identity))
    signature = root[-1]
    assert signature.tag == f"{{{DS}}}Signature"
    ns = {"ds": DS}
    assert (
        signature.xpath("string(ds:SignedInfo/ds:CanonicalizationMethod/@Algorithm)", namespaces=ns) == EXCLUSIVE_C14N
    )
    assert signature.xpath("string(ds:SignedInfo/ds:SignatureMethod/@Algorithm)", namespaces=ns) == method
    assert signature.xpath("string(ds:SignedInfo/ds:Reference/@URI)", namespaces=ns) == ""
    assert signature.xpath("string(ds:SignedInfo/ds:Reference/ds:DigestMethod/@Algorithm)", namespaces=ns).endswith(
        "#sha256"
    )
    assert len(signature.xpath("ds:KeyInfo/ds:X509Data/ds:X509Certificate", namespaces=ns)) == 1


def test_changed_content_does_not_verify(rsa_identity: Identity, trust_dir: Path) -> None:
    data = signed_bytes(rsa_identity).replace(b"<MonthlyAmount>1767.34<", b"<MonthlyAmount>9767.34<")
    assert refusal(data, trust_dir) == (
        "the signature is not valid: the signed content was changed after signing (digest mismatch)"
    )


def test_a_damaged_signature_value_does_not_verify(rsa_identity: Identity, trust_dir: Path) -> None:
    data = signed_bytes(rsa_identity)
    start = data.index(b"<ds:SignatureValue>") + len(b"<ds:SignatureValue>")
    damaged = data[:start] + (b"A" if data[start : start + 1] != b"A" else b"B") + data[start + 1 :]
    assert (
        refusal(damaged, trust_dir)
        == "the signature is not valid: the signature value does not match the signed information"
    )


def test_a_certificate_outside_the_trust_store_is_refused(stranger: Identity, trust_dir: Path) -> None:
    message = refusal(signed_bytes(stranger), trust_dir)
    assert message.startswith("the signer is not trusted: Niet Vertrouwd ESV, Niet Vertrouwd (certificate SHA-256 ")
    assert message.endswith("is not in the trust store")


def test_an_unsigned_document_does_not_verify(trust_dir: Path) -> None:
    assert refusal((ESV_FIXTURES / "response-ok.xml").read_bytes(), trust_dir) == "the document is not signed"


def test_an_expired_certificate_is_refused(tmp_path: Path) -> None:
    past = dt.datetime.now(dt.UTC) - dt.timedelta(days=400)
    expired = make_identity("Verlopen", not_before=past, days=30)
    (tmp_path / "expired.pem").write_bytes(expired.cert_pem)
    assert "not valid" in refusal(signed_bytes(expired), tmp_path).lower()


def test_wrapping_new_content_around_a_valid_signature_is_refused(rsa_identity: Identity, trust_dir: Path) -> None:
    """The attacker keeps the signature of a genuine answer and puts other content around it."""
    genuine = etree.fromstring(signed_bytes(rsa_identity))
    forged = etree.fromstring((ESV_FIXTURES / "response-gpmi-withheld.xml").read_bytes())
    forged.append(copy.deepcopy(genuine[-1]))
    assert "digest mismatch" in refusal(etree.tostring(forged), trust_dir)


def test_a_signature_over_part_of_the_document_is_refused(rsa_identity: Identity, trust_dir: Path) -> None:
    """The signature points (URI="#...") at a signed copy hidden in the document, not at the whole."""
    data = signed_bytes(rsa_identity).replace(b'<ds:Reference URI="">', b'<ds:Reference URI="#genuine">')
    assert refusal(data, trust_dir) == 'the signature must cover the whole document: one Reference with URI=""'


def test_a_second_signature_is_refused(rsa_identity: Identity, trust_dir: Path) -> None:
    root = etree.fromstring(signed_bytes(rsa_identity))
    root.insert(0, copy.deepcopy(root[-1]))
    assert (
        refusal(etree.tostring(root), trust_dir) == "the document holds 2 signatures; an ESV document has exactly one"
    )


def test_a_signature_inside_the_content_is_refused(rsa_identity: Identity, trust_dir: Path) -> None:
    root = etree.fromstring(signed_bytes(rsa_identity))
    signature = root[-1]
    root.remove(signature)
    root[2].append(signature)
    assert refusal(etree.tostring(root), trust_dir) == (
        "the signature must be a direct child of the root element (enveloped)"
    )


def test_only_the_signed_content_comes_out_of_verification(rsa_identity: Identity, trust_dir: Path) -> None:
    """A comment added after signing is outside what exclusive c14n signs: it is not handed back."""
    data = signed_bytes(rsa_identity).replace(b"<Status>", b"<!-- status changed by hand --><Status>")
    verified = verify(parse_xml(data), TrustStore.load(trust_dir))
    assert b"changed by hand" not in etree.tostring(verified.tree)
    assert verified.tree.getroot().find(f"{{{DS}}}Signature") is None


def test_a_signed_document_cannot_be_signed_again(rsa_identity: Identity) -> None:
    root = etree.fromstring(signed_bytes(rsa_identity))
    with pytest.raises(SignatureError, match="already signed"):
        sign(root, rsa_identity.signing)


def test_the_shipped_signed_fixtures_verify_with_the_shipped_trust_store() -> None:
    trust = TrustStore.load(FIXTURES / "keys" / "trust")
    for name, signer in (("response-ok.signed.xml", "CPAS de Liège"), ("request-with-consent.signed.xml", "OCMW Gent")):
        verified = verify(parse_xml(ESV_FIXTURES / name), trust)
        assert verified.signer.organisation == signer


def test_ecdsa_keys_must_be_on_p256(rsa_identity: Identity) -> None:
    key = ec.generate_private_key(ec.SECP384R1())
    pem = key.private_bytes(serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8, serialization.NoEncryption())
    with pytest.raises(SigningKeyError, match="P-256 curve, not secp384r1"):
        SigningIdentity.load(pem, rsa_identity.cert_pem)


def test_the_certificate_must_belong_to_the_key(rsa_identity: Identity, ecdsa_identity: Identity) -> None:
    with pytest.raises(SigningKeyError, match="does not belong to the key"):
        SigningIdentity.load(rsa_identity.key_pem, ecdsa_identity.cert_pem)


def test_a_file_that_is_not_a_key_is_refused(rsa_identity: Identity) -> None:
    with pytest.raises(SigningKeyError, match="the key cannot be read"):
        SigningIdentity.load(b"not a key", rsa_identity.cert_pem)


def test_a_trust_store_may_be_one_file_with_several_certificates(
    tmp_path: Path, rsa_identity: Identity, ecdsa_identity: Identity
) -> None:
    bundle = tmp_path / "bundle.pem"
    bundle.write_bytes(rsa_identity.cert_pem + ecdsa_identity.cert_pem)
    assert len(TrustStore.load(bundle).certificates) == 2
    verify(parse_xml(signed_bytes(ecdsa_identity)), TrustStore.load(bundle))


def test_an_empty_trust_folder_is_an_error(tmp_path: Path) -> None:
    with pytest.raises(TrustStoreError, match="holds no certificate"):
        TrustStore.load(tmp_path)


def test_a_trust_file_that_is_not_pem_is_an_error(tmp_path: Path) -> None:
    (tmp_path / "broken.pem").write_text("hello")
    with pytest.raises(TrustStoreError, match="not a PEM certificate file"):
        TrustStore.load(tmp_path)


def test_a_key_given_as_the_certificate_is_named_so(rsa_identity: Identity) -> None:
    with pytest.raises(SigningKeyError, match=r"^the certificate file holds a private key, not a certificate$"):
        SigningIdentity.load(rsa_identity.key_pem, rsa_identity.key_pem)
