"""Alembic migration environment and revisions for the doiregistry schema."""
