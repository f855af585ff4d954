"""The index's life on disk: open it, or create it afresh when missing, outdated or damaged.

A version stamp beside the Whoosh files detects schema or analyzer changes; an index that
fails to open (truncated table of contents, garbled segment) is thrown away and made
empty again (what counts as damage is decided in ``damage``). Whoever gets True back from
``open``/``reset`` must re-index everything.
"""

from __future__ import annotations

import json
import shutil
from pathlib import Path

from whoosh import index as windex
from whoosh.index import Index
from whoosh.searching import Searcher

from app.core.errors import SearchIndexError
from app.core.i18n import tr
from app.core.search import buffer_views
from app.core.search.damage import BEING_BUILT, IndexDamagedError, damage_checked
from app.core.search.query import QueryBuilder
from app.core.search.schema import INDEX_VERSION, STAMP_FILE, build_schema

# Segment files are read in place through their map, not copied (see buffer_views).
buffer_views.install()


class IndexFiles:
    """The Whoosh index in one directory, with its long-lived searcher."""

    def __init__(self, index_dir: Path) -> None:
        self.index_dir = index_dir
        self._ix: Index | None = None
        self._searcher: Searcher | None = None
        self._builder: QueryBuilder | None = None
        self.message: str | None = None
        """Set when the index had to be rebuilt: what happened, for the user."""

    def open(self, *, rebuild: bool = True) -> bool:
        """Open the index, creating it afresh when missing, outdated or damaged.

        Returns True when the index is new and empty: every document must be (re)indexed.
        With ``rebuild=False`` (readers beside another process that writes), a missing or
        outdated index raises SearchIndexError and a damaged one IndexDamagedError,
        instead of being replaced.
        """
        self.close()
        stamp = self._read_stamp()
        if not rebuild and stamp != INDEX_VERSION:
            raise SearchIndexError(tr(BEING_BUILT))
        if stamp is None:
            return self.reset(None)  # first use (or a stamp lost with the rest): build it
        if stamp != INDEX_VERSION:
            return self.reset("The search index was made by another version; rebuilding it.")
        try:
            ix, searcher = self._open_dir()
        except IndexDamagedError as exc:
            if not rebuild:
                raise
            return self.reset(
                tr("The search index was damaged ({reason}); rebuilding it.").format(
                    reason=exc.reason
                )
            )
        self._ix, self._searcher = ix, searcher
        self._builder = QueryBuilder(ix.schema)
        return False

    def _open_dir(self) -> tuple[Index, Searcher]:
        def opened() -> tuple[Index, Searcher]:
            ix = windex.open_dir(str(self.index_dir))
            searcher = ix.searcher()
            searcher.doc_count()
            return ix, searcher

        return damage_checked(opened)

    def _read_stamp(self) -> str | None:
        try:
            data = json.loads((self.index_dir / STAMP_FILE).read_text("utf-8"))
            return str(data["version"])
        except (OSError, ValueError, KeyError, TypeError):
            return None

    def reset(self, message: str | None = None) -> bool:
        """Throw the index away and create it empty (callers then re-index everything)."""
        self.close()
        self.message = message
        if self.index_dir.exists():
            shutil.rmtree(self.index_dir, ignore_errors=True)
        try:
            self.index_dir.mkdir(mode=0o700, parents=True, exist_ok=True)
            ix = windex.create_in(str(self.index_dir), build_schema())
            tmp = self.index_dir / (STAMP_FILE + ".tmp")
            tmp.write_text(json.dumps({"version": INDEX_VERSION}), "utf-8")
            tmp.replace(self.index_dir / STAMP_FILE)
        except OSError as exc:
            raise SearchIndexError(
                tr("Cannot create the search index in {folder}: {error}").format(
                    folder=self.index_dir, error=exc.strerror or exc
                )
            ) from exc
        self._ix, self._searcher = ix, ix.searcher()
        self._builder = QueryBuilder(ix.schema)
        return True

    def close(self) -> None:
        if self._searcher is not None:
            self._searcher.close()
        if self._ix is not None:
            self._ix.close()
        self._ix = self._searcher = None

    @property
    def ix(self) -> Index:
        if self._ix is None:
            self.open()
        assert self._ix is not None
        return self._ix

    @property
    def builder(self) -> QueryBuilder:
        """The query parser for this index's schema."""
        if self._builder is None:
            self._builder = QueryBuilder(self.ix.schema)
        return self._builder

    def searcher(self) -> Searcher:
        """The long-lived searcher, refreshed to see the latest commit."""
        if self._searcher is not None and self._searcher.up_to_date():
            return self._searcher
        # Searcher.refresh() crashes when the old reader was empty (whoosh bug), and opening
        # a searcher on the few segments we keep is cheap: just open a new one.
        if self._searcher is not None:
            self._searcher.close()
        self._searcher = self.ix.searcher()
        return self._searcher

    def doc_count(self) -> int:
        return int(self.searcher().doc_count())
