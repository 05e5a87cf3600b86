"""What ``ocmw serve`` tells its operators (``service.monitoring``, ``service.logs``): the answers by
status, the refusals by reason, their times, the database's errors and the certificates' days left in
Prometheus's text format, added up over worker processes; the health of the database, the signing key
and the trust, a certificate within 30 days a warning and not a failure; logs as JSON lines."""

from __future__ import annotations

import datetime as dt
import json
import logging
import os
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest
from fastapi import FastAPI
from fastapi.testclient import TestClient
from prometheus_client.parser import text_string_to_metric_families

from exchange.endpoint import create_app
from exchange.network import ClientTls, Membership, Network
from service import logs, metrics, monitoring
from storage.database import connect, sessions
from tests.conftest import ROOT, Identity, make_identity
from tests.exchange_world import Ocmw, Trust, make_ocmw, signed_request

SOFIE, NOBODY = "92021416206", "85073003328"
NOW = dt.datetime.now(dt.UTC)


@pytest.fixture(scope="module")
def liege(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Ocmw]:
    folder = tmp_path_factory.mktemp("monitoring")
    made = make_ocmw(f"sqlite:///{folder / 'liege.db'}", "0207654333", "CPAS de Liège", records="liege")
    yield made
    made.engine.dispose()


@pytest.fixture(scope="module")
def gent() -> Identity:
    return make_identity("OCMW Gent", "ecdsa")


@pytest.fixture(scope="module")
def trust(tmp_path_factory: pytest.TempPathFactory, gent: Identity) -> Trust:
    folder = tmp_path_factory.mktemp("trust")
    (folder / "gent.pem").write_bytes(gent.cert_pem)
    (folder / "gent.toml").write_text('kbo = "0212345668"\nname_nl = "OCMW Gent"\nname_fr = "CPAS de Gand"\n')
    return Trust(folder)


def membership(ocmw: Ocmw, trust: Trust, signing: Identity | None = None, tls: ClientTls | None = None) -> Membership:
    chosen = signing or ocmw.identity
    return Membership(
        ocmw.ocmw.kbo, chosen.signing, tls, Network(directory_url=None, anchor=None, trust_path=trust.folder)
    )


def served(ocmw: Ocmw, trust: Trust, member: Membership) -> TestClient:
    """The responder with its metrics and health, as ``ocmw serve`` makes it without TLS."""
    app: FastAPI = create_app(ocmw.responder(trust), metrics.AnswerMetrics())
    watched = monitoring.Monitored(ocmw.sessions, ocmw.ocmw, lambda: member)
    monitoring.add_health(app, watched)
    monitoring.add_metrics(app, watched)
    return TestClient(app)


def samples(text: str) -> dict[tuple[str, tuple[tuple[str, str], ...]], float]:
    return {
        (sample.name, tuple(sorted(sample.labels.items()))): sample.value
        for family in text_string_to_metric_families(text)
        for sample in family.samples
    }


def test_the_answers_are_counted_by_status_the_refusals_by_reason_and_timed(
    liege: Ocmw, trust: Trust, gent: Identity
) -> None:
    client = served(liege, trust, membership(liege, trust))
    before = samples(client.get("/metrics").text)
    stranger = make_identity("Niet Vertrouwd", "ecdsa")
    for body in (
        signed_request(gent, "M-1", SOFIE),
        signed_request(gent, "M-2", NOBODY),
        signed_request(stranger, "M-3", SOFIE),
    ):
        client.post("/esv/requests", content=body)
    after = samples(client.get("/metrics").text)

    def grew(name: str, **labels: str) -> float:
        key = (name, tuple(sorted(labels.items())))
        return after[key] - before[key]

    assert grew("ocmw_esv_answers_total", status="ok") == 1
    assert grew("ocmw_esv_answers_total", status="unknown_person") == 1
    assert grew("ocmw_esv_answers_total", status="error") == 1
    assert grew("ocmw_esv_refusals_total", reason="requester_not_trusted") == 1
    assert grew("ocmw_esv_refusals_total", reason="signature_invalid") == 0
    assert grew("ocmw_esv_answer_seconds_count") == 3
    assert grew("ocmw_esv_answer_seconds_bucket", le="30.0") == 3


def test_the_own_certificates_days_left_are_read_when_scraped(liege: Ocmw, trust: Trust, tmp_path: Path) -> None:
    signing, tls = make_identity("CPAS de Liège", "ecdsa", days=40), make_identity("CPAS de Liège TLS", days=10)
    (tmp_path / "tls.pem").write_bytes(tls.cert_pem)
    member = membership(liege, trust, signing, ClientTls(tmp_path / "tls.pem", tmp_path / "tls.key"))
    found = samples(served(liege, trust, member).get("/metrics").text)
    assert found[("ocmw_certificate_days_left", (("certificate", "signing"),))] == 38  # made valid from yesterday
    assert found[("ocmw_certificate_days_left", (("certificate", "tls"),))] == 8


def test_the_database_errors_are_counted_by_kind(tmp_path: Path) -> None:
    broken = connect(f"sqlite:///{tmp_path}/ocmw.db", create=True)
    metrics.count_database_errors(broken)
    key = ("ocmw_database_errors_total", (("kind", "OperationalError"),))
    before = samples(metrics.exposition(dict).decode()).get(key, 0.0)
    with pytest.raises(Exception, match="no such table"), sessions(broken)() as session:
        session.connection().exec_driver_sql("SELECT * FROM ocmw_identity")
    assert samples(metrics.exposition(dict).decode())[key] == before + 1
    broken.dispose()


def test_several_workers_counts_are_added_up(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Two worker processes count an answer each; the scrape, in a third, says two."""
    count = "from service import metrics; metrics.ANSWERS.labels('ok').inc()"
    environment = {**os.environ, metrics.METRICS_FOLDER: str(tmp_path)}
    workers = [subprocess.Popen([sys.executable, "-c", count], cwd=ROOT, env=environment) for _ in range(2)]
    assert [worker.wait(timeout=60) for worker in workers] == [0, 0]
    monkeypatch.setenv(metrics.METRICS_FOLDER, str(tmp_path))
    assert samples(metrics.exposition(dict).decode())[("ocmw_esv_answers_total", (("status", "ok"),))] == 2


def test_the_folder_of_the_workers_counts_is_private_and_removed_when_the_service_stops() -> None:
    with metrics.shared_metrics(1):
        assert metrics.METRICS_FOLDER not in os.environ
    with metrics.shared_metrics(2):
        folder = Path(os.environ[metrics.METRICS_FOLDER])
        assert folder.stat().st_mode & 0o777 == 0o700
    assert not folder.exists() and metrics.METRICS_FOLDER not in os.environ


@pytest.mark.parametrize(("days", "status", "http"), [(33, "ok", 200), (32, "warning", 200), (1, "unavailable", 503)])
def test_a_signing_certificate_within_30_days_is_a_warning_and_an_expired_one_an_error(
    liege: Ocmw, trust: Trust, days: int, status: str, http: int
) -> None:
    """Made valid from yesterday: 33 days of validity leave 31 whole days (and some hours), 32 leave 30;
    one day ended a moment ago."""
    signing = make_identity("CPAS de Liège", "ecdsa", days=days)
    response = served(liege, trust, membership(liege, trust, signing)).get("/health")
    said = response.json()
    assert (response.status_code, said["status"], said["signing"]["days_left"]) == (http, status, days - 2)
    assert (said["database"], said["trust"]["status"], said["trust"]["ocmws"]) == ({"status": "ok"}, "ok", 1)


def test_a_trusted_ocmw_whose_last_certificate_expires_soon_is_named_in_a_warning(liege: Ocmw, tmp_path: Path) -> None:
    soon, later = make_identity("OCMW Gent", "ecdsa", days=20), make_identity("OCMW Gent", "ecdsa", days=400)
    folder = tmp_path / "trust"
    folder.mkdir()
    (folder / "soon.pem").write_bytes(soon.cert_pem)
    (folder / "soon.toml").write_text('kbo = "0212345668"\nname_nl = "OCMW Gent"\n')
    member = membership(liege, Trust(folder))
    said = served(liege, Trust(folder), member).get("/health").json()
    assert (said["status"], [peer["name"] for peer in said["trust"]["expiring"]]) == ("warning", ["OCMW Gent"])
    (folder / "later.pem").write_bytes(later.cert_pem)  # its new key, beside the old one
    (folder / "later.toml").write_text('kbo = "0212345668"\nname_nl = "OCMW Gent"\n')
    assert served(liege, Trust(folder), member).get("/health").json()["status"] == "ok"


def test_a_database_that_does_not_answer_is_503(liege: Ocmw, trust: Trust, tmp_path: Path) -> None:
    gone = connect(f"sqlite:///{tmp_path / 'gone.db'}", create=True)
    (tmp_path / "gone.db").unlink()
    (tmp_path / "gone.db").mkdir()  # a folder where the file was: no database can be opened there
    watched = monitoring.Monitored(sessions(gone), liege.ocmw, lambda: membership(liege, trust))
    said = monitoring.health_of(watched)
    assert (said["status"], said["database"]["status"], said["trust"]["status"]) == ("unavailable", "error", "ok")
    gone.dispose()


def test_logs_are_json_lines_by_option(capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv(logs.FORMAT_VARIABLE, "json")
    logs.configure()
    try:
        logging.getLogger("exchange.endpoint").warning("the sender at %s left", "127.0.0.1:5")
        [line] = capsys.readouterr().err.splitlines()
        said = json.loads(line)
        assert {key: said[key] for key in ("level", "logger", "message")} == {
            "level": "WARNING", "logger": "exchange.endpoint", "message": "the sender at 127.0.0.1:5 left",
        }  # fmt: skip
        assert dt.datetime.fromisoformat(said["timestamp"]).tzinfo is not None
        assert logs.uvicorn_config() is None  # uvicorn's lines go through the same handler
    finally:
        logs.configure("text")
