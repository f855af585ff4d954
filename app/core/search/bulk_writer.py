"""A segment writer that keeps a batch's postings in memory and writes them term by term.

Whoosh's ``SegmentWriter`` sends every posting through a sorting pool as a tuple (and its
multiprocess writer pickles every document to its helpers): most of indexing time was
that bookkeeping. Here a document's postings go into per-term arrays (document numbers,
weights, encoded values); at flush the terms are written in sorted order through the
codec's field writer, one call per term when the codec offers ``add_term_postings``.
Stored fields and lengths still go through the codec's per-document writer, and the
segment is registered in the table of contents by Whoosh's own commit code.
"""

from __future__ import annotations

from array import array
from typing import Any

from whoosh.writing import SegmentWriter

from app.core.search.codec import index_codec

# Per term: document numbers, weights, encoded values (one per posting, in document order).
TermPostings = tuple["array[int]", "array[float]", list[bytes]]


class BulkSegmentWriter(SegmentWriter):
    """Writes one new segment from documents added in order; never merges on commit.

    Merging old segments goes through Whoosh's pool (``add_reader``), which this writer
    does not flush: merges are done apart, by ``segment_merge``.
    """

    def __init__(self, ix: Any, **kwargs: Any) -> None:
        super().__init__(ix, codec=index_codec(), **kwargs)
        self._terms: dict[str, dict[bytes, TermPostings]] = {}

    def add_reader(self, reader: Any) -> None:
        raise NotImplementedError("BulkSegmentWriter does not merge; see segment_merge")

    def _merge_segments(self, mergetype: Any, optimize: Any, merge: Any) -> list[Any]:
        return list(self.segments)

    def add_document(self, **fields: Any) -> None:
        """As ``SegmentWriter.add_document``, with postings kept in arrays, not a pool."""
        self._check_state()
        perdocwriter = self.perdocwriter
        schema = self.schema
        docnum = self.docnum
        docboost = self._doc_boost(fields)
        fieldnames = sorted(name for name in fields if not name.startswith("_"))
        self._check_fields(schema, fieldnames)
        perdocwriter.start_doc(docnum)
        try:
            for fieldname in fieldnames:
                value = fields.get(fieldname)
                if value is None:
                    continue
                field = schema[fieldname]
                if field.separate_spelling() or field.vector:
                    raise NotImplementedError(f"{fieldname}: spelling or vector fields")
                length = 0
                if field.indexed:
                    fieldboost = self._field_boost(fields, fieldname, docboost)
                    terms = self._terms.setdefault(fieldname, {})
                    scorable = field.scorable
                    # The field's own index(): its format encodes the values.
                    for tbytes, freq, weight, vbytes in field.index(value):
                        postings = terms.get(tbytes)
                        if postings is None:
                            postings = terms[tbytes] = (array("i"), array("d"), [])
                        postings[0].append(docnum)
                        postings[1].append(weight * fieldboost)
                        postings[2].append(vbytes if vbytes is not None else b"")
                        if scorable:
                            length += freq
                customval = fields.get(f"_stored_{fieldname}", value)
                perdocwriter.add_field(
                    fieldname, field, customval if field.stored else None, length
                )
                column = field.column_type
                if column and customval is not None:
                    perdocwriter.add_column_value(
                        fieldname, column, field.to_column_value(customval)
                    )
        except Exception:
            perdocwriter.cancel_doc()
            raise
        perdocwriter.finish_doc()
        self._added = True
        self.docnum += 1

    def _flush_segment(self) -> None:
        """Write every term, sorted, through the codec's field writer (freeing as it goes)."""
        self.perdocwriter.close()
        pdr = self.per_document_reader() if self.codec.length_stats else None
        fieldwriter = self.fieldwriter
        whole_term = getattr(fieldwriter, "add_term_postings", None)
        try:
            for fieldname in sorted(self._terms):
                terms = self._terms.pop(fieldname)
                if not terms:
                    continue
                # Lengths as the per-document reader gives them back (the codec may round
                # them), exactly what Whoosh's own add_postings passes per posting.
                if pdr is not None:
                    lengths = [
                        pdr.doc_field_length(d, fieldname) for d in range(self.docbase, self.docnum)
                    ]
                else:
                    lengths = [0] * (self.docnum - self.docbase)
                base = self.docbase
                fieldwriter.start_field(fieldname, self.schema[fieldname])
                for btext in sorted(terms):
                    docs, weights, values = terms.pop(btext)
                    doclist = docs.tolist()
                    lens = [lengths[d - base] for d in doclist]
                    if whole_term is not None:
                        whole_term(btext, doclist, weights.tolist(), values, lens)
                    else:
                        fieldwriter.start_term(btext)
                        for d, w, v, n in zip(doclist, weights, values, lens, strict=True):
                            fieldwriter.add(d, w, v, n)
                        fieldwriter.finish_term()
                fieldwriter.finish_field()
            fieldwriter.close()
        finally:
            if pdr is not None:
                pdr.close()

    def commit_with(self, segments: list[Any]) -> None:
        """Commit this writer's deletions and segment plus ``segments`` written elsewhere.

        The other segments come from writer processes (``_lk=False``) that share this
        writer's lock; the new table of contents lists them all in one generation.
        """
        self._check_state()
        final = list(self.segments) + segments
        if self._added:
            final.append(self._finalize_segment())
        else:
            self._close_segment()
        self._commit_toc(final)
        self._finish()
