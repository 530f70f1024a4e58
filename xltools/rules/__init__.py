"""The rule registry: every rule has a code, a Chinese title, a severity and a documentation text."""

from xltools.rules import (  # noqa: F401  (register rules)
    cells, criteria, final_accounts, profile_rules, self_eval, shenzhen, summary, workbook)
from xltools.rules.base import REGISTRY, Finding, Rule, run_rules

__all__ = ["REGISTRY", "Finding", "Rule", "run_rules"]
