"""``ocmw esv``: read, check, build, sign, verify and show ESV documents from the terminal."""

from __future__ import annotations

import os
import sys
from pathlib import Path
from typing import NoReturn, cast

import click
from lxml import etree
from rich.console import Console

from cli import INVALID, LazyGroup, existing_file
from esv import jsonmap
from esv.attachments import gpmi_parts, save_contract
from esv.document import Signed, build, read_signed, read_tree, serialize, tree_problems
from esv.errors import InvalidDocument, Problem, SignatureError, SigningKeyError, TrustStoreError
from esv.keys import KeyKind, create_identity, load_identity
from esv.labels import LANGS, Lang
from esv.model import Document
from esv.parsing import DEFAULT_MAX_BYTES, parse_xml
from esv.show import WORDS, render
from esv.signing import DS, Signer, SigningIdentity, TrustStore, sign

input_file = click.Path(dir_okay=False, allow_dash=True, path_type=Path)
max_size_option = click.option(
    "--max-size",
    type=click.IntRange(min=1),
    default=DEFAULT_MAX_BYTES,
    show_default=True,
    help="Refuse documents larger than this many bytes.",
)


@click.group(
    cls=LazyGroup,
    lazy_commands={name: f"exchange.cli:{name}" for name in ("request", "retry", "requests", "answers", "archive")},
)
def esv() -> None:
    """Read, check, build, sign, verify and show ESV documents."""


def _name(path: Path) -> str:
    return "<stdin>" if str(path) == "-" else str(path)


def _source(path: Path, max_size: int) -> bytes | Path:
    """A file is read by the parser itself; standard input is read here, up to the size limit."""
    if str(path) != "-":
        if not path.is_file():
            raise click.BadParameter(f"{path}: no such file", param_hint="FILE")
        return path
    return sys.stdin.buffer.read(max_size + 1)


def _fail(path: Path, problems: list[Problem]) -> NoReturn:
    for problem in problems:
        click.echo(problem.format(_name(path)), err=True)
    sys.exit(INVALID)


def _parse(path: Path, max_size: int) -> etree._ElementTree:
    try:
        return parse_xml(_source(path, max_size), max_bytes=max_size)
    except InvalidDocument as refused:
        _fail(path, refused.problems)


def _parse_bytes(name: str, content: bytes, max_size: int) -> etree._ElementTree:
    try:
        return parse_xml(content, max_bytes=max_size)
    except InvalidDocument as refused:
        _fail(Path(name), refused.problems)


def _read(path: Path, max_size: int) -> Document:
    try:
        return read_tree(_parse(path, max_size))
    except InvalidDocument as invalid:
        _fail(path, invalid.problems)


@esv.command()
@click.argument("files", nargs=-1, required=True, type=input_file)
@max_size_option
def validate(files: tuple[Path, ...], max_size: int) -> None:
    """Check documents: safe parsing, the XSD, then the rules. One line per error:
    FILE:LINE: /PATH: MESSAGE."""
    failed = False
    for path in files:
        try:
            tree = parse_xml(_source(path, max_size), max_bytes=max_size)
            problems = tree_problems(tree)
        except InvalidDocument as refused:
            problems = refused.problems
        for problem in problems:
            click.echo(problem.format(_name(path)))
        if problems:
            failed = True
        else:
            click.echo(f"{_name(path)}: valid {etree.QName(tree.getroot()).localname}")
    sys.exit(INVALID if failed else 0)


@esv.command()
@click.argument("file", type=input_file)
@max_size_option
def parse(file: Path, max_size: int) -> None:
    """Print the JSON form of a document (a signature, if any, is not part of it)."""
    click.echo(jsonmap.dumps(_read(file, max_size)))


@esv.command(name="build")
@click.argument("file", type=input_file)
@max_size_option
def build_command(file: Path, max_size: int) -> None:
    """Print the XML of a document given in its JSON form."""
    source = _source(file, max_size)
    text = source.read_bytes() if isinstance(source, Path) else source
    if len(text) > max_size:
        _fail(file, [Problem(1, "$", f"the JSON is more than the limit of {max_size:,} bytes")])
    try:
        document = jsonmap.loads(text)
        sys.stdout.buffer.write(build(document))
    except InvalidDocument as invalid:
        _fail(file, invalid.problems)


@esv.command(name="sign")
@click.option("--key", "key_file", required=True, type=existing_file, help="Private key, PEM (RSA or ECDSA P-256).")
@click.option("--cert", "cert_file", required=True, type=existing_file, help="The key's certificate, PEM.")
@click.argument("file", type=input_file)
@max_size_option
def sign_command(key_file: Path, cert_file: Path, file: Path, max_size: int) -> None:
    """Print the document with an enveloped signature. An encrypted key's passphrase is read from
    the environment variable OCMW_KEY_PASSPHRASE."""
    try:
        identity = load_identity(key_file, cert_file)
    except SigningKeyError as error:
        raise click.BadParameter(str(error), param_hint="--key/--cert") from None
    tree = _parse(file, max_size)
    problems = tree_problems(tree)
    if problems:
        _fail(file, problems)
    try:
        signed = sign(tree.getroot(), identity)
    except SignatureError as error:
        _fail(file, [Problem(1, "/", str(error))])
    sys.stdout.buffer.write(serialize(signed.getroottree(), pretty=False))


def _trust_store(location: Path) -> TrustStore:
    try:
        return TrustStore.load(location)
    except TrustStoreError as error:
        raise click.BadParameter(str(error), param_hint="--trust") from None


@esv.command()
@click.option("--organisation", required=True, help='The OCMW, as it will be named to others: "OCMW Gent".')
@click.option("--kind", type=click.Choice(["rsa", "ecdsa"]), default="rsa", show_default=True)
@click.option("--days", type=click.IntRange(min=1), default=3 * 365, show_default=True, help="Validity.")
@click.option("--key", "key_file", required=True, type=click.Path(dir_okay=False, path_type=Path))
@click.option("--cert", "cert_file", required=True, type=click.Path(dir_okay=False, path_type=Path))
def keygen(organisation: str, kind: str, days: int, key_file: Path, cert_file: Path) -> None:
    """Create a signing key (readable by its owner only) and its self-signed certificate. Send the
    certificate to the OCMWs you exchange with; keep the key. Existing files are never overwritten."""
    for path in (key_file, cert_file):
        if path.exists():
            raise click.BadParameter(f"{path} exists; choose another name", param_hint="--key/--cert")
    key_pem, cert_pem = create_identity(organisation, kind=cast(KeyKind, kind), days=days)
    descriptor = os.open(key_file, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    with os.fdopen(descriptor, "wb") as file:
        file.write(key_pem)
    cert_file.write_bytes(cert_pem)
    identity = SigningIdentity.load(key_pem, cert_pem)
    click.echo(f"{key_file}: private key; {cert_file}: certificate of {Signer.of(identity.certificate).describe()}")


TRUST_HELP = "Trusted certificates: a PEM file or a folder of .pem/.crt/.cer files."


@esv.command(name="verify")
@click.option("--trust", required=True, type=click.Path(exists=True, path_type=Path), help=TRUST_HELP)
@click.argument("file", type=input_file)
@max_size_option
def verify_command(trust: Path, file: Path, max_size: int) -> None:
    """Check the signature against the trust store, then the signed content. Exit 0 only for a
    valid signature by a trusted certificate on a valid document."""
    signed = _read_signed(file, _parse(file, max_size), _trust_store(trust), max_size)
    click.echo(f"{_name(file)}: signature valid, signed by {signed.signer.describe()}")


def _read_signed(path: Path, tree: etree._ElementTree, store: TrustStore, max_size: int) -> Signed[Document]:
    try:
        return read_signed(tree, store, max_bytes=max_size)
    except SignatureError as error:
        _fail(path, [Problem(1, "/Signature", str(error))])
    except InvalidDocument as invalid:
        _fail(path, invalid.problems)


@esv.command()
@click.argument("what", metavar="FILE_OR_ID")
@click.option("--lang", type=click.Choice(LANGS), default="nl", show_default=True, help="Language of the labels.")
@click.option("--save-pdf", type=click.Path(file_okay=False, path_type=Path), help="Save the GPMI contracts here.")
@click.option("--trust", type=click.Path(exists=True, path_type=Path), help=f"{TRUST_HELP} Verify before showing.")
@click.option("--db", envvar="OCMW_DB_URL", help="With an ID: the database that holds the answer (else OCMW_DB_URL).")
@max_size_option
def show(what: str, lang: str, save_pdf: Path | None, trust: Path | None, db: str | None, max_size: int) -> None:
    """Show a request, an answer or a report as a person reads it: from a file, or the answer
    received to request ID of ``ocmw esv answers`` (verified with the trust store of the database)."""
    language = cast(Lang, lang)
    path = Path(what)
    if what != "-" and not path.exists() and what.isdigit():
        from exchange.cli import received_answer  # only with an ID: the exchange and its database

        content, stored_trust = received_answer(int(what), db)
        tree = _parse_bytes(what, content, max_size)
        trust = trust or stored_trust
    else:
        tree = _parse(path, max_size)
    signature_line = None
    if trust is not None:
        signed = _read_signed(path, tree, _trust_store(trust), max_size)
        document, signer = signed.document, signed.signer
        signature_line = WORDS["verified"][language].format(name=signer.name, fingerprint=signer.fingerprint)
    else:
        if tree.getroot().find(f"{{{DS}}}Signature") is not None:
            signature_line = WORDS["not_checked"][language]
        try:
            document = read_tree(tree)
        except InvalidDocument as invalid:
            _fail(path, invalid.problems)
    saved = {dossier: save_contract(gpmi, save_pdf) for dossier, gpmi in gpmi_parts(document)} if save_pdf else {}
    Console(soft_wrap=False).print(render(document, language, signature=signature_line, saved=saved))
