"""The notes panel, All notes, the note editor, and the one door notes change through."""
