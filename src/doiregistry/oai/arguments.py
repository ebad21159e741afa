"""The arguments of an OAI-PMH request, checked against the rules of its verb.

``badVerb`` for a missing, repeated or unknown verb; ``badArgument`` for an
argument the verb does not take, a repeated or missing one, a resumption
token next to other arguments, a value no XML document can carry, or a
metadata prefix with characters the protocol does not allow.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from typing import Final

from doiregistry.oai.errors import OaiError, bad_argument

RESUMPTION_TOKEN: Final = "resumptionToken"


@dataclass(frozen=True)
class VerbRule:
    required: frozenset[str] = frozenset()
    optional: frozenset[str] = frozenset()
    resumable: bool = False

    def allows(self, name: str) -> bool:
        return (
            name in self.required
            or name in self.optional
            or (self.resumable and name == RESUMPTION_TOKEN)
        )


_LIST: Final = VerbRule(
    frozenset({"metadataPrefix"}), frozenset({"from", "until", "set"}), resumable=True
)
VERBS: Final[Mapping[str, VerbRule]] = {
    "Identify": VerbRule(),
    "ListMetadataFormats": VerbRule(optional=frozenset({"identifier"})),
    "ListSets": VerbRule(resumable=True),
    "ListIdentifiers": _LIST,
    "ListRecords": _LIST,
    "GetRecord": VerbRule(required=frozenset({"identifier", "metadataPrefix"})),
}

#: OAI-PMH ``metadataPrefixType``
METADATA_PREFIX: Final = re.compile(r"[A-Za-z0-9\-_.!~*'()]+")
#: characters XML 1.0 cannot carry (not even escaped)
_NOT_XML: Final = re.compile("[^\t\n\r\x20-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")


@dataclass(frozen=True)
class OaiRequest:
    """A request whose verb and argument names are legal; values are checked by the verb."""

    verb: str
    arguments: dict[str, str] = field(default_factory=dict)

    def get(self, name: str) -> str | None:
        return self.arguments.get(name)

    @property
    def resumption_token(self) -> str | None:
        return self.arguments.get(RESUMPTION_TOKEN)


def xml_safe(text: str) -> bool:
    """True when every character of ``text`` can appear in an XML document."""
    return _NOT_XML.search(text) is None


def parse_request(pairs: Iterable[tuple[str, str]]) -> OaiRequest:
    """Check the verb and the argument names of a request (in the order received)."""
    items = list(pairs)
    verbs = [value for name, value in items if name == "verb"]
    if not verbs:
        raise OaiError("badVerb", "The request has no verb argument.")
    if len(verbs) > 1:
        raise OaiError("badVerb", "The verb argument is repeated.")
    verb = verbs[0]
    rule = VERBS.get(verb)
    if rule is None:
        shown = verb if xml_safe(verb) else repr(verb)
        raise OaiError("badVerb", f"Illegal OAI verb: {shown}")
    arguments: dict[str, str] = {}
    for name, value in items:
        if name == "verb":
            continue
        if not xml_safe(name) or not rule.allows(name):
            shown = name if xml_safe(name) else repr(name)
            raise bad_argument(f"Illegal argument for {verb}: {shown}")
        if name in arguments:
            raise bad_argument(f"The argument '{name}' is repeated.")
        if not xml_safe(value):
            raise bad_argument(f"The argument '{name}' holds characters XML cannot carry.")
        arguments[name] = value
    token = arguments.get(RESUMPTION_TOKEN)
    if token is not None:
        if len(arguments) > 1:
            raise bad_argument(
                "The argument 'resumptionToken' is exclusive: no other argument may accompany it."
            )
    else:
        for name in sorted(rule.required):
            if not arguments.get(name):
                raise bad_argument(f"The required argument '{name}' is missing.")
    prefix = arguments.get("metadataPrefix")
    if prefix is not None and METADATA_PREFIX.fullmatch(prefix) is None:
        raise bad_argument(f"The value '{prefix}' of the argument 'metadataPrefix' is not valid.")
    return OaiRequest(verb, arguments)
