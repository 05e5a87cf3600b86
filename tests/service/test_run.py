"""A serving process: its applications are made before it serves, and what they and the imports made
is then kept out of the garbage collector's full collections."""

from __future__ import annotations

import gc
import socket
from collections.abc import Coroutine
from typing import Any

import pytest
from fastapi import FastAPI

from service import run

made: list[FastAPI] = []


def application() -> FastAPI:
    made.append(FastAPI())
    return made[-1]


def test_a_worker_makes_its_applications_then_freezes_what_lives_as_long_as_it(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    seen: dict[str, int] = {}

    def event_loop(serving: Coroutine[Any, Any, None]) -> None:
        seen["applications"], seen["frozen"] = len(made), gc.get_freeze_count()
        serving.close()

    monkeypatch.setattr(run, "_event_loop_run", event_loop)
    made.clear()
    listeners = [run.Listener(f"{__name__}:application", "127.0.0.1", 0) for _ in range(2)]
    sockets = [socket.socket() for _ in listeners]
    gc.unfreeze()
    try:
        run._serve(listeners, sockets)
    finally:
        gc.unfreeze()
        for bound in sockets:
            bound.close()
    assert seen["applications"] == 2
    assert seen["frozen"] > 0
