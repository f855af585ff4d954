"""Work off the GUI thread: the search thread, All-notes queries and the indexing process."""
