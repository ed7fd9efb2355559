"""Error-response classification (pure; no network imports).

``classify(status, body, headers=None, provider=None, url=None)`` turns any OAuth error response into a
class, a cause and a decision (reauth / fix_config / retry); see ``docs/error-rules.md``.

Names are resolved lazily: the profile schema imports ``oauthdoctor.classify.rules`` on every command, and
that must not pull in the classifier engine.
"""

from __future__ import annotations

import sys
import types
from typing import Any

__all__ = ["SCHEMA_VERSION", "CauseCandidate", "Explanation", "classify"]


def __getattr__(name: str) -> Any:
    if name == "classify":
        from oauthdoctor.classify.engine import classify

        return classify
    if name in ("SCHEMA_VERSION", "CauseCandidate", "Explanation"):
        from oauthdoctor.classify import result

        return getattr(result, name)
    raise AttributeError(name)


class _CallablePackage(types.ModuleType):
    """``from oauthdoctor import classify`` must give a callable even after this package was imported.

    Importing ``oauthdoctor.classify.rules`` (every profile load does) binds this package as the attribute
    ``oauthdoctor.classify``, shadowing the function of the same name; calling the package calls the function.
    """

    def __call__(self, *args: Any, **kwargs: Any) -> Any:
        from oauthdoctor.classify.engine import classify

        return classify(*args, **kwargs)


sys.modules[__name__].__class__ = _CallablePackage
