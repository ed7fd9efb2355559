"""Changes that providers announced in 2025-2026 and that group g's profiles (Todoist, Fitbit, Lark, WeChat, VK,
Nylas, Notion, NetSuite, PayPal, Pipedrive, Freshdesk) did not know yet, read into the bundled profiles on 2026-12-07.

Found: NetSuite accepts only https or custom-scheme redirect URIs and several of them per integration record,
caps client-credentials certificates at five (2026.1), closes token-based authentication to new integrations in
2027.1 and removes SOAP web services in 2028.2 (a PKCE mandate for 2027.1 rests on integration vendors only); VK
moved its API and authorization hosts to vk.ru (September 2025); Todoist retired REST API v2 and Sync API v9 (field
reports only). Each test says what the profile said before and what the source says, and fails on the old profile.
"""

from __future__ import annotations

from datetime import UTC, datetime

from profile_probe_support import config_findings, sourced_quirk

from oauthdoctor import classify
from oauthdoctor.profiles.loader import get_profile
from oauthdoctor.redirect.engine import compare_with_rule

NS_HELP = "https://docs.oracle.com/en/cloud/saas/netsuite/ns-online-help/"
NS_INTEGRATION_RECORD = NS_HELP + "section_157771733782.html"
NS_2026_1_AUTH = NS_HELP + "section_158921905537.html"
NS_TBA_USERS = NS_HELP + "section_158618788810.html"
NS_WSDL_VERSIONING = NS_HELP + "section_N3418174.html"
NS_PKCE_VENDOR = "https://adaptivesuitesolutions.com/release-notes/2026-1-authentication-oauth2-tba-sunset-pkce-dcr"
VK_DOMAIN_MOVE = ("https://github.com/VKCOM/vkid-ios-sdk/blob/ff399921014928fc05bc0d76aae887c04f9c8215/"
                  "CHANGELOG.md#L29-L31")
TODOIST_RETIREMENT = "https://docs.airbyte.com/integrations/sources/todoist-migrations"
NOW = datetime(2026, 12, 7, tzinfo=UTC)


def _netsuite_redirect(registered: str, sent: str):
    return compare_with_rule([registered], sent, get_profile("netsuite").redirect, provider="netsuite")


# NetSuite


def test_netsuite_refuses_a_plain_http_redirect_uri_even_on_localhost() -> None:
    # was: exact matching with no https requirement, so a registered http://localhost URI sent back unchanged was
    # accepted; Oracle's integration-record page says the redirect URI must be https:// or a custom scheme and
    # that http:// is not supported
    match = _netsuite_redirect("http://localhost:8080/callback", "http://localhost:8080/callback")
    assert not match.accepted
    assert [d.kind for d in match.differences] == ["scheme"]
    rule = get_profile("netsuite").redirect
    assert (rule.source, str(rule.checked), rule.basis) == (NS_INTEGRATION_RECORD, "2026-12-07", "confirmed")
    # the same page allows custom schemes such as myapp://callback; the 2026.1 release note lets a record hold
    # several redirect URIs, each still matched exactly
    assert _netsuite_redirect("myapp://callback", "myapp://callback").accepted
    match = compare_with_rule(["https://app.example.com/a", "https://app.example.com/b"], "https://app.example.com/b",
                              rule, provider="netsuite")
    assert match.accepted
    assert not _netsuite_redirect("https://app.example.com/a", "https://app.example.com/a/").accepted


def test_netsuite_caps_active_client_credentials_certificates_at_five() -> None:
    # was: no limit, only an unconfirmed 2-year validity; NetSuite's 2026.1 release note allows five active
    # certificates per integration record and adds a certificate rotation endpoint
    quirk = sourced_quirk("netsuite", NS_2026_1_AUTH)
    assert "five active" in quirk.text and "rotation endpoint" in quirk.text
    assert (quirk.basis, str(quirk.checked)) == ("confirmed", "2026-12-07")


def test_netsuite_token_based_authentication_closes_to_new_integrations_in_2027_1() -> None:
    # was: not mentioned; Oracle's TBA-for-users page says no new TBA integration can be created as of 2027.1,
    # existing ones keep working
    quirk = sourced_quirk("netsuite", NS_TBA_USERS)
    assert "2027.1" in quirk.text and "OAuth 2.0" in quirk.text
    assert quirk.basis == "confirmed"


def test_netsuite_soap_web_services_are_removed_in_2028_2() -> None:
    # was: SOAP faults read without any end date; Oracle's WSDL versioning page says only the 2025.2 endpoint is
    # supported from 2027.1 and SOAP stops working with 2028.2
    quirk = sourced_quirk("netsuite", NS_WSDL_VERSIONING)
    assert "2028.2" in quirk.text and "2025.2" in quirk.text and "2027.1" in quirk.text
    assert quirk.basis == "confirmed"


def test_netsuite_pkce_mandate_is_recorded_as_a_vendor_reading_only() -> None:
    # was: not mentioned; integration vendors say PKCE becomes mandatory for new authorization-code integrations in
    # 2027.1, which no Oracle page read states, so it is heuristic and the modelled requirement is unchanged
    quirk = sourced_quirk("netsuite", NS_PKCE_VENDOR)
    assert "2027.1" in quirk.text and "code_verifier" in quirk.text
    assert quirk.basis == "heuristic"
    assert get_profile("netsuite").pkce.required == "never"


# VK


def test_vk_token_url_on_vk_ru_is_a_vk_host() -> None:
    # was: only oauth.vk.com, api.vk.com and id.vk.com, so the config probe refused https://oauth.vk.ru as not VK's;
    # VK ID SDK 2.7.1's changelog (2025-09-10) says API integrations and authorization are reached only via vk.ru
    assert config_findings("vk", NOW, token_url="https://oauth.vk.ru/access_token") == []
    assert config_findings("vk", NOW, token_url="https://id.vk.ru/oauth2/auth") == []
    assert config_findings("vk", NOW, token_url="https://oauth.vk.org/access_token")


def test_vk_domain_move_is_known() -> None:
    # was: not mentioned; VK's changelog and its FAQ on the alternative API domain move VK API calls to vk.ru and
    # partners.api.vk.ru and call the vk.com hosts legacy
    quirk = sourced_quirk("vk", VK_DOMAIN_MOVE)
    assert "vk.ru" in quirk.text and "partners.api.vk.ru" in quirk.text
    assert (quirk.basis, str(quirk.checked)) == ("confirmed", "2026-12-07")
    assert "partners.api.vk.ru" in get_profile("vk").endpoints.hosts


# Todoist


def test_todoist_retired_rest_v2_answer_names_api_v1() -> None:
    # was: the generic retired-endpoint reading, naming no Todoist API; Airbyte's migration guide reports that REST
    # v2 now answers 410 Gone 'This endpoint is deprecated' and that tokens keep working on API v1 (field reports)
    result = classify(410, "This endpoint is deprecated", provider="todoist")
    assert (result.failure_class, result.cause, result.decision) == ("invalid_request", "endpoint_retired",
                                                                     "fix_config")
    assert "https://api.todoist.com/api/v1/" in result.summary


def test_todoist_api_retirement_is_a_dated_heuristic_quirk() -> None:
    # was: not mentioned; field reports give Sync v9's shutdown on 2026-02-10 and REST v2's 410, Todoist's own pages
    # read give no date, hence heuristic
    quirk = sourced_quirk("todoist", TODOIST_RETIREMENT)
    assert "2026-02-10" in quirk.text and "410" in quirk.text
    assert quirk.basis == "heuristic"
