"""Domain errors. The HTTP layer turns each into a JSON:API error document."""

from __future__ import annotations

from dataclasses import dataclass


class RegistryError(Exception):
    """Base of every error a service raises for a request it refuses."""

    status = 400

    def __init__(self, title: str) -> None:
        super().__init__(title)
        self.title = title


class BadRequest(RegistryError):
    status = 400


class Unauthorized(RegistryError):
    status = 401

    def __init__(self, title: str = "Bad credentials.") -> None:
        super().__init__(title)


class Forbidden(RegistryError):
    status = 403

    def __init__(self, title: str = "You are not authorized to access this resource.") -> None:
        super().__init__(title)


class NotFound(RegistryError):
    status = 404

    def __init__(self, title: str = "The resource you are looking for doesn't exist.") -> None:
        super().__init__(title)


class MethodNotAllowed(RegistryError):
    status = 405

    def __init__(self, allow: str, title: str = "Method not allowed") -> None:
        super().__init__(title)
        self.allow = allow


class TooManyRequests(RegistryError):
    """429: the caller must wait ``retry_after`` seconds before trying again."""

    status = 429

    def __init__(self, title: str, retry_after: int) -> None:
        super().__init__(title)
        self.retry_after = retry_after


class Conflict(RegistryError):
    status = 409

    def __init__(self, title: str = "The resource already exists.") -> None:
        super().__init__(title)


class ServiceUnavailable(RegistryError):
    """503: the request ran out of its time budget; ``retry_after`` seconds is a fair wait."""

    status = 503

    def __init__(self, title: str, retry_after: int = 1) -> None:
        super().__init__(title)
        self.retry_after = retry_after


@dataclass(frozen=True)
class FieldError:
    """One validation failure: the attribute it concerns and a sentence a person can act on."""

    source: str
    title: str
    uid: str | None = None


class ValidationFailed(RegistryError):
    """422: the request was understood but its content breaks the rules (all errors listed)."""

    status = 422

    def __init__(self, errors: list[FieldError]) -> None:
        super().__init__(errors[0].title if errors else "Validation failed")
        self.errors = errors
