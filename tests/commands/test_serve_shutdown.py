"""``ocmw serve`` stopped with SIGTERM (as systemd stops it) while a few dozen requests come at once: the
answers in flight are finished and delivered, no request is answered twice, and every answer stored was
delivered; the requests it no longer took get no answer and can be sent again. A real ``ocmw serve``
process on loopback, with one worker process and with two."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import threading
import time
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from contextlib import contextmanager
from pathlib import Path

import httpx
import pytest
from sqlalchemy import func, select

from esv import model
from esv.signing import SigningIdentity
from storage import tables
from tests.command_world import GENT_KBO, KEYS, LIEGE, LIEGE_KBO, run, session_of
from tests.conftest import ROOT
from tests.exchange_world import free_port, signed_requests

pytestmark = pytest.mark.usefixtures("empty_folder")

REQUESTS, AT_ONCE = 32, 16
STARTED_WITHIN = STOPPED_WITHIN = 60.0
"""Seconds; bounds of a test on a busy machine, not measures of speed."""


@pytest.fixture
def liege_db(tmp_path: Path) -> str:
    """The CPAS de Liège's database with its records, trusting OCMW Gent's shipped certificate."""
    db = f"sqlite:///{tmp_path / 'liege.db'}"
    made = run(
        "db", "init", "--db", db, "--kbo", LIEGE_KBO, "--name", "CPAS de Liège", "--key", KEYS / "cpas-liege.key.pem",
        "--cert", KEYS / "cpas-liege.cert.pem", "--trust", KEYS / "trust",
    )  # fmt: skip
    assert made.exit_code == 0, made.output
    imported = run("db", "import", "--db", db, "--decisions", LIEGE / "decisions.csv", "--gpmi", LIEGE / "gpmi.csv")
    assert imported.exit_code == 0, imported.output
    return db


@pytest.fixture
def gent_requests() -> list[bytes]:
    gent = SigningIdentity.load((KEYS / "ocmw-gent.key.pem").read_bytes(), (KEYS / "ocmw-gent.cert.pem").read_bytes())
    return signed_requests(model.Ocmw(kbo=GENT_KBO, name="OCMW Gent"), gent, REQUESTS, "GENT-STOP")


@contextmanager
def serving(db: str, port: int, workers: int, log: Path) -> Iterator[subprocess.Popen[bytes]]:
    """``ocmw serve`` in its own process, answering once /health says so; killed if a test leaves it running."""
    with log.open("wb") as output:
        process = subprocess.Popen(
            [sys.executable, "-m", "cli", "serve", "--db", db, "--port", str(port), "--workers", str(workers)],
            cwd=ROOT, stdout=output, stderr=subprocess.STDOUT, env={**os.environ, "PYTHONPATH": str(ROOT)},
        )  # fmt: skip
    try:
        deadline = time.monotonic() + STARTED_WITHIN
        while not _healthy(port):
            assert process.poll() is None and time.monotonic() < deadline, log.read_text()
            time.sleep(0.1)
        yield process
    finally:
        if process.poll() is None:
            process.kill()
            process.wait()


def _healthy(port: int) -> bool:
    try:
        return httpx.get(f"http://127.0.0.1:{port}/health", timeout=2).status_code == 200
    except httpx.HTTPError:
        return False


@pytest.mark.parametrize("workers", [1, 2])
def test_sigterm_during_a_load_finishes_the_answers_in_flight_and_answers_none_twice(
    liege_db: str, gent_requests: list[bytes], tmp_path: Path, workers: int
) -> None:
    port = free_port()
    url = f"http://127.0.0.1:{port}/esv/requests"
    delivered: dict[str, tuple[float, bytes]] = {}
    refused: list[str] = []
    enough = threading.Event()

    def ask(client: httpx.Client, number: int) -> None:
        request_id = f"GENT-STOP-{number}"
        try:
            reply = client.post(url, content=gent_requests[number - 1], headers={"Connection": "close"})
        except httpx.TransportError:  # not taken: the connection was refused or closed before the request was read
            refused.append(request_id)
            return
        assert reply.status_code == 200, reply.text
        delivered[request_id] = (time.monotonic(), reply.content)
        if len(delivered) >= AT_ONCE // 2:
            enough.set()

    with serving(liege_db, port, workers, tmp_path / "serve.log") as process:
        with httpx.Client(timeout=30) as client, ThreadPoolExecutor(AT_ONCE) as pool:
            asked = [pool.submit(ask, client, number) for number in range(1, REQUESTS + 1)]
            assert enough.wait(STARTED_WITHIN)
            stopped = time.monotonic()
            process.send_signal(signal.SIGTERM)
            for one in asked:
                one.result()
        assert process.wait(timeout=STOPPED_WITHIN) == 0, (tmp_path / "serve.log").read_text()

    assert len(delivered) + len(refused) == REQUESTS
    assert any(at > stopped for at, _ in delivered.values())  # in flight when the signal came, and finished
    assert all(f"<RequestId>{request_id}</RequestId>".encode() in body for request_id, (_, body) in delivered.items())
    with session_of(liege_db) as session:
        stored = sorted(session.scalars(select(tables.AnsweredRequest.request_id)))
        audited = session.execute(
            select(tables.AuditEntry.action, func.count()).group_by(tables.AuditEntry.action)
        ).all()
    assert stored == sorted(delivered)  # every answer stored was delivered, none twice
    assert dict(audited).get("answer_sent") == len(delivered)
    assert "answer_repeated" not in dict(audited)
