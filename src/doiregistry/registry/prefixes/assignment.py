"""Giving a prefix to a new repository automatically (spec §6.3).

The provider's oldest prefix that no repository holds yet is taken first;
failing that, the oldest prefix of the pool that no provider holds is handed to
the provider and then to the repository.
"""

from __future__ import annotations

import uuid
from datetime import datetime
from typing import Final

from sqlalchemy import Connection

from doiregistry.domain.errors import FieldError, ValidationFailed
from doiregistry.storage import prefix_records

NO_PREFIX: Final = "No prefixes available.  Unable to create repository."


def new_id() -> str:
    """The id of a new provider-prefix or client-prefix."""
    return str(uuid.uuid4())


def assign_first_free(
    connection: Connection, client_id: str, provider_id: str, *, now: datetime
) -> str:
    """Assign a prefix to the repository and return it; 422 when none is free."""
    held = prefix_records.first_unused_provider_prefix(connection, provider_id)
    if held is not None:
        provider_prefix_id, prefix = held.id, held.prefix
    else:
        free = prefix_records.free_pool_prefix(connection)
        if free is None:
            raise ValidationFailed([FieldError("base", NO_PREFIX)])
        provider_prefix_id, prefix = new_id(), free
        prefix_records.insert_provider_prefix(
            connection,
            {
                "id": provider_prefix_id,
                "provider_id": provider_id,
                "prefix": prefix,
                "created": now,
                "updated": now,
            },
        )
    prefix_records.insert_client_prefix(
        connection,
        {
            "id": new_id(),
            "client_id": client_id,
            "provider_prefix_id": provider_prefix_id,
            "prefix": prefix,
            "created": now,
            "updated": now,
        },
    )
    return str(prefix)
