"""What the load benchmarks share: keep-alive HTTP/1.1 connections on loopback (plain or TLS), clients
that post their bodies as fast as the server answers, and the figures of their latencies.

A few lines of asyncio rather than a full HTTP client, so that the clients take as little as possible
of the cores from the server they measure."""

from __future__ import annotations

import asyncio
import ssl
import statistics
import time
from collections.abc import Sequence
from dataclasses import dataclass
from urllib.parse import urlsplit


class Connection:
    """One client's connection: kept alive, or one per request."""

    def __init__(self, url: str, keep_alive: bool, tls: ssl.SSLContext | None = None) -> None:
        self.keep_alive, self.tls = keep_alive, tls
        parts = urlsplit(url)
        self.host, self.path = parts.hostname or "127.0.0.1", parts.path
        self.port = parts.port or (443 if parts.scheme == "https" else 80)
        self.streams: tuple[asyncio.StreamReader, asyncio.StreamWriter] | None = None

    async def post(self, body: bytes) -> tuple[int, bytes]:
        if self.streams is None:
            self.streams = await asyncio.open_connection(self.host, self.port, ssl=self.tls)
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
            self.streams = None


@dataclass(frozen=True)
class Client:
    """One client of a load: where it posts, how it connects, and the bodies it posts in turn."""

    url: str
    bodies: Sequence[bytes]
    keep_alive: bool = True
    tls: ssl.SSLContext | None = None


@dataclass
class Outcome:
    latencies: list[float]
    """Seconds of each answered post."""
    answers: list[bytes]
    """The bodies of the answers with status 200, in the order they came."""
    errors: int
    seconds: float

    @property
    def per_second(self) -> float:
        return len(self.answers) / self.seconds if self.seconds else 0.0

    def percentile(self, share: int) -> float:
        """Milliseconds within which ``share`` percent of the posts were answered."""
        if len(self.latencies) < 2:
            return self.latencies[0] * 1000 if self.latencies else 0.0
        return statistics.quantiles(self.latencies, n=100)[share - 1] * 1000


async def load(clients: Sequence[Client], limit: float) -> Outcome:
    """Every client posts its bodies one after the other, all clients at once, for at most ``limit``
    seconds; a failed post counts as an error and the client opens a new connection."""
    outcome = Outcome(latencies=[], answers=[], errors=0, seconds=0.0)
    deadline = time.monotonic() + limit

    async def one(client: Client) -> None:
        connection = Connection(client.url, client.keep_alive, client.tls)
        for body in client.bodies:
            if time.monotonic() >= deadline:
                break
            start = time.perf_counter()
            try:
                status, content = await asyncio.wait_for(connection.post(body), timeout=30)
            except (OSError, asyncio.IncompleteReadError, TimeoutError, ValueError, KeyError):
                outcome.errors += 1
                connection.close()
                connection = Connection(client.url, client.keep_alive, client.tls)
                continue
            outcome.latencies.append(time.perf_counter() - start)
            if status == 200:
                outcome.answers.append(content)
            else:
                outcome.errors += 1
        connection.close()

    start = time.perf_counter()
    await asyncio.gather(*(one(client) for client in clients))
    outcome.seconds = time.perf_counter() - start
    return outcome


def spread(bodies: Sequence[bytes], clients: int) -> list[list[bytes]]:
    """The bodies dealt out to ``clients`` clients in turn."""
    return [list(bodies[number::clients]) for number in range(clients)]


def median(values: Sequence[float]) -> float:
    return statistics.median(values)
