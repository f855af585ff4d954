"""Full-text search on Whoosh, tuned for French: analysis, queries, the index and its repair.

``index.SearchIndex`` is the entry point; ``damage`` is the one place that decides when
the index must be rebuilt.
"""
