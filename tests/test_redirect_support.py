"""Helpers for the redirect tests (no tests here): the ``redirect:`` mapping of each bundled profile.

``write_standin_profiles`` writes a minimal profile only for an id whose bundled profile does not build to
the rule its file declares (normally none), so ``compare(..., provider=id)`` runs against the real profiles.
"""

from __future__ import annotations

from functools import cache
from pathlib import Path

import yaml

from oauthdoctor.profiles.build import build
from oauthdoctor.profiles.loader import get_profile
from oauthdoctor.redirect import RedirectRule

ROOT = Path(__file__).resolve().parents[1]
BLOCKS = ROOT / "providers"
CASES = ROOT / "tests" / "fixtures" / "redirect_dev_cases.yaml"  # a copy of shared/cases/redirect_dev.yaml
PROFILE_IDS = [
    "google", "microsoft", "salesforce", "github", "hubspot", "slack", "netsuite", "servicenow", "freshdesk", "okta",
    "auth0", "atlassian", "zoom", "xero", "intuit", "dropbox", "shopify", "linkedin", "box", "zendesk", "pingone",
    "keycloak", "hydra", "oidc-provider", "spring-authorization-server", "doorkeeper", "django-oauth-toolkit",
    "authlib", "identityserver", "x", "meta",
    "dex",
    "nylas",
    "ringcentral",
    "todoist",
    "casdoor",
    "twitch",
    "aws-cognito",
    "gitlab",
    "authelia",
    "discord",
    "notion",
    "vk",
    "supabase",
    "azure-ad-b2c",
    "spring-security-oauth",
    "logto",
    "node-oauth2-server",
    "league-oauth2-server",
    "mastodon",
    "reddit",
    "zitadel",
    "square",
    "pocket-id",
    "openiddict",
    "fusionauth",
    "go-oauth2-server",
    "oauth2-server-php",
    "wso2",
    "firebase",
    "supertokens",
    "clerk",
    "kong",
    "ory-kratos",
    "smart-on-fhir",
    "paypal",
    "stripe",
    "asana",
    "adobe",
    "docusign",
    "pipedrive",
    "pinterest",
    "etsy",
    "spotify",
    "amazon",
    "apple",
    "zoho",
    "ebay",
    "strava",
    "kanidm",
    "rauthy",
    "authentik",
    "workos",
    "stytch",
    "wechat",
    "lark",
    "autodesk",
    "figma",
    "miro",
    "mailchimp",
    "fitbit",
    "tiktok",
    "bitbucket",
    "generic",
]
CASE_MAP = {
    "fosite": "hydra", "spring-authz-server": "spring-authorization-server", "identityserver4": "identityserver",
    "entra": "microsoft", "rfc6749": "generic", "rfc8252": "generic", "rfc9700": "generic",
}
# Versions the bundled profiles do not model: Keycloak's legacy matcher, Doorkeeper 5.x (the profile follows the
# 6.0 matcher the reference names), DOT up to 3.4.0 (the profile follows 3.4.1, the release the tests run).
CASE_SKIP = {"keycloak-legacy", "doorkeeper-5.x", "django-oauth-toolkit-3.4.0", "rfc3986-normalized"}


def block_data(pid: str) -> dict[str, object]:
    data = yaml.safe_load((BLOCKS / f"{pid}.yaml").read_text(encoding="utf-8"))
    assert "redirect" in data, pid
    return data["redirect"]  # type: ignore[no-any-return]


@cache
def block_rule(pid: str) -> RedirectRule:
    """The rule exactly as the profile builder builds it from the profile file."""
    return build(RedirectRule, block_data(pid))


def write_standin_profiles(directory: Path) -> list[str]:
    """Write a minimal profile for every id whose bundled profile lacks the block's rule; return those ids."""
    written = []
    for pid in PROFILE_IDS:
        try:
            current = get_profile(pid).redirect
        except Exception:  # noqa: BLE001 - missing or broken while other helpers edit providers/
            current = None
        if current == block_rule(pid):
            continue
        kind = "generic" if pid == "generic" else "provider"
        body = {"id": pid, "name": pid, "kind": kind, "redirect": block_data(pid)}
        (directory / f"{pid}.yaml").write_text(yaml.safe_dump(body, sort_keys=False), encoding="utf-8")
        written.append(pid)
    return written
