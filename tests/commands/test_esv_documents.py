"""The ``ocmw esv`` commands: their output and their exit codes (0 ok, 1 invalid, 2 usage)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner, Result

from cli import main
from esv.document import read
from tests.conftest import ESV_FIXTURES, FIXTURES, INVALID_FIXTURES, Identity
from tests.printed import values

KEYS = FIXTURES / "keys"


def run(*args: str | Path, stdin: bytes | None = None) -> Result:
    return CliRunner(env={"COLUMNS": "200"}).invoke(main, [str(arg) for arg in args], input=stdin)


def test_validate_prints_valid_files_and_exits_0() -> None:
    result = run("esv", "validate", ESV_FIXTURES / "request-with-consent.xml", ESV_FIXTURES / "social-report.xml")
    assert result.exit_code == 0
    assert result.stdout.splitlines() == [
        f"{ESV_FIXTURES / 'request-with-consent.xml'}: valid EsvRequest",
        f"{ESV_FIXTURES / 'social-report.xml'}: valid SocialReport",
    ]


def test_validate_prints_one_line_per_error_as_file_line_path_message_and_exits_1() -> None:
    bad = INVALID_FIXTURES / "reversed-period.xml"
    result = run("esv", "validate", ESV_FIXTURES / "request-with-consent.xml", bad)
    assert result.exit_code == 1
    assert result.stdout.splitlines()[1] == (
        f"{bad}:11: /EsvRequest/Period: the period ends before it begins: Begin 2026-12-01 is after End 2026-10-31"
    )


def test_validate_reads_standard_input() -> None:
    result = run("esv", "validate", "-", stdin=b"<EsvRequest/>")
    assert result.exit_code == 1
    assert result.stdout.startswith("<stdin>:1: /EsvRequest: the root element is in no namespace")


def test_validate_without_files_is_a_usage_error() -> None:
    assert run("esv", "validate").exit_code == 2


def test_a_missing_file_is_a_usage_error() -> None:
    result = run("esv", "validate", "no-such-file.xml")
    assert result.exit_code == 2
    assert "no such file" in result.stderr


def test_parse_prints_the_json_form() -> None:
    result = run("esv", "parse", ESV_FIXTURES / "request-with-consent.xml")
    assert result.exit_code == 0
    assert json.loads(result.stdout)["ssin"] == "92021416206"


def test_parse_of_an_invalid_document_prints_its_problems_and_exits_1() -> None:
    result = run("esv", "parse", INVALID_FIXTURES / "bad-kbo-check-digits.xml")
    assert result.exit_code == 1
    assert result.stdout == ""
    assert "/SocialReport/Ocmw/Kbo: KBO/BCE number 0212.345.669 has wrong check digits" in result.stderr


@pytest.mark.parametrize("name", ["response-ok.xml", "request-without-consent.xml", "response-error.xml"])
def test_parse_then_build_gives_back_the_same_document(name: str, tmp_path: Path) -> None:
    parsed = run("esv", "parse", ESV_FIXTURES / name)
    (tmp_path / "doc.json").write_text(parsed.stdout)
    built = run("esv", "build", tmp_path / "doc.json")
    assert built.exit_code == 0
    assert built.stdout_bytes == (ESV_FIXTURES / name).read_bytes()


def test_build_of_broken_json_lists_every_problem_and_exits_1(tmp_path: Path) -> None:
    data = json.loads((ESV_FIXTURES / "response-ok.json").read_text())
    data["responded_at"] = "yesterday"
    data["status"] = "fine"
    (tmp_path / "bad.json").write_text(json.dumps(data))
    result = run("esv", "build", tmp_path / "bad.json")
    assert result.exit_code == 1
    assert [line.split(": ")[1] for line in result.stderr.splitlines()] == ["$.responded_at", "$.status"]


def test_sign_then_verify(tmp_path: Path, rsa_identity: Identity, trust_dir: Path) -> None:
    (tmp_path / "key.pem").write_bytes(rsa_identity.key_pem)
    (tmp_path / "cert.pem").write_bytes(rsa_identity.cert_pem)
    signed = run(
        "esv", "sign", "--key", tmp_path / "key.pem", "--cert", tmp_path / "cert.pem", ESV_FIXTURES / "response-ok.xml"
    )
    assert signed.exit_code == 0
    (tmp_path / "signed.xml").write_bytes(signed.stdout_bytes)
    verified = run("esv", "verify", "--trust", trust_dir, tmp_path / "signed.xml")
    assert verified.exit_code == 0
    assert "signature valid, signed by OCMW Testgem ESV, OCMW Testgem (certificate SHA-256" in verified.stdout


def test_sign_refuses_an_invalid_document(tmp_path: Path) -> None:
    result = run(
        "esv",
        "sign",
        "--key",
        KEYS / "ocmw-gent.key.pem",
        "--cert",
        KEYS / "ocmw-gent.cert.pem",
        INVALID_FIXTURES / "negative-amount.xml",
    )
    assert result.exit_code == 1
    assert "'-1767.34' is not allowed" in result.stderr


def test_sign_with_a_certificate_of_another_key_is_a_usage_error() -> None:
    result = run(
        "esv",
        "sign",
        "--key",
        KEYS / "ocmw-gent.key.pem",
        "--cert",
        KEYS / "cpas-liege.cert.pem",
        ESV_FIXTURES / "request-with-consent.xml",
    )
    assert result.exit_code == 2
    assert "the certificate does not belong to the key" in result.stderr


def test_verify_of_an_unsigned_document_exits_1() -> None:
    result = run("esv", "verify", "--trust", KEYS / "trust", ESV_FIXTURES / "response-ok.xml")
    assert result.exit_code == 1
    assert result.stderr.strip().endswith("/Signature: the document is not signed")


def test_verify_with_an_untrusted_signer_exits_1(ecdsa_identity: Identity, tmp_path: Path) -> None:
    (tmp_path / "other.pem").write_bytes(ecdsa_identity.cert_pem)
    result = run("esv", "verify", "--trust", tmp_path / "other.pem", ESV_FIXTURES / "response-ok.signed.xml")
    assert result.exit_code == 1
    assert "the signer is not trusted: CPAS de Liège ESV, CPAS de Liège" in result.stderr


def test_verify_with_an_empty_trust_folder_is_a_usage_error(tmp_path: Path) -> None:
    result = run("esv", "verify", "--trust", tmp_path, ESV_FIXTURES / "response-ok.signed.xml")
    assert result.exit_code == 2
    assert "holds no certificate" in result.stderr


def test_show_lays_out_the_report_and_saves_the_pdf(tmp_path: Path) -> None:
    result = run(
        "esv", "show", ESV_FIXTURES / "response-ok.signed.xml", "--trust", KEYS / "trust", "--save-pdf", tmp_path
    )
    assert result.exit_code == 0
    text = result.stdout
    for words in (
        "Handtekening:",
        "geldig, ondertekend door OCMW Luik",  # as the trust folder names the certificate
        "Creatiedatum van het verslag:  02/11/2026",
        "Identificatie van het OCMW",
        "Hoofdbegunstigde",
        "INSZ:      92.02.14-162.06",
        "Beslissing 1: RMI-wet 26/05/2002 (leefloon) [01/02/2025]",
        "Soort beslissing:",
        "leefloon, categorie 3: persoon met gezinslast, 1.767,34 € per maand",
        "Elementen die in aanmerking werden genomen voor de berekening van de hulp:",
        "GPMI-dossier",
        "GPMI opleiding",
    ):
        assert words in text
    saved = tmp_path / "gpmi-C-2025-0147-v2.pdf"
    assert saved.read_bytes() == (ESV_FIXTURES / "contract-gpmi.pdf").read_bytes()
    assert saved.stat().st_mode & 0o077 == 0
    assert str(saved) in text


def test_show_into_a_pipe_is_as_wide_as_the_other_tables_and_pads_no_line() -> None:
    result = CliRunner(env={"COLUMNS": ""}).invoke(main, ["esv", "show", str(ESV_FIXTURES / "response-ok.signed.xml")])
    assert result.exit_code == 0
    lines = result.stdout.splitlines()
    assert "Beslissing 3: OCMW-wet 08/07/1976 (maatschappelijke dienstverlening) [01/03/2026]" in lines  # 84 wide
    assert [line for line in lines if line != line.rstrip()] == []
    assert max(len(line) for line in lines) <= 120


def test_show_in_french() -> None:
    result = run("esv", "show", ESV_FIXTURES / "response-gpmi-withheld.xml", "--lang", "fr")
    assert result.exit_code == 0
    for words in (
        "Réponse RSE",
        "Bénéficiaire principal",
        "Type de décision\u00a0:",  # French sets a space before the colon
        "0207.654.333",  # the KBO as people write it
        "octroi",
        "Dossier PIIS",
        "PIIS non communiqué\u00a0:",
        "pas d'accord du citoyen",
        "1\u202f767,34 €",
    ):
        assert words in result.stdout


def test_ocmw_lang_chooses_the_language_of_every_command_and_lang_still_wins() -> None:
    def show(language: str, *given: str) -> Result:
        report = str(ESV_FIXTURES / "response-gpmi-withheld.xml")
        return CliRunner(env={"OCMW_LANG": language}).invoke(main, ["esv", "show", report, *given])

    assert "Réponse RSE" in show("fr").stdout
    assert "Antwoord ESV" in show("fr", "--lang", "nl").stdout
    wrong = show("de")
    assert wrong.exit_code == 2 and "'de' is not one of 'nl', 'fr'" in wrong.output


def test_show_of_a_signed_document_without_trust_says_the_signature_was_not_checked() -> None:
    result = run("esv", "show", ESV_FIXTURES / "request-with-consent.signed.xml")
    assert result.exit_code == 0
    assert "niet gecontroleerd" in result.stdout


def test_show_refuses_a_tampered_document_when_asked_to_verify(tmp_path: Path) -> None:
    data = (ESV_FIXTURES / "response-ok.signed.xml").read_bytes().replace(b"DE SMET", b"DE SMIT")
    (tmp_path / "tampered.xml").write_bytes(data)
    result = run("esv", "show", tmp_path / "tampered.xml", "--trust", KEYS / "trust")
    assert result.exit_code == 1
    assert "digest mismatch" in result.stderr
    assert result.stdout == ""


def test_show_of_an_error_answer_and_an_unknown_person() -> None:
    error = run("esv", "show", ESV_FIXTURES / "response-error.xml")
    assert "Antwoord met fout" in error.stdout
    assert "Ongeldige periode: De einddatum 2024-01-01 ligt voor de begindatum 2025-01-01." in error.stdout
    unknown = run("esv", "show", ESV_FIXTURES / "response-unknown-person.xml")
    assert "Onbekende persoon" in unknown.stdout


def test_show_a_request() -> None:
    result = run("esv", "show", ESV_FIXTURES / "request-with-consent.xml")
    assert "Aanvraag ESV" in result.stdout
    assert "van 01/10/2026 tot 31/03/2027: ja" in result.stdout
    assert read(ESV_FIXTURES / "request-with-consent.xml")


def test_keygen_creates_a_private_key_and_a_certificate_that_sign_and_verify(tmp_path: Path) -> None:
    created = run(
        "esv", "keygen", "--organisation", "OCMW Mol", "--kind", "ecdsa",
        "--key", tmp_path / "mol.key", "--cert", tmp_path / "mol.pem",
    )  # fmt: skip
    assert created.exit_code == 0
    assert "certificate of OCMW Mol ESV, OCMW Mol" in created.stdout
    assert (tmp_path / "mol.key").stat().st_mode & 0o077 == 0
    request = ESV_FIXTURES / "request-with-consent.xml"
    signed = run("esv", "sign", "--key", tmp_path / "mol.key", "--cert", tmp_path / "mol.pem", request)
    (tmp_path / "signed.xml").write_bytes(signed.stdout_bytes)
    assert run("esv", "verify", "--trust", tmp_path / "mol.pem", tmp_path / "signed.xml").exit_code == 0


def test_keygen_never_overwrites_a_key(tmp_path: Path) -> None:
    (tmp_path / "existing.key").write_text("precious")
    result = run(
        "esv", "keygen", "--organisation", "OCMW Mol", "--key", tmp_path / "existing.key", "--cert", tmp_path / "c.pem"
    )  # fmt: skip
    assert result.exit_code == 2
    assert (tmp_path / "existing.key").read_text() == "precious"


@pytest.mark.parametrize("width", [34, 40])
def test_a_french_amount_is_never_split_at_its_narrow_space(width: int) -> None:
    document = ["esv", "show", str(ESV_FIXTURES / "response-ok.xml"), "--lang", "fr"]
    wide = CliRunner(env={"COLUMNS": "200"}).invoke(main, document).stdout
    narrow = CliRunner(env={"COLUMNS": str(width)}).invoke(main, document).stdout
    assert values(wide)["1\u202f767,34 €"] == 1
    assert values(narrow) == values(wide)
