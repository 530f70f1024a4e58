"""xltools: templates, scoring functions and checks for performance self-evaluation forms."""

__version__ = "0.1.0"
