"""What the network's services share over HTTP, the directory's and each OCMW's responder: a body read
within its limit, a few answering threads per process, and the certificate the caller's TLS
connection was made with (``service.run`` hands it to the application in the ASGI ``tls`` extension)."""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from functools import partial
from typing import Any, TypeVar

import anyio
from cryptography import x509
from starlette.requests import Request

from esv.signing import Signer
from ground.errors import TooLarge

THREADS_PER_PROCESS = 2
"""Answering is CPU work under the GIL: a few threads per process keep the cores busy; more would
only take turns, each answer waiting for the others."""
T = TypeVar("T")


def thread_runner() -> Callable[..., Awaitable[Any]]:
    """``await run(function, *arguments)``: the function in one of ``THREADS_PER_PROCESS`` threads."""
    limiter = anyio.CapacityLimiter(THREADS_PER_PROCESS)

    async def run(function: Callable[..., T], *arguments: Any, **keywords: Any) -> T:
        return await anyio.to_thread.run_sync(partial(function, *arguments, **keywords), limiter=limiter)

    return run


async def read_body(request: Request, max_bytes: int) -> bytes:
    """The request's body; ``TooLarge`` as soon as it is known to exceed ``max_bytes``."""
    declared = request.headers.get("content-length", "")
    if declared.isascii() and declared.isdigit() and int(declared) > max_bytes:
        raise TooLarge(f"the request is {int(declared):,} bytes, more than the limit of {max_bytes:,} bytes")
    body = bytearray()
    async for chunk in request.stream():
        body += chunk
        if len(body) > max_bytes:
            raise TooLarge(f"the request is more than the limit of {max_bytes:,} bytes")
    return bytes(body)


def peer_certificate(request: Request) -> x509.Certificate | None:
    """The client certificate of the TLS connection the request came on, if it came with one."""
    chain = request.scope.get("extensions", {}).get("tls", {}).get("client_cert_chain") or []
    return x509.load_pem_x509_certificate(chain[0].encode()) if chain else None


def peer_fingerprint(request: Request) -> str | None:
    certificate = peer_certificate(request)
    return Signer.of(certificate).fingerprint if certificate is not None else None


UNKNOWN_PEER = "an unknown address"


def peer_address(request: Request) -> str:
    return f"{request.client.host}:{request.client.port}" if request.client else UNKNOWN_PEER
