"""A real doiregistry server on a loopback port, for tests that drive it with real clients."""

from __future__ import annotations

import socket
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager

import httpx2
import uvicorn

from doiregistry.api.app import create_app
from doiregistry.settings import Settings
from doiregistry.storage.engine import Database


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port: int = sock.getsockname()[1]
        return port


@contextmanager
def live_server(database: Database) -> Iterator[str]:
    """Serve the app over ``database`` in a thread; yields the base URL."""
    port = _free_port()
    config = uvicorn.Config(
        create_app(Settings(), database), host="127.0.0.1", port=port, log_level="warning"
    )
    server = uvicorn.Server(config)
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    base = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 10
    while time.monotonic() < deadline:
        try:
            if httpx2.get(f"{base}/heartbeat", timeout=1).status_code == 200:
                break
        except httpx2.HTTPError:
            time.sleep(0.05)
    else:
        raise RuntimeError("the test server did not start")
    try:
        yield base
    finally:
        server.should_exit = True
        thread.join(timeout=10)
