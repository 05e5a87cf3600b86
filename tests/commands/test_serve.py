"""``ocmw serve``: a port already in use is said in one line, before anything is announced; without TLS it
answers on this machine only; over TLS the responder and the pages answer on two addresses, and a certificate
without its key, or a key that is not the certificate's, is refused. Nothing is served: the service is stopped
where it would start (``not_served``)."""

from __future__ import annotations

import json
import socket
from collections.abc import Sequence
from pathlib import Path

import pytest

from service import logs
from service.run import Listener
from tests.command_world import SIGNING, init, run
from tests.conftest import make_identity
from tests.exchange_world import free_port
from tests.network_world import pem_files

pytestmark = pytest.mark.usefixtures("empty_folder")


def test_serve_on_a_port_in_use_says_so_in_one_line_before_announcing_anything(db: str) -> None:
    init(db, *SIGNING)
    with socket.create_server(("127.0.0.1", 0)) as taken:
        port = taken.getsockname()[1]
        result = run("serve", "--db", db, "--port", str(port))
    assert result.exit_code == 2
    assert "answers ESV requests" not in result.output
    assert result.stderr.splitlines()[-1] == (
        f"Error: port {port} on 127.0.0.1 is already in use (by another program, or an "
        "ocmw serve that is already running); choose another with --port"
    )


@pytest.fixture
def tls_files(tmp_path: Path) -> dict[str, Path]:
    """Gent's TLS certificate and key, and a key that is not that certificate's."""
    key, cert = pem_files(tmp_path / "tls", "gent", make_identity("OCMW Gent", "ecdsa"))
    other_key, _ = pem_files(tmp_path / "tls", "other", make_identity("OCMW Gent", "ecdsa"))
    return {"key": key, "cert": cert, "other_key": other_key}


@pytest.mark.parametrize("host", ["0.0.0.0", "192.0.2.10", "::"])
def test_without_tls_the_service_is_refused_on_any_address_but_this_machines_before_serving(
    gent: str, not_served: list[Sequence[Listener]], host: str
) -> None:
    result = run("serve", "--db", gent, "--host", host, "--port", str(free_port()))
    assert result.exit_code == 2
    assert result.stderr == (
        f"Error: without --tls-cert and --tls-key the service answers on this machine only (127.0.0.1), not on {host}: "
        "give the TLS certificate and key to serve the network\n"
    )
    assert not_served == []


@pytest.mark.parametrize("host", ["127.0.0.1", "localhost"])
def test_without_tls_the_service_answers_on_this_machine_with_a_warning(
    gent: str, not_served: list[Sequence[Listener]], host: str
) -> None:
    port = free_port()
    result = run("serve", "--db", gent, "--host", host, "--port", str(port))
    assert result.exit_code == 0, result.output
    assert result.stderr.splitlines()[0] == (
        "warning: served without TLS, on this machine only; give --tls-cert and --tls-key to serve the network"
    )
    assert f"OCMW Gent answers ESV requests on http://{host}:{port}/esv/requests" in result.stderr
    assert [[listener.url for listener in listeners] for listeners in not_served] == [[f"http://{host}:{port}"]]


def test_with_json_logs_every_line_said_at_start_is_a_json_line(
    gent: str, not_served: list[Sequence[Listener]], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv(logs.FORMAT_VARIABLE, "text")  # put back after the command sets it for its workers
    port = free_port()
    try:
        result = run("serve", "--db", gent, "--port", str(port), "--log-format", "json")
    finally:
        logs.configure("text")  # the handler the command made writes to the test runner's stream
    assert result.exit_code == 0, result.output
    said = [json.loads(line) for line in result.stderr.splitlines()]
    assert [(line["level"], line["logger"]) for line in said] == [("WARNING", "ocmw.serve")] + [
        ("INFO", "ocmw.serve")
    ] * (len(said) - 1)
    assert said[0]["message"].startswith("served without TLS, on this machine only")
    assert said[-2]["message"] == f"OCMW Gent answers ESV requests on http://127.0.0.1:{port}/esv/requests"


def test_over_tls_the_responder_and_the_pages_answer_on_two_addresses(
    gent: str, not_served: list[Sequence[Listener]], tls_files: dict[str, Path]
) -> None:
    port, pages = free_port(), free_port()
    result = run("serve", "--db", gent, "--tls-cert", tls_files["cert"], "--tls-key", tls_files["key"],
                         "--port", str(port), "--pages-port", str(pages))  # fmt: skip
    assert result.exit_code == 0, result.output
    assert "without TLS" not in result.stderr
    [listeners] = not_served
    assert [listener.url for listener in listeners] == [f"https://127.0.0.1:{port}", f"https://127.0.0.1:{pages}"]
    assert all(listener.tls and listener.tls.cert == tls_files["cert"] for listener in listeners)


@pytest.mark.parametrize("given", ["cert", "key"])
def test_a_tls_certificate_without_its_key_or_a_key_without_its_certificate_is_refused(
    gent: str, not_served: list[Sequence[Listener]], tls_files: dict[str, Path], given: str
) -> None:
    result = run("serve", "--db", gent, f"--tls-{given}", tls_files[given], "--port", str(free_port()))
    assert result.exit_code == 2
    assert result.stderr.splitlines()[-1] == "Error: TLS needs both --tls-cert and --tls-key"
    assert "Traceback" not in result.output
    assert not_served == []


def test_a_tls_key_that_is_not_its_certificates_is_refused_in_one_line(
    gent: str, not_served: list[Sequence[Listener]], tls_files: dict[str, Path]
) -> None:
    cert, key = tls_files["cert"], tls_files["other_key"]
    result = run("serve", "--db", gent, "--tls-cert", cert, "--tls-key", key, "--port", str(free_port()))
    assert result.exit_code == 2
    assert result.stderr == f"Error: {key} with {cert}: the certificate does not belong to the key\n"
    assert not_served == []


def test_a_tls_key_given_is_checked_against_the_certificate_recorded(
    gent: str, not_served: list[Sequence[Listener]], tls_files: dict[str, Path]
) -> None:
    recorded = run("db", "init", "--db", gent, "--tls-cert", tls_files["cert"], "--tls-key", tls_files["key"])
    assert recorded.exit_code == 0, recorded.output
    key = tls_files["other_key"]
    result = run("serve", "--db", gent, "--tls-key", key, "--port", str(free_port()))
    assert result.exit_code == 2
    assert (
        result.stderr
        == f"Error: {key} with {tls_files['cert'].resolve()}: the certificate does not belong to the key\n"
    )
    assert not_served == []


def test_the_pages_port_is_for_a_service_over_tls(gent: str, not_served: list[Sequence[Listener]]) -> None:
    result = run("serve", "--db", gent, "--port", str(free_port()), "--pages-port", str(free_port()))
    assert result.exit_code == 2
    assert result.stderr.splitlines()[-1] == (
        "Error: --pages-port is for a service over TLS; without TLS the pages answer on --port"
    )
    assert not_served == []
