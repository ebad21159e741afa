"""Search: the query language (parse, field catalogue), compilation to SQL per dialect,
facets, sorting, cursors and sampling for ``GET /dois`` and the other lists."""
