"""``ocmw serve``: a port already in use is said in one line, before anything is announced."""

from __future__ import annotations

import socket

import pytest

from tests.command_world import SIGNING, init, run

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
