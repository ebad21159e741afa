"""A corpus store per backend, loaded once per test module."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from tests.search.corpus import Corpus, corpus_on


@pytest.fixture(scope="module", params=["sqlite", "postgresql"])
def corpus(
    request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[Corpus]:
    with corpus_on(request.param, tmp_path_factory) as loaded:
        yield loaded
