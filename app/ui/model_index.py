"""The index type Qt passes to model and delegate methods, named once for every model."""

from __future__ import annotations

from PySide6.QtCore import QModelIndex, QPersistentModelIndex

ModelIndex = QModelIndex | QPersistentModelIndex
"""What ``data()``, ``rowCount()``, ``paint()``… receive: either kind of index."""
