"""MDS endpoints ``/doi``, ``/metadata`` and ``/media``: parse, call the service, answer in text.

Every handler has the same shape (:func:`_call`): authenticate the caller,
read what the request sends, run the :class:`MdsService` operation off the
event loop; the service checks the parameters.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from functools import wraps
from typing import Any, Final, TypeVar
from urllib.parse import unquote

from fastapi import APIRouter, Request
from starlette.concurrency import run_in_threadpool
from starlette.responses import PlainTextResponse, Response

from doiregistry.api.auth import principal_from_header
from doiregistry.api.request_body import raw_body
from doiregistry.domain.errors import (
    BadRequest,
    Forbidden,
    MethodNotAllowed,
    NotFound,
    RegistryError,
    TooManyRequests,
    Unauthorized,
    ValidationFailed,
)
from doiregistry.domain.principal import Principal
from doiregistry.registry.dois.mds import ACCESS_DENIED, MdsService

router = APIRouter()

REALM: Final = "mds.datacite.org"
NO_AUTHENTICATION: Final = "An Authentication object was not found in the SecurityContext"
_FORM_TYPE: Final = "application/x-www-form-urlencoded"

T = TypeVar("T")
#: reads the request's own values (body, query), appended to an operation's arguments
RequestReader = Callable[[Request], Awaitable[tuple[Any, ...]]]


class EmptyRequest(BadRequest):
    """A request that sends nothing at all: a 400 without a message, as DataCite answers."""

    def __init__(self) -> None:
        super().__init__("")


class UnsupportedMediaType(RegistryError):
    status = 415


def _text(body: str, status: int = 200, headers: dict[str, str] | None = None) -> Response:
    return PlainTextResponse(body, status_code=status, headers=headers)


async def _principal(request: Request) -> Principal:
    """The authenticated caller (password checks run off the event loop)."""
    if not request.headers.get("authorization"):
        raise Unauthorized(NO_AUTHENTICATION)
    principal = await run_in_threadpool(principal_from_header, request)
    if principal.is_anonymous:
        raise Unauthorized("Bad credentials")
    return principal


def _service(request: Request) -> MdsService:
    service: MdsService = request.app.state.registry.mds
    return service


def plain_errors(handler: Callable[..., Any]) -> Callable[..., Any]:
    """Render domain errors as MDS does: the message as plain text with the status."""

    @wraps(handler)
    async def wrapper(*args: Any, **kwargs: Any) -> Response:
        try:
            result: Response = await handler(*args, **kwargs)
        except EmptyRequest:
            return Response(status_code=400)
        except ValidationFailed as exc:
            return _text(exc.errors[0].title if exc.errors else exc.title, 422)
        except MethodNotAllowed as exc:
            return _text("Method not allowed", 405, {"Allow": exc.allow})
        except TooManyRequests as exc:
            return _text(exc.title, 429, {"Retry-After": str(exc.retry_after)})
        except Unauthorized as exc:
            headers = {"WWW-Authenticate": f'Basic realm="{REALM}"'}
            return _text(exc.title, 401, headers)
        except Forbidden:
            # whichever rule refused (ownership, prefix, inactive account), MDS says only this
            return _text(ACCESS_DENIED, 403)
        except NotFound as exc:
            title = exc.title if not exc.title.startswith("The resource") else "DOI not found"
            return _text(title, 404)
        except RegistryError as exc:
            return _text(exc.title, exc.status)
        return result

    return wrapper


async def _call(
    request: Request,
    operation: Callable[..., T],
    *args: Any,
    read: RequestReader | None = None,
) -> T:
    """``operation(principal, *args, *what read returns)``, for the authenticated caller.

    The caller is authenticated before the body is read, so an anonymous request is a 401
    whatever it sends.
    """
    principal = await _principal(request)
    sent = await read(request) if read is not None else ()
    return await run_in_threadpool(operation, principal, *args, *sent)


def _key_values(text: str) -> dict[str, str]:
    """``key=value`` lines (split at the first ``=``; values trimmed and URL-decoded)."""
    values: dict[str, str] = {}
    for line in text.splitlines():
        key, sep, value = line.partition("=")
        if sep:
            values[key.strip().lower()] = unquote(value.strip())
    return values


async def _url_params(request: Request) -> tuple[str | None, str | None]:
    """``doi`` and ``url`` from ``key=value`` lines in the body, or the query."""
    body = (await raw_body(request)).decode("utf-8", "replace")
    values = _key_values(body) if body.strip() else {}
    values.update({k: v for k, v in request.query_params.items() if k in ("doi", "url")})
    if not values and not body.strip():
        raise EmptyRequest()
    return values.get("doi"), values.get("url")


async def _metadata_document(request: Request) -> tuple[bytes]:
    """The XML body; form-encoded bodies are refused (DataCite's MDS does too)."""
    content_type = request.headers.get("content-type", "").split(";")[0].strip().lower()
    if content_type == _FORM_TYPE:
        raise UnsupportedMediaType(f"Content type {_FORM_TYPE} is not supported")
    return (await raw_body(request),)


async def _media_pairs(request: Request) -> tuple[list[tuple[str, str]]]:
    """One ``<mime-type>=<url>`` pair per non-blank line."""
    body = (await raw_body(request)).decode("utf-8", "replace")
    parts = [line.partition("=") for line in body.splitlines() if line.strip()]
    return ([(media_type.strip(), url.strip()) for media_type, _, url in parts],)


@router.get("/doi")
@plain_errors
async def list_dois(request: Request) -> Response:
    names = await _call(request, _service(request).list_dois)
    return _text("\n".join(names)) if names else Response(status_code=204)


@router.get("/doi/{doi:path}/media")
@plain_errors
async def get_doi_media(request: Request, doi: str) -> Response:
    return await _media_list(request, doi)


@router.post("/doi/{doi:path}/media")
@plain_errors
async def post_doi_media(request: Request, doi: str) -> Response:
    return await _media_add(request, doi)


@router.delete("/doi/{doi:path}/media/{media_id}")
@plain_errors
async def delete_doi_media(request: Request, doi: str, media_id: str) -> Response:
    await _call(request, _service(request).delete_media, doi, media_id)
    return _text("OK")


@router.get("/doi/{doi:path}")
@plain_errors
async def get_doi_url(request: Request, doi: str) -> Response:
    url = await _call(request, _service(request).url, doi)
    return _text(url) if url else Response(status_code=204)


async def _register_url(request: Request, path_doi: str | None) -> Response:
    await _call(request, _service(request).register_url, path_doi, read=_url_params)
    return _text("OK", 201)


@router.put("/doi/{doi:path}")
@plain_errors
async def put_doi(request: Request, doi: str) -> Response:
    return await _register_url(request, doi)


@router.patch("/doi/{doi:path}")
@plain_errors
async def patch_doi(request: Request, doi: str) -> Response:
    return await _register_url(request, doi)


@router.post("/doi")
@plain_errors
async def post_doi(request: Request) -> Response:
    return await _register_url(request, None)


@router.delete("/doi/{doi:path}")
@plain_errors
async def delete_doi(request: Request, doi: str) -> Response:
    await _call(request, _service(request).delete_doi, doi)
    return _text("OK")


@router.get("/metadata/{doi:path}")
@plain_errors
async def get_metadata(request: Request, doi: str) -> Response:
    xml = await _call(request, _service(request).metadata, doi)
    return Response(xml, media_type="application/xml; charset=utf-8")


async def _upload(request: Request, doi: str | None) -> Response:
    service = _service(request)
    record = await _call(request, service.upload_metadata, doi, read=_metadata_document)
    base = str(request.base_url).rstrip("/")
    return _text(f"OK ({record.doi.upper()})", 201, {"Location": f"{base}/metadata/{record.doi}"})


@router.put("/metadata/{doi:path}")
@plain_errors
async def put_metadata(request: Request, doi: str) -> Response:
    return await _upload(request, doi)


@router.post("/metadata/{doi:path}")
@plain_errors
async def post_metadata_for(request: Request, doi: str) -> Response:
    return await _upload(request, doi)


@router.post("/metadata")
@plain_errors
async def post_metadata(request: Request) -> Response:
    return await _upload(request, None)


@router.delete("/metadata/{doi:path}")
@plain_errors
async def delete_metadata(request: Request, doi: str) -> Response:
    await _call(request, _service(request).hide, doi)
    return _text("OK")


async def _media_list(request: Request, doi: str) -> Response:
    items = await _call(request, _service(request).media, doi)
    return _text("\n".join(f"{item.media_type}={item.url}" for item in items))


async def _media_add(request: Request, doi: str) -> Response:
    await _call(request, _service(request).add_media_list, doi, read=_media_pairs)
    return _text("OK")


@router.get("/media/{doi:path}")
@plain_errors
async def get_media(request: Request, doi: str) -> Response:
    return await _media_list(request, doi)


@router.post("/media/{doi:path}")
@plain_errors
async def post_media(request: Request, doi: str) -> Response:
    return await _media_add(request, doi)


@router.get("/login")
async def login() -> Response:
    return _text("One-time login and session cookies not supported by this service", 501)
