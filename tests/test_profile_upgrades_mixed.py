"""Decision-driving facts of the mixed group's profiles (Azure AD B2C, Firebase, WeChat, LinkedIn, Strava, Dropbox,
GitHub) upgraded from heuristic to confirmed on 2026-12-07, each through the behaviour that rests on it (bundled
profiles).

Each test names the primary source that now states the fact. WeChat, LinkedIn, Strava, Dropbox and GitHub had no
candidate whose own source could be read, so they keep their heuristic facts and have no test here.
"""

from __future__ import annotations

from datetime import UTC, datetime

from profile_probe_support import policy_judgement

from oauthdoctor import classify
from oauthdoctor.model import Status
from oauthdoctor.profiles.loader import get_profile

NOW = datetime(2026, 12, 7, tzinfo=UTC)
B2C_TOKENS = "articles/active-directory-b2c/tokens-overview.md#L30"
B2C_ERRORS = "articles/active-directory-b2c/error-handling.md#aadb2c90090"
VERIFY_DOCS = "https://firebase.google.com/docs/auth/admin/verify-id-tokens"


def test_azure_ad_b2c_rotation_is_confirmed_and_the_report_drops_the_caveat() -> None:
    # source: B2C's token overview (azure-docs tokens-overview.md L30 at 0ecc6a5, learn.microsoft.com
    # .../tokens-overview#token-types): each redemption returns a new refresh token that replaces the one used
    rotation = get_profile("azure-ad-b2c").token_policy.rotation
    assert rotation is not None
    assert (rotation.mode, rotation.omits_refresh_token, rotation.basis) == ("always", False, "confirmed")
    assert rotation.source is not None and rotation.source.endswith(B2C_TOKENS)
    # the reuse behaviour is still not stated: the schema defaults stay, and the note says so
    assert (rotation.reuse_detection, rotation.reuse_grace_seconds) == (False, None)
    assert rotation.note is not None and "says nothing about reuse" in rotation.note
    (finding,) = policy_judgement("azure-ad-b2c", NOW)
    assert finding.status is Status.SKIP
    evidence = dict(finding.evidence or {})
    assert (evidence["rotation"], evidence["basis"]) == ("always", "confirmed")
    assert "Rotation here" not in (finding.hint or "")


def test_azure_ad_b2c_unsupported_grant_format_is_a_configuration_fix() -> None:
    # source: Microsoft's "Handle errors in Azure AD B2C" (azure-docs error-handling.md at 5b17acb, AADB2C90090):
    # a grant token in an unsupported format while redeeming the code; send the code exactly as received
    body = {"error": "invalid_grant",
            "error_description": "AADB2C90090: The provided grant token is in an unsupported format.\r\n"
                                 "Correlation ID: 7c0b6f1e\r\nTimestamp: 2026-12-07 10:00:00Z\r\n"}
    result = classify(400, body, provider="azure-ad-b2c")
    assert (result.failure_class, result.cause, result.decision, result.basis) == (
        "invalid_grant", "grant_value_mangled", "fix_config", "confirmed")
    code = get_profile("azure-ad-b2c").errors.codes["AADB2C90090"]
    assert code.source is not None and code.source.endswith(B2C_ERRORS)


def test_azure_ad_b2c_codes_without_a_stated_fix_stay_heuristic() -> None:
    # the error-code table gives these meanings but no remedy; the decisions are inferred, so no upgrade
    codes = get_profile("azure-ad-b2c").errors.codes
    for code in ("AADB2C90063", "AADB2C90082", "AADB2C90119", "AADB2C90234", "AADB2C90247", "AADB2C90287"):
        assert codes[code].basis == "heuristic", code


def test_firebase_pre_v9_unauthorised_domain_message_names_its_fix() -> None:
    # source: the pre-v9 JS SDK's InvalidOriginError (firebase-js-sdk packages/auth/src/error_invalidorigin.js
    # L69-L71 at 6e342a9): this message, with the fix of adding the domain to the OAuth redirect domains list
    body = ("This domain (preview-abc.example.app) is not authorized to run this operation. Add it to the OAuth "
            "redirect domains list in the Firebase console -> Auth section -> Sign in method tab.")
    result = classify(None, body, provider="firebase")
    assert (result.failure_class, result.cause, result.decision, result.basis) == (
        "redirect_uri_mismatch", "domain_not_authorized", "fix_config", "confirmed")


def test_firebase_admin_sdk_refuses_a_token_that_is_not_a_firebase_id_token() -> None:
    # source: firebase-admin-node src/auth/token-verifier.ts L500-L521 at 5a203f6: no kid header, or an alg other
    # than RS256, and the message sends the caller to the docs on how to retrieve an ID token
    bodies = (
        f'Firebase ID token has no "kid" claim. See {VERIFY_DOCS} for details on how to retrieve an ID token.',
        'Firebase ID token has incorrect algorithm. Expected "RS256" but got "HS256". '
        f"See {VERIFY_DOCS} for details on how to retrieve an ID token.",
    )
    for body in bodies:
        result = classify(None, body, provider="firebase")
        assert (result.failure_class, result.cause, result.decision, result.basis) == (
            "invalid_token", "wrong_token_type", "fix_config", "confirmed"), body


def test_firebase_unread_readings_stay_heuristic() -> None:
    # INVALID_REFRESH_TOKEN: a meaning without a stated remedy; the decision (reauth) is still inferred
    result = classify(400, {"error": {"code": 400, "message": "INVALID_REFRESH_TOKEN"}}, provider="firebase")
    assert (result.cause, result.decision, result.basis) == ("refresh_token_invalid", "reauth", "heuristic")
