"""The library: which documents Carnet knows, in SQLite, the source of truth.

``store.Library`` is the entry point; records, the importer, the index journal and the
schema are its parts.
"""
