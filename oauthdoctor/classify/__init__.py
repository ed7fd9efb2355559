"""Error-response classification (pure; no network imports).

``classify(status, body, headers=None, provider=None, url=None)`` turns any OAuth error response into a
class, a cause and a decision (reauth / fix_config / retry); see ``docs/error-rules.md``.
"""

from oauthdoctor.classify.engine import classify
from oauthdoctor.classify.result import SCHEMA_VERSION, CauseCandidate, Explanation

__all__ = ["SCHEMA_VERSION", "CauseCandidate", "Explanation", "classify"]
