"""SQLite persistence with SQLAlchemy 2 (typed ORM) and Alembic migrations.

Only ``services`` call into this package; repositories hand back domain values.
"""
