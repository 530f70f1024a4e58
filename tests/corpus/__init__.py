"""A generated variation corpus: real-world layouts of the forms, clean and with slips planted at known cells.

``generate(seed)`` gives the workbooks (each a ``Book`` with its expected findings);
``plan(seed)`` the list of (form, variations, slip) they are built from; ``build(entry, index)``
one of them. See bench/accuracy.py and docs/accuracy.md.
"""

from tests.corpus.canvas import Book, Expect
from tests.corpus.generate import DEFAULT_COUNT, DEFAULT_SEED, Entry, build, generate, plan
from tests.corpus.slips import SLIPS, SPECIAL
from tests.corpus.variations import VARIATIONS

__all__ = [
           "DEFAULT_COUNT",
           "DEFAULT_SEED",
           "SLIPS",
           "SPECIAL",
           "VARIATIONS",
           "Book",
           "Entry",
           "Expect",
           "build",
           "generate",
           "plan",
]
