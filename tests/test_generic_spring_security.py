"""Spring Security (the modern oauth2-client, -resource-server and -jose modules) in the phrase layer.

Users paste what Spring logged or answered, not the provider's body. Every text below is a message Spring's (or
Nimbus's, which Spring passes on) code builds — ``OAuth2Error.toString()`` is ``[code] description`` and
``NimbusJwtDecoder`` prefixes ``An error occurred while attempting to decode the Jwt: `` — in the shapes a log
wraps it in: a logger prefix, an exception's first line, a ``WWW-Authenticate`` header. None is taken from a
reported case; each rule's pinned ``source`` in ``providers/generic.yaml`` says where the words come from. The last
tests check that the rules keep to Spring's words.
"""

from __future__ import annotations

import pytest

from oauthdoctor.classifier import classify
from oauthdoctor.classifier.book import RuleBook

BOOK = RuleBook()
LOGIN = "2026-12-05T10:00:00.000Z ERROR 4242 --- [nio-8080-exec-3] o.s.s.o.c.w.OAuth2LoginAuthenticationFilter : "
AUTH_EX = "org.springframework.security.oauth2.core.OAuth2AuthenticationException: "
AUTHZ_EX = "org.springframework.security.oauth2.core.OAuth2AuthorizationException: "
RS_LOG = ("2026-12-05T10:00:00.000Z DEBUG 4242 --- [nio-8081-exec-1] o.s.s.o.s.r.w.a.BearerTokenAuthenticationFilter "
          ": Failed to process authentication request\n"
          "org.springframework.security.oauth2.server.resource.InvalidBearerTokenException: ")
DECODE = "An error occurred while attempting to decode the Jwt: "
CLAIMS = "[invalid_id_token] " + DECODE + "The ID Token contains invalid claims: "
TOKEN_RESPONSE = ("[invalid_token_response] An error occurred while attempting to retrieve the OAuth 2.0 Access Token "
                  "Response: ")
USERINFO = "[invalid_user_info_response] An error occurred while attempting to retrieve the UserInfo Resource"
SPRING_CAUSES = {"clock_skew", "token_from_other_issuer", "token_for_other_client", "token_response_without_id_token",
                 "client_registration_incomplete", "token_response_without_access_token", "wrong_endpoint_url",
                 "token_misconfigured", "access_token_malformed"}


def run(body: str, status: int | None = None, headers: dict[str, str] | None = None) -> tuple[str, str, str]:
    r = classify(status, body, headers, rulebook=BOOK)
    return r.failure_class, r.cause, r.decision


@pytest.mark.parametrize(("body", "expected"), [
    # OidcIdTokenValidator: which claims failed says why (time claims of a fresh token are the clocks).
    (LOGIN + AUTH_EX + CLAIMS + "{iat=2026-12-05T10:01:30Z}", ("invalid_token", "clock_skew", "fix_config")),
    (AUTH_EX + CLAIMS + "{exp=2026-12-05T09:58:00Z, iat=2026-12-05T09:53:00Z}",
     ("invalid_token", "clock_skew", "fix_config")),
    (LOGIN + CLAIMS + "{iss=https://login.example.com/realms/demo/}",
     ("invalid_token", "token_from_other_issuer", "fix_config")),
    (AUTH_EX + CLAIMS + "{aud=[spa-client]}", ("invalid_token", "token_for_other_client", "fix_config")),
    (AUTH_EX + CLAIMS + "{aud=[api, spa-client], azp=spa-client}",
     ("invalid_token", "token_for_other_client", "fix_config")),
    (AUTH_EX + CLAIMS + "{sub=null}", ("invalid_token", "ambiguous", "fix_config")),
    (AUTH_EX + CLAIMS + "{iss=https://idp.example.com, exp=2026-12-05T09:58:00Z}",
     ("invalid_token", "ambiguous", "fix_config")),
    # OidcAuthorizationCodeAuthenticationProvider: openid scope, no id_token in the response.
    (LOGIN + AUTH_EX + "[invalid_id_token] Missing (required) ID Token in Token Response for Client Registration: "
     "github",
     ("unknown", "token_response_without_id_token", "fix_config")),
    # OidcIdTokenDecoderFactory: nothing to check the signature with.
    (AUTH_EX + "[missing_signature_verifier] Failed to find a Signature Verifier for Client Registration: 'okta'. "
     "Check to ensure you have configured the JwkSet URI.",
     ("invalid_request", "client_registration_incomplete", "fix_config")),
    (LOGIN + "[missing_signature_verifier] Failed to find a Signature Verifier for Client Registration: 'corp'. "
     "Check to ensure you have configured a valid JWS Algorithm: 'null'",
     ("invalid_request", "client_registration_incomplete", "fix_config")),
    # DefaultOAuth2UserService
    (AUTH_EX + "[missing_user_info_uri] Missing required UserInfo Uri in UserInfoEndpoint for Client Registration: "
     "custom", ("invalid_request", "client_registration_incomplete", "fix_config")),
    (LOGIN + USERINFO + ": 401 Unauthorized: [no body]", ("invalid_token", "ambiguous", "fix_config")),
    (AUTH_EX + USERINFO + ": 403 Forbidden: [no body]", ("invalid_token", "ambiguous", "fix_config")),
    (AUTH_EX + USERINFO + " from 'https://idp.example.com/userinfo': response contains invalid content type "
     "'text/html;charset=UTF-8'. The UserInfo Response should return a JSON object (content type "
     "'application/json') that contains a collection of name and value pairs of the claims about the "
     "authenticated End-User.", ("invalid_request", "wrong_endpoint_url", "fix_config")),
    # AbstractRestClientOAuth2AccessTokenResponseClient: what it could not read as an RFC error.
    (LOGIN + AUTH_EX + TOKEN_RESPONSE + "401 Unauthorized: [no body]",
     ("invalid_client", "bad_client_credentials", "fix_config")),
    (AUTHZ_EX + TOKEN_RESPONSE + "500 Internal Server Error: [no body]", ("server_error", "idp_server_error", "retry")),
    (AUTHZ_EX + "[invalid_token_response] Empty OAuth 2.0 Access Token Response",
     ("unknown", "token_response_without_access_token", "fix_config")),
    # AuthorizationCodeOAuth2AuthorizedClientProvider: no authorized client, a user must authorize.
    ("org.springframework.security.oauth2.client.ClientAuthorizationRequiredException: [client_authorization_required] "
     "Authorization required for Client Registration Id: okta", ("interaction_required", "ambiguous", "reauth")),
    # Resource server: JwtTimestampValidator, NimbusJwtDecoder, the introspectors.
    (RS_LOG + DECODE + "Jwt used before 2026-12-05T10:05:00Z", ("invalid_token", "clock_skew", "fix_config")),
    (RS_LOG + DECODE + "exp is required", ("invalid_token", "token_misconfigured", "fix_config")),
    (RS_LOG + DECODE + "Signed JWT rejected: Another algorithm expected, or no matching key(s) found",
     ("invalid_token", "token_signature_invalid", "fix_config")),
    (AUTH_EX + "[invalid_id_token] " + DECODE + "Signed JWT rejected: Another algorithm expected, or no matching "
     "key(s) found", ("invalid_token", "token_signature_invalid", "fix_config")),
    (RS_LOG + DECODE + "Couldn't retrieve remote JWK set: Read timed out",
     ("temporarily_unavailable", "network_error", "retry")),
    (RS_LOG + DECODE + "Malformed token", ("invalid_token", "access_token_malformed", "fix_config")),
    (RS_LOG + DECODE + "Malformed Jwk set", ("invalid_token", "wrong_endpoint_url", "fix_config")),
    (RS_LOG + DECODE + "Unsupported algorithm of none", ("invalid_token", "token_misconfigured", "fix_config")),
    (RS_LOG + "Provided token isn't active", ("invalid_token", "ambiguous", "retry")),
])
def test_spring_messages(body: str, expected: tuple[str, str, str]) -> None:
    assert run(body) == expected


def test_the_resource_servers_header_carries_the_same_words() -> None:
    header = {"WWW-Authenticate": 'Bearer error="invalid_token", error_description="' + DECODE
              + 'Jwt used before 2026-12-05T10:05:00Z", error_uri="https://tools.ietf.org/html/rfc6750#section-3.1"'}
    assert run("", 401, header) == ("invalid_token", "clock_skew", "fix_config")


def test_a_nonce_that_does_not_match_names_its_candidates() -> None:
    """Without --provider too: bshaffer's server also names an error invalid_nonce, which must not detect it."""
    r = classify(None, AUTH_EX + "[invalid_nonce] ", rulebook=BOOK)
    assert r.provider is None
    assert (r.failure_class, r.cause, r.decision) == ("invalid_request", "ambiguous", "fix_config")
    assert [c.cause for c in r.candidates] == ["state_or_session_lost", "concurrent_sign_in", "token_misconfigured"]


@pytest.mark.parametrize(("body", "causes"), [
    (TOKEN_RESPONSE + "401 Unauthorized: [no body]",
     ["bad_client_credentials", "wrong_client_auth_method", "client_authentication_missing"]),
    (USERINFO + ": 401 Unauthorized: [no body]", ["token_for_wrong_audience", "wrong_endpoint_url", "missing_scope"]),
    ("[client_authorization_required] Authorization required for Client Registration Id: okta",
     ["login_required", "no_interactive_request"]),
    (DECODE + "Couldn't retrieve remote JWK set: Connection refused", ["network_error", "wrong_endpoint_url"]),
    (DECODE + "Signed JWT rejected: Another algorithm expected, or no matching key(s) found",
     ["token_from_other_issuer", "token_signature_invalid"]),
    ("Provided token isn't active", ["access_token_expired", "token_revoked", "token_from_other_issuer"]),
])
def test_one_message_with_several_causes_lists_them(body: str, causes: list[str]) -> None:
    r = classify(None, body, rulebook=BOOK)
    assert [c.cause for c in r.candidates] == causes


@pytest.mark.parametrize(("body", "expected"), [
    # An RFC error body inside the token-response message is read by its own code.
    (TOKEN_RESPONSE + '400 Bad Request: "{"error":"invalid_grant","error_description":"Code not valid"}"',
     ("invalid_grant", "auth_code_invalid_or_reused", "reauth")),
    # 'Jwt expired at' stays the expired access token (refresh once); the iss/aud claim validators keep their rules.
    (RS_LOG + DECODE + "Jwt expired at 2026-12-05T09:00:00Z", ("invalid_token", "access_token_expired", "retry")),
    (RS_LOG + DECODE + "The iss claim is not valid", ("invalid_token", "token_from_other_issuer", "fix_config")),
])
def test_neighbouring_spring_messages_keep_their_answers(body: str, expected: tuple[str, str, str]) -> None:
    assert run(body) == expected


@pytest.mark.parametrize(("body", "expected"), [
    # Other libraries' words for the same checks do not take Spring's causes or candidates.
    ("JsonWebTokenError: jwt malformed", ("invalid_token", "access_token_malformed", "fix_config")),
    ("IDX10223: Lifetime validation failed. The token is expired. ValidTo (UTC): '12/5/2026 9:00:00 AM'",
     ("invalid_token", "access_token_expired", "retry")),
    ("jwt issuer invalid. expected: https://idp.example.com",
     ("invalid_token", "token_from_other_issuer", "fix_config")),
    ("OPError: invalid_client (client authentication failed)", ("invalid_client", "bad_client_credentials",
                                                                "fix_config")),
    ("The userinfo endpoint is temporarily unavailable",
     ("temporarily_unavailable", "token_service_unavailable", "retry")),
])
def test_other_libraries_texts_do_not_match(body: str, expected: tuple[str, str, str]) -> None:
    r = classify(None, body, rulebook=BOOK)
    assert (r.failure_class, r.cause, r.decision) == expected
    assert not any("spring-security" in ref for ref in r.references)


def test_ordinary_sentences_stay_out() -> None:
    for body in ("The ID token contains the user's claims.", "Decode the JWT with any online tool.",
                 "The token is active until midnight."):
        assert run(body)[1] not in SPRING_CAUSES
