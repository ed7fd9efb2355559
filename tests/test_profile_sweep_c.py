"""Sweep for 2025-2026 provider changes the bundled profiles did not know yet, group c (2026-12-07).

Okta's per-client network zones and assertion-key errors and its opt-in implicit grant; Auth0's 2026 retirements
(native callback confirmation, private_key_jwt audience, strict third-party apps, Rules and Hooks); Keycloak 26.7.3's
refusal of OIDC parameters in redirect URIs; Cognito's token exchange; the end of Firebase Dynamic Links; Entra's
AADSTS7000229 and AADSTS9010010; ServiceNow's deprecated Application Registry entries. Each test says what the profile
said before and fails on it.
"""

from __future__ import annotations

from datetime import UTC, datetime

from profile_probe_support import config_findings, sourced_quirk

from oauthdoctor import classify

NOW = datetime(2026, 12, 7, tzinfo=UTC)
OKTA_CATALOGUE = ("https://github.com/okta/okta-developer-docs/blob/468de9c511b5e4009bb5f06c25cbf4b85fecb8d0/"
                  "packages/@okta/vuepress-site/data/oauth2-error-codes.json")
AUTH0_DEPRECATIONS = "https://auth0.com/docs/troubleshoot/product-lifecycle/deprecations-and-migrations"


def _quirk(provider: str, source: str) -> str:
    quirk = sourced_quirk(provider, source)
    assert quirk.basis == "confirmed" and str(quirk.checked) == "2026-12-07"
    return quirk.text


def test_okta_network_zone_refusal_names_the_clients_zones() -> None:
    # was: only the generic IP allow-list reading; Okta's error catalogue lists disallowed_network_zone (403), the
    # error of per-client network zone restrictions (GA 2025-06-25)
    body = {"error": "access_denied",
            "error_description": "The request is made from outside the client's permitted network zones."}
    result = classify(403, body, provider="okta")
    assert (result.failure_class, result.cause, result.decision) == ("access_denied", "ip_not_allowed", "fix_config")
    assert "network zones this app (client) may call from" in result.summary


def test_okta_assertion_signed_with_an_encryption_key_is_a_key_problem() -> None:
    # was: bad_client_credentials (wrong secret or auth method); Okta's catalogue (July 2025) has
    # client_assertion_not_signed_with_signing_key and client_assertion_invalid_key_use
    for text in ("The client_assertion JWT needs to be signed using a signing key.",
                 "The public key being used for client assertion has an invalid 'use' parameter."):
        result = classify(401, {"error": "invalid_client", "error_description": text}, provider="okta")
        assert (result.failure_class, result.cause, result.decision) == ("invalid_client", "jwks_invalid", "fix_config")


def test_okta_implicit_grant_starts_off() -> None:
    # was: implicit listed as supported, no warning; Okta's implicit-grant guide has the admin tick Implicit (hybrid)
    # under Advanced, and release 2025.08.0 made web apps keep the Authorization Code grant
    findings = config_findings("okta", NOW, grant_type="implicit", domain="dev-1.okta.com",
                               token_url="https://dev-1.okta.com/oauth2/v1/token")
    assert "the implicit grant is off by default at Okta" in findings


def test_auth0_custom_scheme_callbacks_get_a_confirmation_prompt() -> None:
    # was: no quirk; Auth0's migration guide: end of life 2026-04-28, prompt=none is then rejected for such callbacks
    text = _quirk("auth0", "https://auth0.com/docs/troubleshoot/product-lifecycle/deprecations-and-migrations/"
                           "migrate-to-non-verifiable-callback-uri-end-user-confirmation#how-are-you-affected")
    assert text.startswith("Since 2026-04-28 a login whose callback is a custom URI scheme")
    assert "prompt=none is rejected" in text


def test_auth0_private_key_jwt_audience_is_the_issuer_only() -> None:
    # was: no quirk; Auth0's deprecations page ends support for an aud array or the endpoint URL
    text = _quirk("auth0", f"{AUTH0_DEPRECATIONS}#audience-validation-for-private-key-jwt-authentication")
    assert "aud must be the tenant's issuer (https://{domain}/, with the trailing slash) as a single string" in text


def test_auth0_new_third_party_apps_are_strict() -> None:
    # was: no quirk; Auth0's migration guide: from 2026-10-23 the Management API default becomes strict (PKCE)
    text = _quirk("auth0", "https://auth0.com/docs/troubleshoot/product-lifecycle/deprecations-and-migrations/"
                           "migrate-to-enhanced-security-third-party-applications")
    assert "on or after 2026-10-23" in text and "PKCE is mandatory" in text


def test_auth0_rules_and_hooks_have_stopped() -> None:
    # was: no quirk; Auth0's deprecations page: Rules and Hooks stop running after 2026-11-18
    text = _quirk("auth0", f"{AUTH0_DEPRECATIONS}#rules-and-hooks-deprecations")
    assert text.startswith("Rules and Hooks stopped running on 2026-11-18")


def test_keycloak_refuses_oidc_parameters_in_redirect_uris() -> None:
    # was: no quirk, such a registered URI matched; Keycloak's 26.7.3 upgrading notes refuse state, code, session_state
    text = _quirk("keycloak", "https://github.com/keycloak/keycloak/blob/81a07e9d584d52c3b7fc646a3280d11313633314/"
                              "docs/documentation/upgrading/topics/changes/changes-26_7_3.adoc")
    assert text.startswith("From 26.7.3 a redirect_uri or post_logout_redirect_uri that carries state, code or")
    assert "allow-oidc-params-in-redirect-uris" in text


def test_cognito_token_exchange_is_supported_once_enabled() -> None:
    # was: "does not support the token_exchange grant"; AWS announced RFC 8693 token exchange on 2026-11-12 and
    # GetDerivedToken's reference requires an ALLOW_TOKEN_EXCHANGE_* flow on the client
    findings = config_findings("aws-cognito", NOW, grant_type="token_exchange",
                               domain="x.auth.us-east-1.amazoncognito.com",
                               token_url="https://x.auth.us-east-1.amazoncognito.com/oauth2/token")
    assert "the token_exchange grant is off by default at Amazon Cognito user pools" in findings
    assert not any("does not support" in title for title in findings)


def test_firebase_dynamic_links_cannot_be_activated_any_more() -> None:
    # was: "activate Dynamic Links (and accept its terms)"; Firebase's email-link migration guides: Dynamic Links
    # shut down on 2025-08-25, links use the Hosting domain
    result = classify(400, "FirebaseError: Firebase: Error (auth/dynamic-link-not-activated).", provider="firebase")
    assert (result.cause, result.decision) == ("feature_or_api_not_enabled", "fix_config")
    assert "shut down on 2025-08-25 and cannot be activated any more" in result.summary
    assert "activate Dynamic Links (and accept" not in result.summary


def test_firebase_link_domain_fix_no_longer_offers_dynamic_links() -> None:
    # was: "use a domain configured in Firebase Hosting ... or in Dynamic Links"; the same guides retire Dynamic Links
    result = classify(400, "FirebaseError: Firebase: Error (auth/invalid-hosting-link-domain).", provider="firebase")
    assert (result.cause, result.decision) == ("link_domain_not_configured", "fix_config")
    assert "or in Dynamic Links" not in result.summary
    assert "Dynamic Links domains stopped working" in result.summary
    text = _quirk("firebase", "https://firebase.google.com/docs/auth/android/email-link-migration")
    assert text.startswith("Firebase Dynamic Links shut down on 2025-08-25")


def test_entra_missing_service_principal_is_not_a_wrong_secret() -> None:
    # was: bad_client_credentials; Microsoft's Teams SDK troubleshooting page: AADSTS7000229 means the app has no
    # service principal in the tenant
    body = {"error": "invalid_client", "error_codes": [7000229],
            "error_description": "AADSTS7000229: The client application 00001111-aaaa-2222-bbbb-3333cccc4444 is "
                                 "missing service principal in the tenant aaaabbbb-0000-cccc-1111-dddd2222eeee."}
    result = classify(401, body, provider="microsoft")
    assert (result.failure_class, result.cause, result.decision) == (
        "unauthorized_client", "service_principal_missing", "fix_config")


def test_servicenow_application_registry_inbound_entries_are_deprecated() -> None:
    # was: no quirk; ServiceNow's Yokohama-to-Australia release notes deprecate them in Zurich
    text = _quirk("servicenow", "https://github.com/ServiceNow/ServiceNowDocs/blob/"
                                "15d3935c698a936210e394df895c4762f84afcf4/markdown/delta-yokohama-australia/"
                                "australia-yokohama-authentication-release-notes.md")
    assert text.startswith("Since the Zurich release the Application Registry's inbound entries")
    assert "Machine Identity Console" in text
