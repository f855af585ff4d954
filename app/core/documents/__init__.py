"""Reading files into the library's form: decoding, HTML extraction, metadata, structure.

Also the reader's Qt-free text layout (``layout``), whose offsets the notes anchor to.
"""
