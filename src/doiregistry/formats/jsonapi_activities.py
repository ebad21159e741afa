"""Activities (version history) as DataCite's JSON:API resources (spec §9)."""

from __future__ import annotations

from typing import Any

from doiregistry.domain.activity_record import Activity
from doiregistry.formats.timestamps import iso_millis


def _derived_from(activity: Activity, base: str) -> str:
    if activity.auditable_type == "Doi":
        return f"https://doi.org/{activity.auditable_id}"
    kind = "repositories" if activity.auditable_type == "Client" else "providers"
    return f"{base}/{kind}/{activity.auditable_id}"


def _attributed_to(activity: Activity, base: str) -> str | None:
    user = activity.username
    if not user:
        return None
    kind = "repositories" if "." in user else "providers"
    return f"{base}/{kind}/{user}"


def _publisher_names(changes: dict[str, Any]) -> dict[str, Any]:
    def name(value: Any) -> Any:
        return value.get("name") if isinstance(value, dict) else value

    if "publisher" not in changes:
        return changes
    value = changes["publisher"]
    shown = [name(v) for v in value] if isinstance(value, list) else name(value)
    return {**changes, "publisher": shown}


def activity_resource(activity: Activity, base: str, *, publisher: bool = False) -> dict[str, Any]:
    """One activity; publisher changes as names unless ``publisher=true``."""
    changes = activity.changes if publisher else _publisher_names(activity.changes)
    return {
        "id": activity.request_uuid,
        "type": "activities",
        "attributes": {
            "prov:wasGeneratedBy": f"{base}/activities/{activity.request_uuid}",
            "prov:generatedAtTime": iso_millis(activity.created),
            "prov:wasDerivedFrom": _derived_from(activity, base),
            "prov:wasAttributedTo": _attributed_to(activity, base),
            "action": activity.action,
            "version": activity.version,
            "changes": changes,
        },
    }
