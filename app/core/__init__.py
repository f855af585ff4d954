"""Carnet's core: documents, library, search index, notes, paths and errors. Never imports Qt."""
