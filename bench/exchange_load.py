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
import datetime as dt
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import httpx
from sqlalchemy import func, select

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench.loopback import Client, load, spread  # noqa: E402
from esv import model  # noqa: E402
from esv.document import build_tree, serialize, tree_problems  # noqa: E402
from esv.parsing import parse_xml  # noqa: E402
from esv.signing import SigningIdentity, TrustStore, sign, verify  # noqa: E402
from storage import tables  # noqa: E402
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

        def clients(bodies: list[bytes], count: int) -> list[Client]:
            return [Client(url, dealt, args.keep_alive) for dealt in spread(bodies, count)]

        run(load(clients(bodies[:20], 4), 30))  # warm the workers: schemas compiled, connections open
        cpu = time.process_time()
        outcome = run(load(clients(bodies[20:], args.requesters), args.seconds))
        cpu = time.process_time() - cpu
    finally:
        server.terminate()
        server.wait(timeout=30)
    trust = TrustStore.load(KEYS / "trust")
    unverified = sum(1 for answer in outcome.answers if tree_problems(verify(parse_xml(answer), trust).tree))
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
    sent = len(outcome.latencies) + outcome.errors
    print(
        f"{'requesters':>10} {'answered':>9} {'seconds':>8} {'answers/s':>10} {'p50 ms':>7} {'p99 ms':>7} {'errors':>6}"
    )
    print(f"{args.requesters:>10} {len(outcome.answers):>9} {outcome.seconds:>8.2f} {outcome.per_second:>10.1f} "
          f"{outcome.percentile(50):>7.1f} {outcome.percentile(99):>7.1f} {outcome.errors:>6}")  # fmt: skip
    expected = sent + 20
    print(f"the requesters used {cpu / outcome.seconds:.0%} of one core")
    print(f"answers verified by the requester: {len(outcome.answers) - unverified} of {len(outcome.answers)}")
    print(
        f"answer rows: {rows} ({distinct} distinct request ids) and audit rows: {audited}, for {expected} requests"
        f" -> {'none lost or duplicated' if rows == distinct == audited == expected else 'MISMATCH'}"
    )


if __name__ == "__main__":
    main()
