"""Facts of the saas group's profiles (GitLab, Stripe, Shopify) upgraded from heuristic to confirmed on 2026-12-07,
once a primary source of the provider's own was read; each test checks the basis and the behaviour resting on it.

Bodies are the providers' own wordings as their docs or code give them; paths, keys and projects in them are made up.
Salesforce, HubSpot, Xero, Reddit, TikTok and Square gained no upgrade in this round (no primary source found).
"""

from __future__ import annotations

import json

from oauthdoctor.classifier import classify
from oauthdoctor.profiles.error_schema import ErrorRule
from oauthdoctor.profiles.loader import get_profile
from oauthdoctor.redirect import compare


def _rule(provider: str, *, cause: str, status: list[int] | None = None, text: str | None = None) -> ErrorRule:
    """The one error rule of ``provider`` with this cause (and status or text pattern, when given)."""
    found = [r for r in get_profile(provider).errors.rules
             if r.cause == cause and (status is None or r.status == status)
             and (text is None or (r.text is not None and text in r.text))]
    assert len(found) == 1, found
    return found[0]


def _outcome(status: int | None, body: str, provider: str) -> tuple[str, str, str, str]:
    result = classify(status, body, provider=provider)
    return result.failure_class, result.cause, result.decision, result.basis


def test_gitlab_upgraded_rules() -> None:
    # Job token refused for a project outside the allowlist: the text is built by GitLab's lib/api/helpers.rb
    # (handle_job_token_failure!, 403) and https://docs.gitlab.com/ci/jobs/ci_job_token/ says the source project
    # must be on the target project's allowlist.
    job_token = _rule("gitlab", cause="access_policy_denied", text="Authentication by CI/CD job token")
    assert (job_token.basis, job_token.source) == ("confirmed", "https://docs.gitlab.com/ci/jobs/ci_job_token/")
    body = json.dumps({"message": "403 Forbidden - Authentication by CI/CD job token not allowed from tools to app."})
    assert _outcome(403, body, "gitlab") == ("access_denied", "access_policy_denied", "fix_config", "confirmed")

    # {"message": "401 Unauthorized"}: https://docs.gitlab.com/api/rest/authentication/ gives this body for
    # authentication information that is not valid or is missing (not a refresh).
    unauthorized = next(r for r in get_profile("gitlab").errors.rules if r.fields == {"message": "401 Unauthorized"})
    assert (unauthorized.basis, unauthorized.source) == ("confirmed", "https://docs.gitlab.com/api/rest/authentication/")
    assert _outcome(401, json.dumps({"message": "401 Unauthorized"}), "gitlab") == (
        "invalid_token", "ambiguous", "fix_config", "confirmed")

    # The user's own step, named in GitLab's message (lib/gitlab/auth/user_access_denied_reason.rb L22-L30 at 0e6ce73).
    for cause in ("user_email_not_verified", "password_expired"):
        assert _rule("gitlab", cause=cause, status=[403]).basis == "confirmed"
    unconfirmed = ("403 Forbidden - Your primary email address is not confirmed. Please check your inbox for the "
                   "confirmation instructions. In case the link is expired, you can request a new confirmation email "
                   "at https://gitlab.example.com/users/confirmation/new")
    assert _outcome(403, json.dumps({"message": unconfirmed}), "gitlab") == (
        "interaction_required", "user_email_not_verified", "reauth", "confirmed")
    expired = ("403 Forbidden - Your password expired. Please access GitLab from a web browser to update your "
               "password.")
    assert _outcome(403, json.dumps({"message": expired}), "gitlab") == (
        "interaction_required", "password_expired", "reauth", "confirmed")


def test_stripe_upgraded_facts() -> None:
    # secret_key_required: https://docs.stripe.com/error-codes/secret-key-required says a publishable key was sent
    # where a secret key is required, and to update the integration with the current keys from the Dashboard.
    secret = next(r for r in get_profile("stripe").errors.rules if r.provider_code == ["secret_key_required"])
    assert (secret.basis, secret.source) == ("confirmed", "https://docs.stripe.com/error-codes/secret-key-required")
    body = json.dumps({"error": {"type": "invalid_request_error", "code": "secret_key_required",
                                 "message": "This API call cannot be made with a publishable API key. Please use a "
                                            "secret API key."}})
    assert _outcome(401, body, "stripe") == ("invalid_token", "wrong_token_type", "fix_config", "confirmed")

    # livemode_mismatch stays heuristic: the error-code page states the meaning but no remedy.
    mismatch = next(r for r in get_profile("stripe").errors.rules if r.provider_code == ["livemode_mismatch"])
    assert mismatch.basis == "heuristic"

    # redirect_uri left out: https://docs.stripe.com/connect/oauth-reference ('Dynamically set the redirect URI')
    # says Stripe then uses the first URI configured in the platform settings (was single_registered, heuristic).
    missing = get_profile("stripe").redirect.missing_sent
    assert (missing.when, missing.basis, missing.source) == (
        "first_registered", "confirmed", "https://docs.stripe.com/connect/oauth-reference")
    result = compare(["https://a.example.com/cb", "https://b.example.com/cb"], None, provider="stripe")
    assert result.accepted is True
    assert result.redirect_to == "https://a.example.com/cb"


def test_shopify_locked_shop_rules() -> None:
    # 423 Locked: https://shopify.dev/docs/api/usage/response-codes ('423 Locked' row) says the shop is locked
    # (API limits exceeded again and again, or an account issue) and to contact support: not a retry or reauth.
    locked = _rule("shopify", cause="shop_locked", status=[423])
    assert (locked.basis, locked.source) == ("confirmed", "https://shopify.dev/docs/api/usage/response-codes")
    assert _outcome(423, json.dumps({"errors": "This store is unavailable"}), "shopify") == (
        "access_denied", "shop_locked", "fix_config", "confirmed")

    # The same status as @shopify/shopify-api words it (lib/clients/common.ts L177-L184 at ef2043d).
    library = _rule("shopify", cause="shop_locked", text="Received an error response")
    assert library.basis == "confirmed"
    message = 'HttpResponseError: Received an error response (423 Locked) from Shopify:\n{"errors":"Locked"}'
    assert _outcome(None, message, "shopify") == ("access_denied", "shop_locked", "fix_config", "confirmed")
