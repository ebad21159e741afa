"""Repository URL domain restrictions (spec §5.8)."""

from __future__ import annotations

from urllib.parse import urlsplit


def url_allowed(url: str | None, domains: str | None) -> bool:
    """True if the host of ``url`` is allowed by a comma-separated ``domains`` setting.

    ``*`` allows any host; ``*.example.org`` allows hosts ending in
    ``.example.org`` (not ``example.org`` itself); anything else must equal the
    host. A blank URL or blank setting matches nothing.
    """
    if not url or not domains or not domains.strip():
        return False
    host = (urlsplit(url.strip()).hostname or "").lower()
    for domain in (d.strip().lower() for d in domains.split(",")):
        if domain == "*":
            return True
        if domain.startswith("*.") and host.endswith(domain[1:]):
            return True
        if host and domain == host:
            return True
    return False
