"""``ocmw esv validate|parse|build|sign|verify|show|keygen``: ESV documents from the terminal. A
document's problems are one line each, ``FILE:LINE: /PATH: MESSAGE``."""

from __future__ import annotations

import os
import sys
from pathlib import Path
from typing import TYPE_CHECKING, NoReturn, cast, get_args

import click

from commands.options import TRUST_HELP, existing_file, input_file, lang_option, max_size_option
from esv.errors import InvalidDocument, Problem, SignatureError
from esv.keys import KeyKind, create_identity, load_identity
from ground.lang import Lang

if TYPE_CHECKING:  # the XML stack is loaded by the commands, not by `ocmw esv --help`
    from lxml import etree

    from esv.document import Signed
    from esv.model import Document
    from esv.signing import TrustStore
    from exchange.peers import Peers


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
    sys.exit(InvalidDocument.exit_code)


def _parse(path: Path, content: bytes | Path, max_size: int) -> etree._ElementTree:
    from esv.parsing import parse_xml

    try:
        return parse_xml(content, max_bytes=max_size)
    except InvalidDocument as refused:
        _fail(path, refused.problems)


def _read(path: Path, max_size: int) -> Document:
    from esv.document import read_tree

    try:
        return read_tree(_parse(path, _source(path, max_size), max_size))
    except InvalidDocument as invalid:
        _fail(path, invalid.problems)


def _read_signed(path: Path, tree: etree._ElementTree, store: TrustStore, max_size: int) -> Signed[Document]:
    from esv.document import read_signed

    try:
        return read_signed(tree, store, max_bytes=max_size)
    except SignatureError as error:
        _fail(path, [Problem(1, "/Signature", str(error))])
    except InvalidDocument as invalid:
        _fail(path, invalid.problems)


@click.command()
@click.argument("files", nargs=-1, required=True, type=input_file)
@max_size_option
def validate(files: tuple[Path, ...], max_size: int) -> None:
    """Check documents: safe parsing, the XSD, then the rules. One line per error:
    FILE:LINE: /PATH: MESSAGE."""
    from lxml import etree

    from esv.document import tree_problems
    from esv.parsing import parse_xml

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
    sys.exit(InvalidDocument.exit_code if failed else 0)


@click.command()
@click.argument("file", type=input_file)
@max_size_option
def parse(file: Path, max_size: int) -> None:
    """Print the JSON form of a document (a signature, if any, is not part of it)."""
    from esv import jsonmap

    click.echo(jsonmap.dumps(_read(file, max_size)))


@click.command(name="build")
@click.argument("file", type=input_file)
@max_size_option
def build_command(file: Path, max_size: int) -> None:
    """Print the XML of a document given in its JSON form."""
    from esv import jsonmap
    from esv.document import build

    source = _source(file, max_size)
    text = source.read_bytes() if isinstance(source, Path) else source
    if len(text) > max_size:
        _fail(file, [Problem(1, "$", f"the JSON is more than the limit of {max_size:,} bytes")])
    try:
        document = jsonmap.loads(text)
        sys.stdout.buffer.write(build(document))
    except InvalidDocument as invalid:
        _fail(file, invalid.problems)


@click.command(name="sign")
@click.option("--key", "key_file", required=True, type=existing_file, help="Private key, PEM (RSA or ECDSA P-256).")
@click.option("--cert", "cert_file", required=True, type=existing_file, help="The key's certificate, PEM.")
@click.argument("file", type=input_file)
@max_size_option
def sign_command(key_file: Path, cert_file: Path, file: Path, max_size: int) -> None:
    """Print the document with an enveloped signature. An encrypted key's passphrase is read from
    the environment variable OCMW_KEY_PASSPHRASE."""
    from esv.document import serialize, tree_problems
    from esv.signing import sign

    identity = load_identity(key_file, cert_file)
    tree = _parse(file, _source(file, max_size), max_size)
    problems = tree_problems(tree)
    if problems:
        _fail(file, problems)
    try:
        signed = sign(tree.getroot(), identity)
    except SignatureError as error:
        _fail(file, [Problem(1, "/", str(error))])
    sys.stdout.buffer.write(serialize(signed.getroottree(), pretty=False))


@click.command()
@click.option("--organisation", required=True, help='The OCMW, as it will be named to others: "OCMW Gent".')
@click.option(
    "--kind",
    type=click.Choice(get_args(KeyKind)),
    default="rsa",
    show_default=True,
    help="RSA (3072 bits) or ECDSA on the P-256 curve.",
)
@click.option(
    "--days", type=click.IntRange(min=1), default=3 * 365, show_default=True, help="Days the certificate holds."
)
@click.option(
    "--key",
    "key_file",
    required=True,
    type=click.Path(dir_okay=False, path_type=Path),
    help="Where to write the private key (PEM); keep it, readable by its owner only.",
)
@click.option(
    "--cert",
    "cert_file",
    required=True,
    type=click.Path(dir_okay=False, path_type=Path),
    help="Where to write the certificate (PEM), to send to the OCMWs you exchange with.",
)
def keygen(organisation: str, kind: str, days: int, key_file: Path, cert_file: Path) -> None:
    """Create a signing key (readable by its owner only) and its self-signed certificate. Send the
    certificate to the OCMWs you exchange with; keep the key. Existing files are never overwritten."""
    from esv.signing import Signer, SigningIdentity

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


@click.command(name="verify")
@click.option("--trust", required=True, type=click.Path(exists=True, path_type=Path), help=TRUST_HELP)
@click.argument("file", type=input_file)
@max_size_option
def verify(trust: Path, file: Path, max_size: int) -> None:
    """Check the signature against the trust store, then the signed content. Exit 0 only for a
    valid signature by a trusted certificate on a valid document."""
    from esv.signing import TrustStore

    signed = _read_signed(file, _parse(file, _source(file, max_size), max_size), TrustStore.load(trust), max_size)
    click.echo(f"{_name(file)}: signature valid, signed by {signed.signer.describe()}")


@click.command()
@click.argument("what", metavar="FILE_OR_ID")
@lang_option("the labels")
@click.option("--save-pdf", type=click.Path(file_okay=False, path_type=Path), help="Save the GPMI contracts here.")
@click.option("--trust", type=click.Path(exists=True, path_type=Path), help=f"{TRUST_HELP} Verify before showing.")
@click.option(
    "--db",
    "db_url",
    envvar="OCMW_DB_URL",
    metavar="URL",
    help="With an ID: the database that holds the answer (default: $OCMW_DB_URL).",
)
@max_size_option
def show(what: str, lang: str, save_pdf: Path | None, trust: Path | None, db_url: str | None, max_size: int) -> None:
    """Show a request, an answer or a report as a person reads it: from a file, or the answer
    received to request ID of `ocmw esv answers` (verified with the trust store of the database)."""
    from commands.output import deliver
    from esv.attachments import gpmi_parts, save_contract
    from esv.document import read_tree
    from esv.show import WORDS, render
    from esv.signing import DS
    from exchange.peers import of_trust_folder

    language = cast(Lang, lang)
    path = Path(what)
    trusted = of_trust_folder(trust) if trust is not None else None
    if what != "-" and not path.exists() and what.isdigit():
        content, recorded = _received(int(what), db_url)
        trusted = trusted or recorded
        tree = _parse(path, content, max_size)
    else:
        tree = _parse(path, _source(path, max_size), max_size)
    signature_line = None
    if trusted is not None:
        signed = _read_signed(path, tree, trusted.trust(), max_size)
        document, signer = signed.document, signed.signer
        peer = trusted.of_signer(signer)  # named as the directory or the trust folder names the certificate
        name = peer.name(language) if peer is not None else signer.name
        signature_line = WORDS["verified"][language].format(name=name, fingerprint=signer.fingerprint)
    else:
        if tree.getroot().find(f"{{{DS}}}Signature") is not None:
            signature_line = WORDS["not_checked"][language]
        try:
            document = read_tree(tree)
        except InvalidDocument as invalid:
            _fail(path, invalid.problems)
    saved = {dossier: save_contract(gpmi, save_pdf) for dossier, gpmi in gpmi_parts(document)} if save_pdf else {}
    deliver(render(document, language, signature=signature_line, saved=saved), None, "the report")


def _received(row_id: int, db_url: str | None) -> tuple[bytes, Peers | None]:
    """The answer received to sent request ``row_id``, and the OCMWs trusted now to verify it with
    (none when the database records neither a directory nor a trust folder); the reading is written
    to the audit log."""
    from commands.database import actor, open_database  # only with an ID: the database
    from exchange import listing
    from exchange.network import Network, current_peers
    from storage import records

    with open_database(db_url).begin() as session:
        answer = listing.received_answer(session, row_id, actor=actor())
        network = Network.of(records.own_identity(session))
        if network.directory_url is None and network.trust_path is None:
            return answer.content, None
        return answer.content, current_peers(session, network)
