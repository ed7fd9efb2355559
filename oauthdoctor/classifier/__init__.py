"""Error-response classification (pure; no network imports).

``classify(status, body, headers=None, provider=None, url=None)`` turns any OAuth error response into a
class, a cause and a decision (reauth / fix_config / retry); see ``docs/error-rules.md``. The rules it applies
are profile data (``oauthdoctor.profiles.error_schema``).
"""

from __future__ import annotations

from oauthdoctor.classifier.engine import classify
from oauthdoctor.classifier.result import SCHEMA_VERSION, CauseCandidate, Explanation

__all__ = ["SCHEMA_VERSION", "CauseCandidate", "Explanation", "classify"]
