"""JSON:API error documents for every failure, so that no request ends in a bare 500.

Domain errors carry their status; unknown routes, wrong methods, malformed
bodies and request-parameter errors are mapped here too.
"""

from __future__ import annotations

import logging
from typing import Any

import orjson
from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from starlette.exceptions import HTTPException as StarletteHTTPException
from starlette.responses import Response

from doiregistry.api.jsonapi import JSONAPI_TYPE as JSON_TYPE
from doiregistry.domain.errors import (
    FieldError,
    MethodNotAllowed,
    RegistryError,
    ServiceUnavailable,
    TooManyRequests,
    ValidationFailed,
)

log = logging.getLogger(__name__)

_DEFAULT_TITLES = {
    400: "Bad request",
    401: "Bad credentials.",
    403: "You are not authorized to access this resource.",
    404: "The resource you are looking for doesn't exist.",
    405: "Method not allowed",
    406: "The content type is not recognized.",
    413: "The request body is too large.",
    415: "The content type of the request body is not supported.",
}


def error_response(
    status: int, title: str | None = None, headers: dict[str, str] | None = None
) -> Response:
    """``{"errors": [{"status": "<code>", "title": "<message>"}]}`` with that status."""
    body = {"errors": [{"status": str(status), "title": title or _DEFAULT_TITLES.get(status, "")}]}
    return Response(orjson.dumps(body), status_code=status, media_type=JSON_TYPE, headers=headers)


def field_errors_body(errors: list[FieldError]) -> dict[str, Any]:
    """The 422 document of spec §5.5 (``source``, ``title``, ``uid``), every error listed."""
    items = []
    for error in errors:
        item: dict[str, Any] = {"source": error.source, "title": error.title}
        if error.uid:
            item["uid"] = error.uid
        items.append(item)
    return {"errors": items}


def _registry_error(_request: Request, exc: Exception) -> Response:
    assert isinstance(exc, RegistryError)
    if isinstance(exc, ValidationFailed):
        return Response(
            orjson.dumps(field_errors_body(exc.errors)), status_code=422, media_type=JSON_TYPE
        )
    headers = {"Allow": exc.allow} if isinstance(exc, MethodNotAllowed) else None
    if isinstance(exc, TooManyRequests | ServiceUnavailable):
        headers = {"Retry-After": str(exc.retry_after)}
    return error_response(exc.status, exc.title, headers)


def _http_error(_request: Request, exc: Exception) -> Response:
    assert isinstance(exc, StarletteHTTPException)
    title = (
        exc.detail if isinstance(exc.detail, str) and exc.status_code not in (404, 405) else None
    )
    return error_response(exc.status_code, title, dict(exc.headers or {}) or None)


def _request_validation_error(_request: Request, exc: Exception) -> Response:
    assert isinstance(exc, RequestValidationError)
    problems = []
    for error in exc.errors():
        where = ".".join(str(part) for part in error.get("loc", ()) if part != "query")
        problems.append(f"{where}: {error.get('msg', 'is invalid')}" if where else error["msg"])
    return error_response(400, "; ".join(problems) or "Bad request")


def _unexpected_error(request: Request, exc: Exception) -> Response:
    log.exception("unhandled error on %s %s", request.method, request.url.path, exc_info=exc)
    return error_response(500, "An unexpected error occurred.")


def install_error_handlers(app: FastAPI) -> None:
    """Register the handlers that render every failure as a JSON:API error document."""
    app.add_exception_handler(RegistryError, _registry_error)
    app.add_exception_handler(StarletteHTTPException, _http_error)
    app.add_exception_handler(RequestValidationError, _request_validation_error)
    app.add_exception_handler(Exception, _unexpected_error)
