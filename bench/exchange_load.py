"""Load benchmark of the ESV responder, on loopback only, bounded in count and time.

    python bench/exchange_load.py [--requesters 16] [--requests 2000] [--workers 2] [--db URL]

One responder (``ocmw serve``, its own process(es)) answers N concurrent requesters. Signing and
verification are on: every request carries a requester's signature that the responder verifies,
every answer is signed by the responder and verified by the requester. The requests are signed
before the clock starts and the answers verified after it stops, so that the two cores measure the
responder, not the requesters. Afterwards it checks that every request has exactly one answer row
and one audit row. Prints answers per second, p50 and p99 latency and errors.
"""

from __future__ import annotations

import argparse
import asyncio
import datetime as dt
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from urllib.parse import urlsplit

import httpx
from sqlalchemy import func, select

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from esv import model  # noqa: E402
from esv.document import build_tree, serialize, tree_problems  # noqa: E402
from esv.parsing import parse_xml  # noqa: E402
from esv.signing import SigningIdentity, TrustStore, sign, verify  # noqa: E402
from exchange import tables  # noqa: E402
from storage.database import connect, sessions  # noqa: E402

try:
    from uvloop import run  # the event loop uvicorn uses too, lighter than asyncio's
except ImportError:
    from asyncio import run  # type: ignore[assignment]

KEYS = ROOT / "fixtures" / "keys"
SOFIE, PIOTR = "92021416206", "01431205533"


def ocmw(*arguments: str, env: dict[str, str]) -> None:
    subprocess.run([sys.executable, "-m", "cli", *arguments], check=True, env=env, cwd=ROOT, capture_output=True)


def requests(count: int) -> list[bytes]:
    """Signed requests of OCMW Gent, for Sofie (a report with a GPMI contract) and Piotr."""
    gent = SigningIdentity.load((KEYS / "ocmw-gent.key.pem").read_bytes(), (KEYS / "ocmw-gent.cert.pem").read_bytes())
    today = dt.date.today()
    consent = model.Consent(from_date=today - dt.timedelta(days=1), to_date=today + dt.timedelta(days=30), granted=True)
    bodies = []
    for number in range(count):
        request = model.EsvRequest(
            request_id=f"LOAD-{number:06d}",
            created_at=dt.datetime.now(dt.UTC),
            requester=model.Ocmw(kbo="0212345668", name="OCMW Gent"),
            ssin=SOFIE if number % 2 else PIOTR,
            period=model.Period(begin=dt.date(2025, 1, 1), end=dt.date(2026, 10, 31)),
            gpmi_consent=consent,
        )
        bodies.append(serialize(sign(build_tree(request).getroot(), gent).getroottree(), pretty=False))
    return bodies


class Connection:
    """One requester's keep-alive HTTP/1.1 connection: a few lines of asyncio rather than a full
    client, so that the requesters take as little as possible of the two cores from the responder."""

    def __init__(self, url: str, keep_alive: bool) -> None:
        self.keep_alive = keep_alive
        parts = urlsplit(url)
        self.host, self.port, self.path = parts.hostname or "127.0.0.1", parts.port or 80, parts.path
        self.streams: tuple[asyncio.StreamReader, asyncio.StreamWriter] | None = None

    async def post(self, body: bytes) -> tuple[int, bytes]:
        if self.streams is None:
            self.streams = await asyncio.open_connection(self.host, self.port)
        reader, writer = self.streams
        head = (
            f"POST {self.path} HTTP/1.1\r\nHost: {self.host}:{self.port}\r\n"
            f"Content-Type: application/xml\r\nContent-Length: {len(body)}\r\n"
            f"Connection: {'keep-alive' if self.keep_alive else 'close'}\r\n\r\n"
        )
        writer.write(head.encode("ascii") + body)
        await writer.drain()
        lines = (await reader.readuntil(b"\r\n\r\n")).decode("latin-1").split("\r\n")
        headers = dict(line.lower().split(": ", 1) for line in lines[1:] if ": " in line)
        content = await reader.readexactly(int(headers["content-length"]))
        if not self.keep_alive or headers.get("connection") == "close":
            writer.close()
            self.streams = None
        return int(lines[0].split()[1]), content

    def close(self) -> None:
        if self.streams is not None:
            self.streams[1].close()


async def load(
    url: str, bodies: list[bytes], requesters: int, limit: float, keep_alive: bool
) -> tuple[list[float], list[bytes], int]:
    queue: asyncio.Queue[bytes] = asyncio.Queue()
    for body in bodies:
        queue.put_nowait(body)
    latencies: list[float] = []
    answers: list[bytes] = []
    errors = 0
    deadline = time.monotonic() + limit

    async def requester() -> None:
        nonlocal errors
        connection = Connection(url, keep_alive)
        while not queue.empty() and time.monotonic() < deadline:
            body = queue.get_nowait()
            start = time.perf_counter()
            try:
                status, content = await asyncio.wait_for(connection.post(body), timeout=30)
            except (OSError, asyncio.IncompleteReadError, TimeoutError, ValueError, KeyError):
                errors += 1
                connection.close()
                connection = Connection(url, keep_alive)
                continue
            latencies.append(time.perf_counter() - start)
            if status == 200:
                answers.append(content)
            else:
                errors += 1
        connection.close()

    await asyncio.gather(*(requester() for _ in range(requesters)))
    return latencies, answers, errors


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--requesters", type=int, default=16)
    parser.add_argument("--requests", type=int, default=2000)
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--seconds", type=float, default=120, help="stop sending after this long")
    parser.add_argument("--db", help="responder's database URL (default: a new SQLite file)")
    parser.add_argument("--port", type=int, default=18080)
    parser.add_argument(
        "--keep-alive",
        action="store_true",
        help="each requester keeps its connection open (by default every request opens its own, as OCMWs do;"
        " kept-alive connections stay with the worker that accepted them, which can load one worker only)",
    )
    args = parser.parse_args()
    folder = Path(tempfile.mkdtemp())
    db = args.db or f"sqlite:///{folder / 'liege.db'}"
    env = {**os.environ, "OCMW_DB_URL": db}
    ocmw("db", "init", "--kbo", "0207654333", "--name", "CPAS de Liège", "--key", str(KEYS / "cpas-liege.key.pem"),
         "--cert", str(KEYS / "cpas-liege.cert.pem"), "--trust", str(KEYS / "trust"), env=env)  # fmt: skip
    records = ROOT / "fixtures" / "exchange" / "liege"
    ocmw("db", "import", "--decisions", str(records / "decisions.csv"), "--gpmi", str(records / "gpmi.csv"), env=env)
    print(f"signing {args.requests} requests ...", flush=True)
    bodies = requests(args.requests)
    server = subprocess.Popen(
        [sys.executable, "-m", "cli", "serve", "--port", str(args.port), "--workers", str(args.workers)],
        env=env, cwd=ROOT, stderr=subprocess.DEVNULL,
    )  # fmt: skip
    url = f"http://127.0.0.1:{args.port}/esv/requests"
    try:
        for _ in range(100):
            try:
                if httpx.get(url.replace("/esv/requests", "/health")).status_code == 200:
                    break
            except httpx.HTTPError:
                time.sleep(0.1)
        run(load(url, bodies[:20], 4, 30, args.keep_alive))  # warm the workers: schemas compiled, connections open
        start, cpu = time.perf_counter(), time.process_time()
        latencies, answers, errors = run(load(url, bodies[20:], args.requesters, args.seconds, args.keep_alive))
        elapsed, cpu = time.perf_counter() - start, time.process_time() - cpu
    finally:
        server.terminate()
        server.wait(timeout=30)
    trust = TrustStore.load(KEYS / "trust")
    unverified = sum(1 for answer in answers if tree_problems(verify(parse_xml(answer), trust).tree))
    factory = sessions(connect(db))
    with factory() as session:
        rows = session.scalar(select(func.count()).select_from(tables.AnsweredRequest)) or 0
        distinct = session.scalar(select(func.count(func.distinct(tables.AnsweredRequest.request_id)))) or 0
        audited = (
            session.scalar(
                select(func.count()).select_from(tables.AuditEntry).where(tables.AuditEntry.action == "answer_sent")
            )
            or 0
        )
    sent = len(latencies) + errors
    quantiles = statistics.quantiles(latencies, n=100) if len(latencies) > 1 else [0.0] * 99
    print(
        f"{'requesters':>10} {'answered':>9} {'seconds':>8} {'answers/s':>10} {'p50 ms':>7} {'p99 ms':>7} {'errors':>6}"
    )
    print(f"{args.requesters:>10} {len(answers):>9} {elapsed:>8.2f} {len(answers) / elapsed:>10.1f} "
          f"{quantiles[49] * 1000:>7.1f} {quantiles[98] * 1000:>7.1f} {errors:>6}")  # fmt: skip
    expected = sent + 20
    print(f"the requesters used {cpu / elapsed:.0%} of one core")
    print(f"answers verified by the requester: {len(answers) - unverified} of {len(answers)}")
    print(
        f"answer rows: {rows} ({distinct} distinct request ids) and audit rows: {audited}, for {expected} requests"
        f" -> {'none lost or duplicated' if rows == distinct == audited == expected else 'MISMATCH'}"
    )


if __name__ == "__main__":
    main()
