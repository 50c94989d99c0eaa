"""The story store: SQLAlchemy models, the session lifecycle, repositories and Alembic migrations."""
