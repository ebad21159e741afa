"""``GET`` and ``POST /oai``: read the arguments, ask the OAI-PMH service, answer in XML.

Arguments come from the query string and, for ``POST``, from an
``application/x-www-form-urlencoded`` body. Protocol errors are answered
in-band with HTTP 200, as OAI-PMH requires. Responses are ``text/xml``,
gzip-compressed when the client accepts gzip.
"""

from __future__ import annotations

import re
from typing import Final
from urllib.parse import parse_qsl

from fastapi import APIRouter, Request
from starlette.concurrency import run_in_threadpool
from starlette.responses import Response

from doiregistry.api.oai.responder import Page, error_page, respond
from doiregistry.oai.errors import OaiError, bad_argument
from doiregistry.oai.service import OaiConfig, OaiService
from doiregistry.settings import Settings

router = APIRouter()

MEDIA_TYPE: Final = "text/xml; charset=utf-8"
FORM_TYPE: Final = "application/x-www-form-urlencoded"
_EMAIL: Final = re.compile(r"\S+@(\S+\.)+\S+")


def config_of(settings: Settings) -> OaiConfig:
    """The service's configuration from the server settings."""
    emails = tuple(
        email
        for email in (part.strip() for part in settings.oai_admin_email.split(","))
        if _EMAIL.fullmatch(email)
    )
    return OaiConfig(
        repository_name=settings.oai_repository_name,
        admin_emails=emails or OaiConfig().admin_emails,
        page_size=max(1, settings.oai_page_size),
        repository_identifier=settings.oai_repository_identifier.strip(),
        search_budgets=settings.search_budgets,
    )


def _service(request: Request) -> OaiService:
    service: OaiService | None = getattr(request.app.state, "oai_service", None)
    if service is None:
        database = request.app.state.registry.database
        service = OaiService(database, config_of(request.app.state.settings))
        request.app.state.oai_service = service
    return service


def _base_url(request: Request) -> str:
    settings: Settings = request.app.state.settings
    if settings.oai_base_url:
        return settings.oai_base_url
    if settings.base_url:
        return settings.base_url.rstrip("/") + "/oai"
    return str(request.base_url).rstrip("/") + "/oai"


def accepts_gzip(header: str | None) -> bool:
    """Whether an ``Accept-Encoding`` header admits gzip (``q`` above zero)."""
    for part in (header or "").split(","):
        coding, *params = (piece.strip() for piece in part.split(";"))
        if coding.lower() not in ("gzip", "x-gzip", "*"):
            continue
        quality = 1.0
        for param in params:
            name, _, value = param.partition("=")
            if name.strip().lower() == "q":
                try:
                    quality = float(value)
                except ValueError:
                    quality = 0.0
        if quality > 0:
            return True
    return False


async def _arguments(request: Request) -> list[tuple[str, str]]:
    pairs = list(request.query_params.multi_items())
    if request.method != "POST":
        return pairs
    media_type = request.headers.get("content-type", "").partition(";")[0].strip().lower()
    body = await request.body()
    if media_type not in ("", FORM_TYPE):
        raise bad_argument(f"A POST request must send its arguments as {FORM_TYPE}.")
    try:
        text = body.decode("utf-8")
    except UnicodeDecodeError:
        raise bad_argument("The request body is not UTF-8.") from None
    return pairs + parse_qsl(text, keep_blank_values=True)


async def _page(request: Request, service: OaiService, base_url: str, compress: bool) -> Page:
    try:
        pairs = await _arguments(request)
    except OaiError as error:
        return error_page(error, base_url, service.database.clock.now())
    return await run_in_threadpool(respond, service, pairs, base_url, compress=compress)


@router.api_route("/oai", methods=["GET", "POST"], include_in_schema=False)
async def oai(request: Request) -> Response:
    """The OAI-PMH 2.0 endpoint."""
    service = _service(request)
    base_url = _base_url(request)
    compress = accepts_gzip(request.headers.get("accept-encoding"))
    page = await _page(request, service, base_url, compress)
    if not compress:
        return Response(page.body, media_type=MEDIA_TYPE)
    if page.compressed is None:
        page = await run_in_threadpool(page.with_compression)
    # compressed here, at a level fit for large lists; the application's gzip
    # middleware leaves encoded responses alone (and adds Vary to the others)
    headers = {"Content-Encoding": "gzip", "Vary": "Accept-Encoding"}
    return Response(page.compressed, media_type=MEDIA_TYPE, headers=headers)
