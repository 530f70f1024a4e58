"""The written self-evaluation report (自评报告): draft it from the recognised tables, and check
a written report against itself and against the tables.

``source`` reads a .docx or .txt into paragraphs, ``extract`` finds the claims a report makes,
``judge`` decides with the checker's own scoring code whether a stated actual meets its target,
``check`` and ``compare`` turn claims into findings, ``draft`` writes a report, ``mark`` writes a
highlighted, commented copy of a checked .docx.
"""
