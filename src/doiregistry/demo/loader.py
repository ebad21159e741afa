"""Loading the bundled sample records into the demo repository, through the importer.

The records in ``records/`` (see ``records/ATTRIBUTION.md``) are imported as
findable DOIs under the demo prefix, each keeping its original suffix, with a
landing page under ``https://example.org/``. Importing them again changes
nothing.
"""

from __future__ import annotations

from importlib import resources
from pathlib import Path
from typing import Final

from doiregistry.demo.accounts import DEMO_PREFIX, DEMO_REPOSITORY
from doiregistry.harvest.importer import Importer, ImportOptions
from doiregistry.harvest.outcomes import ImportReport
from doiregistry.harvest.sources import SourceReader
from doiregistry.storage.engine import Database

DEMO_URL_TEMPLATE: Final = "https://example.org/{doi}"


def record_files() -> list[Path]:
    """The bundled sample records, in name order."""
    folder = resources.files("doiregistry.demo") / "records"
    return sorted(Path(str(entry)) for entry in folder.iterdir() if entry.name.endswith(".xml"))


def load_demo_records(database: Database) -> ImportReport:
    """Import the sample records into the demo repository."""
    options = ImportOptions(
        repository=DEMO_REPOSITORY,
        url_template=DEMO_URL_TEMPLATE,
        target_prefix=DEMO_PREFIX,
    )
    return Importer(database).run(SourceReader(record_files()), options)
