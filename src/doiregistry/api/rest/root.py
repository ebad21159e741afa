"""``GET /`` and ``GET /heartbeat``: the service's name and its health."""

from __future__ import annotations

from fastapi import APIRouter, Request
from fastapi.responses import PlainTextResponse

router = APIRouter()


@router.get("/", response_class=PlainTextResponse)
def root(request: Request) -> str:
    """The site title, as DataCite answers at its root (spec §1.1)."""
    title: str = request.app.state.settings.site_title
    return title


@router.get("/heartbeat", response_class=PlainTextResponse)
def heartbeat() -> str:
    """``OK`` while the service can answer (spec §12)."""
    return "OK"
