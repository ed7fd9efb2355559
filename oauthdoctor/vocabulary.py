"""The words that profiles, the classifier and reports share: how firm a fact is, and what class an OAuth error is.

Plain type names and one tuple, in a module of their own so that the profile schema and the classifier can name
them without importing the report model (``model.py``).
"""

from __future__ import annotations

from typing import Literal, get_args

Basis = Literal["confirmed", "heuristic", "unconfirmed"]
"""How firm a provider fact is: read in the provider's own docs or code (``confirmed``), a rule of thumb kept on
purpose with a named non-primary source (``heuristic``), or not (yet) found in any source (``unconfirmed``)."""

FailureClass = Literal[
    "invalid_request", "invalid_client", "invalid_grant", "unauthorized_client", "unsupported_grant_type",
    "invalid_scope", "access_denied", "redirect_uri_mismatch", "unsupported_response_type", "invalid_token",
    "insufficient_scope", "interaction_required", "authorization_pending", "slow_down", "expired_token",
    "server_error", "temporarily_unavailable", "rate_limited", "unknown",
]
"""The class vocabulary, in one place: what an OAuth error response really is (RFC 6749 §4.1.2.1 and §5.2,
RFC 6750 §3.1, RFC 8628 §3.5, OIDC Core §3.1.2.6 ``interaction_required``, plus ``redirect_uri_mismatch``,
``server_error``/``temporarily_unavailable``/``rate_limited`` and ``unknown``). Profile rules, the classifier, the
``explain`` JSON schema and docs/error-rules.md all use exactly these names (tests/test_classify_vocabulary.py)."""

FAILURE_CLASSES: tuple[str, ...] = get_args(FailureClass)
