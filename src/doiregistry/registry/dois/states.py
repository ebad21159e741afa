"""The DOI state machine (spec §5.4): draft → registered → findable, and back to registered."""

from __future__ import annotations

from typing import Final

DRAFT, REGISTERED, FINDABLE = "draft", "registered", "findable"
STATES: Final = (DRAFT, REGISTERED, FINDABLE)

#: event → {from state: to state}; events that do not apply leave the state alone
TRANSITIONS: Final[dict[str, dict[str, str]]] = {
    "register": {DRAFT: REGISTERED},
    "publish": {DRAFT: FINDABLE, REGISTERED: FINDABLE},
    "hide": {FINDABLE: REGISTERED},
    "show": {REGISTERED: FINDABLE},
}


def is_known_event(event: str) -> bool:
    return event in TRANSITIONS


def apply_event(state: str, event: str | None) -> str:
    """The state after ``event``; unknown or inapplicable events change nothing."""
    if event is None:
        return state
    return TRANSITIONS.get(event, {}).get(state, state)
