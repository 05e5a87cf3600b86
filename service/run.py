"""Running the service: the address checked before anything is announced, then uvicorn with as many
worker processes as asked, each building the application from ``service.app.environment``."""

from __future__ import annotations

import errno
import os
import socket

from ground.errors import UsageError


def check_address(host: str, port: int) -> None:
    """``UsageError`` when the address cannot be served: the port is taken (by another program, or
    an ``ocmw serve`` already running) or the host is not this machine's."""
    try:
        with socket.create_server((host, port)):
            pass
    except OSError as error:
        if error.errno == errno.EADDRINUSE:
            raise UsageError(
                f"port {port} on {host} is already in use (by another program, or an ocmw serve that is already "
                "running); choose another with --port"
            ) from None
        reason = error.strerror if isinstance(error, socket.gaierror) or not error.errno else os.strerror(error.errno)
        raise UsageError(f"{host}:{port} cannot be served: {reason}; choose another --host") from None


def run(host: str, port: int, workers: int) -> None:
    """Serve until stopped (Ctrl-C or SIGTERM), in ``workers`` processes."""
    import uvicorn  # only when serving

    uvicorn.run(
        "service.app:from_environment", factory=True, host=host, port=port, workers=workers, log_level="warning"
    )
