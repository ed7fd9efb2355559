"""check-env: OAuth-aware lint of env files (rules in ``rules.py``, entry point ``check_files``)."""

from oauthdoctor.checkenv.rules import RULES, RULES_BY_ID
from oauthdoctor.checkenv.runner import check_files

__all__ = ["RULES", "RULES_BY_ID", "check_files"]
