"""The reader: one document typeset for reading, with note highlights, hits and find."""
