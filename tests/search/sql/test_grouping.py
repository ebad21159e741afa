"""Long AND/OR chains as shallow trees: the same SQL when short, runnable on SQLite when long."""

from __future__ import annotations

from sqlalchemy import ColumnElement, column, false, literal, or_, select, true
from sqlalchemy.dialects import sqlite

from doiregistry.search.sql.grouping import FAN_OUT, shallow
from doiregistry.storage.engine import Database


def _sql(expression: ColumnElement[bool]) -> str:
    return str(select(literal(1)).where(expression).compile(dialect=sqlite.dialect()))


def test_short_chains_are_left_as_they_were() -> None:
    parts = [column(f"c{i}") == i for i in range(FAN_OUT)]
    assert _sql(shallow(or_, parts)) == _sql(or_(*parts))


def test_long_chains_are_grouped() -> None:
    parts = [column(f"c{i}") == i for i in range(FAN_OUT * 3)]
    sql = _sql(shallow(or_, parts))
    assert sql.count("(") == 3
    assert all(f"c{i} =" in sql for i in range(FAN_OUT * 3))


def test_a_chain_longer_than_sqlite_parses_runs_on_both_backends(database: Database) -> None:
    values = column("x")
    parts = [values == index for index in range(3000)]
    statement = select(literal(1)).select_from(select(literal(2999).label("x")).subquery())
    with database.read() as connection:
        assert connection.execute(statement.where(shallow(or_, parts))).scalar() == 1
        assert connection.execute(statement.where(shallow(or_, [false()] * 3000))).scalar() is None
        assert connection.execute(statement.where(shallow(or_, [true()] * 3000))).scalar() == 1
