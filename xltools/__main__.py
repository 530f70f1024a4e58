"""``python -m xltools``: the same command line, for installs whose Scripts folder is not on PATH."""

import sys

from xltools.cli import main

sys.exit(main())
