"""The SQLite records adapter: the Records port on one local file, with versioned migrations."""

from podcast_digest.adapters.sqlite.records import SQLiteRecords
from podcast_digest.adapters.sqlite.schema import Migration, SchemaError, shipped_migrations

__all__ = ["Migration", "SQLiteRecords", "SchemaError", "shipped_migrations"]
