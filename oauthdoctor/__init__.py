"""oauthdoctor: tells you why your OAuth 2.0 integration fails and what to do about it.

The documented Python API is ``from oauthdoctor import classify`` (and ``from oauthdoctor.redirect import
compare``). ``classify`` is the one name resolved lazily here: every command imports this package, and most
must not pay for the classifier engine. This module is the top of the import layers (see
``docs/architecture.md``); no module inside the package imports it (the version lives in ``version.py``).
"""

from __future__ import annotations

from typing import Any

from oauthdoctor.version import __version__

__all__ = ["__version__", "classify"]


def __getattr__(name: str) -> Any:
    if name == "classify":
        from oauthdoctor.classifier.engine import classify

        return classify
    raise AttributeError(name)
