"""check-env: OAuth-aware lint of env files (rule registry in ``rules.py``, entry point ``check_files``)."""

from oauthdoctor.checkenv.rules import REGISTRY, RULES, RULES_BY_ID
from oauthdoctor.checkenv.runner import check_files

__all__ = ["REGISTRY", "RULES", "RULES_BY_ID", "check_files"]
