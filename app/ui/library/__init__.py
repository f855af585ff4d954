"""The left pane: the library list, importing into it, and what the status bar says of it."""
