"""oauthdoctor: tells you why your OAuth 2.0 integration fails and what to do about it.

The package keeps its top level import-light: ``classify`` is resolved lazily so that
``import oauthdoctor`` costs nothing for commands that do not need the classifier.
"""

from __future__ import annotations

from typing import Any

__version__ = "0.1.0"
__all__ = ["__version__", "classify"]


def __getattr__(name: str) -> Any:
    if name == "classify":
        from oauthdoctor.classify import classify

        return classify
    raise AttributeError(name)
