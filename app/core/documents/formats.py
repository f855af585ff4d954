"""Which files Carnet reads, and the version of what it extracts from them.

Apart from the loader so that what only needs these facts (the library walking a folder,
the import dialog's filter) does not import every extractor: `carnet search` never reads
a file and should not pay for the HTML, PDF and EPUB code.
"""

from __future__ import annotations

# Bump when the text, structure or metadata a file yields changes: libraries built by an
# older extractor read every document again once (see ``Library``).
EXTRACTOR_VERSION = "4"
SUPPORTED_SUFFIXES = frozenset({".txt", ".md", ".markdown", ".html", ".htm", ".epub", ".pdf"})
