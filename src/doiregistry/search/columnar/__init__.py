"""The in-memory columnar index (numpy): facet values per record, counting, and filter masks."""
