"""SQLite plumbing shared by the library and the notes store: migrations, transactions, opening."""
