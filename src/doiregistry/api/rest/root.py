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
def heartbeat(request: Request) -> PlainTextResponse:
    """``OK`` while the database answers, else ``failed`` with 500 (spec §12)."""
    if request.app.state.registry.database.ping():
        return PlainTextResponse("OK")
    return PlainTextResponse("failed", status_code=500)
