"""Storage: tables, migrations, engine set-up per backend, and record access.

SQLAlchemy 2 Core over two backends behind one interface: an SQLite file (the
embedded default) and PostgreSQL. Nothing here knows about JSON:API or HTTP.
"""
