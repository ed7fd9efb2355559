"""An authorization request without redirect_uri, per profile: the behaviour each server's code or docs state.

Each row cites where the behaviour was read (the profile's ``missing_sent.source`` pins commit and line);
the expected outcome is the one the server's own test or documentation asserts.
"""

from __future__ import annotations

import pytest
from test_redirect_support import PROFILE_IDS, block_rule

from oauthdoctor.redirect import MissingSentRule, RedirectRule, compare_with_rule

ONE = ["https://app.example/cb"]
TWO = ["https://app.example/one", "https://app.example/two"]

# (profile, registered, openid, accepted, redirect_to, source of the expectation)
BEHAVIOUR = [
    # RFC 6749 §3.1.2.3: optional only when exactly one complete URI is registered.
    ("generic", ONE, False, True, ONE[0], "RFC 6749 §3.1.2.3"),
    ("generic", TWO, False, False, None, "RFC 6749 §3.1.2.3"),
    ("generic", ONE, True, False, None, "OpenID Connect Core §3.1.2.1: redirect_uri REQUIRED"),
    # node-oidc-provider: allowOmittingSingleRegisteredRedirectUri defaults to true
    # (lib/actions/authorization/one_redirect_uri_clients.js; test/core/basic/code.authorization.test.js L571).
    ("oidc-provider", ONE, False, True, ONE[0], "oidc-provider one_redirect_uri_clients.js"),
    ("oidc-provider", ONE, True, True, ONE[0], "oidc-provider: no openid condition in the middleware"),
    ("oidc-provider", TWO, False, False, None, "oidc-provider: only client.redirectUris.length === 1"),
    # django-oauth-toolkit models.py default_redirect_uri; tests/test_authorization_code.py
    # test_pre_auth_default_redirect (one URI) and test_pre_auth_missing_redirect (several: 400).
    ("django-oauth-toolkit", ONE, False, True, ONE[0], "DOT test_pre_auth_default_redirect"),
    ("django-oauth-toolkit", TWO, False, False, None, "DOT test_pre_auth_missing_redirect"),
    # Authlib grants/base.py validate_authorization_redirect_uri + sqla client_mixin get_default_redirect_uri.
    ("authlib", TWO, False, True, TWO[0], "Authlib client_mixin.get_default_redirect_uri: redirect_uris[0]"),
    ("authlib", TWO, True, True, TWO[0], "Authlib: OpenIDCode adds no redirect_uri check"),
    # Doorkeeper pre_authorization.rb validate_redirect_uri; spec 'requires a redirect uri'.
    ("doorkeeper", ONE, False, False, None, "doorkeeper pre_authorization_spec 'requires a redirect uri'"),
    # Keycloak AuthorizationEndpointChecker.checkRedirectUri: required for OIDC requests only.
    ("keycloak", ONE, False, True, ONE[0], "Keycloak checkRedirectUri (requireRedirectUri = isOIDCRequest)"),
    ("keycloak", ONE, True, False, None, "Keycloak checkRedirectUri"),
    ("keycloak", TWO, False, False, None, "Keycloak getSingleValidRedirectUri: size != 1 -> null"),
    # fosite authorize_helper_test.go (one registered URI, url ""), authorize_request_handler.go (openid).
    ("hydra", ONE, False, True, ONE[0], "fosite TestDoesClientWhiteListRedirect"),
    ("hydra", ONE, True, False, None, "fosite: 'required when using OpenID Connect 1.0'"),
    ("hydra", TWO, False, False, None, "fosite: len(client.GetRedirectURIs()) == 1"),
    # Spring OAuth2AuthorizationCodeRequestAuthenticationProviderTests:
    # ...MissingRedirectUriAndMultipleRegistered... and ...AuthenticationRequestMissingRedirectUri (openid).
    ("spring-authorization-server", ONE, False, True, ONE[0], "Spring validateRedirectUri"),
    ("spring-authorization-server", TWO, False, False, None, "Spring MissingRedirectUriAndMultipleRegistered"),
    ("spring-authorization-server", ONE, True, False, None, "Spring AuthenticationRequestMissingRedirectUri"),
    # IdentityServer4 AuthorizeRequestValidator ('redirect_uri must be present'); test Missing_RedirectUri.
    ("identityserver", ONE, False, False, None, "IdentityServer4 Missing_RedirectUri"),
    # GitHub docs: 'If left out, GitHub will redirect users to the callback URL configured'; GitHub Apps:
    # 'If you do not specify redirect_uri, the first callback URL will be used'.
    ("github", TWO, False, True, TWO[0], "GitHub docs, Redirect URLs"),
    # Box docs: with several redirect URIs a request without redirect_uri gets redirect_uri_missing.
    ("box", ONE, False, True, ONE[0], "Box docs 'Build authorization URL'"),
    ("box", TWO, False, False, None, "Box docs: redirect_uri_missing"),
    # Google and Entra document redirect_uri as required.
    ("google", ONE, False, False, None, "Google web-server flow: redirect_uri Required"),
    ("microsoft", ONE, False, False, None, "Entra auth code flow: redirect_uri required"),
]


@pytest.mark.parametrize(("pid", "registered", "openid", "accepted", "redirect_to", "source"), BEHAVIOUR,
                         ids=[f"{b[0]}-{len(b[1])}{'-openid' if b[2] else ''}" for b in BEHAVIOUR])
def test_omission_behaviour(pid: str, registered: list[str], openid: bool, accepted: bool,
                            redirect_to: str | None, source: str) -> None:
    result = compare_with_rule(registered, None, block_rule(pid), provider=pid, openid=openid)
    assert (result.accepted, result.redirect_to) == (accepted, redirect_to), source
    assert result.omitted and result.sent is None
    assert [d.kind for d in result.differences] == ["omitted"]
    assert result.differences[0].tolerated is accepted
    assert result.omission == block_rule(pid).omission()
    if accepted:
        assert result.matched == redirect_to and result.fix is None
    else:
        assert result.matched is None and result.fix and result.fix.startswith("Send redirect_uri")


def test_dropbox_shows_the_code_instead_of_redirecting() -> None:
    # dropbox-sdk-python oauth.py: DropboxOAuth2FlowNoRedirect builds the URL without redirect_uri and the
    # user copies the code from the Dropbox page; no registration is needed for that.
    for registered in ([], ONE, TWO):
        result = compare_with_rule(registered, None, block_rule("dropbox"), provider="dropbox")
        assert (result.accepted, result.matched, result.redirect_to) == (True, None, None)
        assert "shows the authorization code" in result.differences[0].explanation


@pytest.mark.parametrize("pid", PROFILE_IDS)
def test_nothing_registered_and_nothing_sent_never_redirects(pid: str) -> None:
    # doorkeeper spec: 'is not authorizable when the request omits the redirect_uri' for an application
    # registered without one; DOT #958 turns the same case into MissingRedirectURIError.
    result = compare_with_rule([], None, block_rule(pid), provider=pid)
    assert result.redirect_to is None
    assert result.accepted is (block_rule(pid).omission().when == "shows_code")


@pytest.mark.parametrize("pid", PROFILE_IDS)
def test_a_sent_uri_with_nothing_registered_is_refused(pid: str) -> None:
    # doorkeeper spec: 'is not authorizable when the request provides a redirect_uri' (nothing registered).
    result = compare_with_rule([], "https://app.example/cb", block_rule(pid), provider=pid)
    assert not result.accepted and "not_registered" in [d.kind for d in result.differences]
    assert result.fix == "Register exactly this redirect URI with the provider: https://app.example/cb"


# (profile, empty value counts as omitted): what 'redirect_uri=' does.
EMPTY = [
    ("generic", True),  # RFC 6749 §3.1: parameters sent without a value are treated as omitted
    ("hydra", True),  # Go's Form.Get returns "" for both
    ("spring-authorization-server", True),  # StringUtils.hasText
    ("authlib", True),  # 'if request.payload.redirect_uri:'
    ("oidc-provider", True),  # params.js: params[prop] || undefined
    ("django-oauth-toolkit", False),  # oauthlib: 'if request.redirect_uri is not None'
    ("keycloak", False),  # RedirectUtils tests for null only
]


@pytest.mark.parametrize(("pid", "omitted"), EMPTY)
def test_an_empty_redirect_uri(pid: str, omitted: bool) -> None:
    result = compare_with_rule(ONE, "", block_rule(pid), provider=pid)
    assert result.omitted is omitted and result.sent == ""
    if omitted:
        assert result.accepted and result.differences[0].explanation.startswith("The redirect_uri is empty")
    else:
        assert not result.accepted and result.differences[0].kind == "not_absolute"


def test_keycloak_single_wildcard_entry_stands_for_its_prefix() -> None:
    # RedirectUtils.getSingleValidRedirectUri: the one entry, cut before '/*'; none for a wildcard host.
    rule = block_rule("keycloak")
    path = compare_with_rule(["https://app.example/app/*"], None, rule, provider="keycloak")
    assert (path.accepted, path.matched, path.redirect_to) == (True, "https://app.example/app/*",
                                                               "https://app.example/app")
    host = compare_with_rule(["https://*.app.example/cb"], None, rule, provider="keycloak")
    assert not host.accepted and "pattern" in host.differences[0].explanation


def test_a_pattern_is_not_a_complete_uri_to_fall_back_on() -> None:
    # RFC 6749 §3.1.2.3: 'if only part of the redirection URI has been registered' the client must send it.
    rule = RedirectRule(wildcard=block_rule("auth0").wildcard)
    result = compare_with_rule(["https://*.app.example/cb"], None, rule)
    assert not result.accepted and "not a complete URI" in result.differences[0].explanation


def test_a_single_entry_with_a_fragment_is_no_fallback() -> None:
    # fosite: the single registered URI is used only if IsValidRedirectURI (absolute, no fragment).
    result = compare_with_rule(["https://app.example/cb#x"], None, block_rule("hydra"), provider="hydra")
    assert not result.accepted and "not a valid redirect URI" in result.differences[0].explanation


def test_warnings_say_what_is_fragile_and_what_is_unconfirmed() -> None:
    single = compare_with_rule(ONE, None, block_rule("hydra"), provider="hydra")
    assert any("registering a second one" in w for w in single.warnings)
    assert any("scope openid must send redirect_uri" in w for w in single.warnings)
    first = compare_with_rule(TWO, None, block_rule("github"), provider="github")
    assert any("reordering" in w for w in first.warnings)
    unconfirmed = compare_with_rule(ONE, None, block_rule("freshdesk"), provider="freshdesk")
    assert not unconfirmed.accepted
    assert any("What freshdesk does without a redirect_uri is unconfirmed" in w for w in unconfirmed.warnings)
    confirmed = compare_with_rule(ONE, None, block_rule("okta"), provider="okta")
    assert not confirmed.accepted
    assert not any("without a redirect_uri is unconfirmed" in w for w in confirmed.warnings)


def test_the_bare_shorthand_takes_the_rule_provenance() -> None:
    rule = RedirectRule(missing_sent="first_registered", source="https://example.test/doc", basis="confirmed",
                        checked="2026-12-05")
    assert rule.omission() == MissingSentRule(when="first_registered", source="https://example.test/doc",
                                              checked="2026-12-05", basis="confirmed")
    assert compare_with_rule(TWO, None, rule).redirect_to == TWO[0]


def test_json_of_an_omission() -> None:
    data = compare_with_rule(TWO, None, block_rule("github"), provider="github").to_json()
    assert (data["sent"], data["omitted"], data["redirect_to"]) == (None, True, TWO[0])
    assert data["omission"]["when"] == "first_registered" and data["omission"]["source"].startswith("https://")
    sent = compare_with_rule(ONE, ONE[0], block_rule("github"), provider="github").to_json()
    assert (sent["sent"], sent["omitted"], sent["redirect_to"], sent["omission"]) == (ONE[0], False, ONE[0], None)


def test_the_documented_table_matches_the_profiles() -> None:
    from test_redirect_support import ROOT

    text = (ROOT / "docs" / "redirect-rules.md").read_text(encoding="utf-8")
    table = text.split("What each profile says", 1)[1].split("###", 1)[0]
    documented: dict[str, tuple[str, ...]] = {}
    for row in table.splitlines():
        cells = [c.strip() for c in row.strip().strip("|").split("|")]
        if len(cells) != 5 or cells[0] in ("profile", "---"):
            continue
        for name in cells[0].split(","):
            documented[name.split()[0]] = (cells[1], cells[2], cells[3], cells[4].split()[0])
    assert sorted(documented) == sorted(PROFILE_IDS)
    for pid in PROFILE_IDS:
        o = block_rule(pid).omission()
        assert documented[pid] == (o.when, str(o.openid_requires).lower(), str(o.empty_is_omitted).lower(),
                                   o.basis), pid
