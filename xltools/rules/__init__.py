"""The rule registry: every rule has a code, a Chinese title, a severity and a documentation text."""

# The self-evaluation rules register first: the registry's order is the order rules are listed and run in.
from xltools.rules import self_eval  # noqa: F401, I001
from xltools.rules import (  # noqa: F401  (register rules)
    cells, criteria, final_accounts, profile_rules, shenzhen, summary, workbook)
from xltools.rules.base import REGISTRY, Finding, Rule, run_rules

__all__ = ["REGISTRY", "Finding", "Rule", "run_rules"]
