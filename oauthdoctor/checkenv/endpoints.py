"""Rules about the token and authorize URLs: transport, host ownership, leftover placeholders, and
provider-specific endpoint constraints (Salesforce client_credentials needs My Domain).
"""

from __future__ import annotations

import re
from urllib.parse import urlsplit

from oauthdoctor.checkenv.context import FileCheck, finding, show_url
from oauthdoctor.config import PLACEHOLDER_KEYS
from oauthdoctor.hosts import is_loopback_host
from oauthdoctor.model import Finding, Severity
from oauthdoctor.profiles.hosts import host_matches, host_verdict

ENDPOINT_KEYS = ("token_url", "authorize_url", "issuer")
_PLACEHOLDER_TEXT = re.compile(
    r"\{[A-Za-z_][A-Za-z0-9_-]*\}|%7B[A-Za-z_]+%7D|<[A-Za-z_][A-Za-z0-9 _-]*>|"
    r"\b(?:YOUR|MY)[-_][A-Za-z_-]+|\byour[-_](?:tenant|instance|domain|shop|org|subdomain|account)\b",
    re.IGNORECASE,
)
# Salesforce: client_credentials is not supported on login.salesforce.com or test.salesforce.com; the org's
# My Domain URL is required (https://help.salesforce.com/s/articleView?id=000886201&type=1).
_SALESFORCE_GENERIC_HOSTS = frozenset({"login.salesforce.com", "test.salesforce.com"})


def check_endpoints(check: FileCheck) -> list[Finding]:
    out: list[Finding] = []
    for canonical in PLACEHOLDER_KEYS:
        value = check.value(canonical)
        if value is not None and _PLACEHOLDER_TEXT.search(value):
            key = check.display_key(canonical)
            out.append(finding("endpoint-placeholder", check.at(canonical),
                               f"{key} is still a placeholder ({value!r})", key=key,
                               fix=f"Set {key} to your real {canonical.replace('_', ' ')}."))
    for canonical in ENDPOINT_KEYS:
        value = check.value(canonical)
        if value is not None:
            out += _check_url(check, canonical, value)
    out += _salesforce_my_domain(check)
    return out


def _check_url(check: FileCheck, canonical: str, url: str) -> list[Finding]:
    key, where = check.display_key(canonical), check.at(canonical)
    placeholder = _PLACEHOLDER_TEXT.search(url)
    if placeholder:
        return [finding("endpoint-placeholder", where,
                        f"{key} still contains the placeholder {placeholder.group(0)!r}", key=key,
                        fix=f"Replace {placeholder.group(0)} in {key} with your real value (tenant, instance, ...).")]
    parts = urlsplit(url)
    host = parts.hostname or ""
    out = []
    if parts.scheme.lower() == "http" and not is_loopback_host(host):
        out.append(finding("endpoint-http", where, f"{key} uses plain http: {show_url(url)}", key=key,
                           fix=f"Use https:// in {key}; never send a client secret over plain http."))
    profile = check.profile
    if profile is None or not profile.endpoints.hosts or not host or is_loopback_host(host):
        return out
    hosts = profile.endpoints.hosts
    custom = profile.endpoints.custom_domains
    owner = _owner(url) if custom is not None and custom.supported and not host_matches(host, hosts) else None
    verdict = host_verdict(host, hosts, custom is not None and custom.supported, owner, profile.id)
    evidence = {"host": host, "expected_hosts": list(hosts)}
    if verdict == "custom_domain":
        out.append(finding("endpoint-host", where,
                           f"{key} host {host} is not one of {profile.name}'s hosts ({', '.join(hosts)}); fine if "
                           f"it is your {profile.name} custom domain", key=key, severity=Severity.INFO,
                           fix=f"Nothing to do if {host} is the custom domain set up in {profile.name}; "
                               f"otherwise use the {profile.name} endpoint in {key}.",
                           evidence={**evidence, "custom_domains": True}))
    elif verdict == "foreign":
        belongs = f"; it belongs to the '{owner}' profile" if owner else ""
        out.append(finding("endpoint-host", where,
                           f"{key} host {host} does not belong to {profile.name} (expected {', '.join(hosts)})"
                           f"{belongs}", key=key,
                           fix=f"Use the {profile.name} endpoint in {key}, or pick the right --provider.",
                           evidence={**evidence, "owner": owner} if owner else evidence))
    return out


def _owner(url: str) -> str | None:
    """The profile whose hosts cover this URL, if any (only asked for providers with custom domains)."""
    from oauthdoctor.classifier.book import default_rulebook

    return default_rulebook().by_host(url)


def _salesforce_my_domain(check: FileCheck) -> list[Finding]:
    if check.provider != "salesforce" or (check.value("grant_type") or "").lower() != "client_credentials":
        return []
    url, canonical = check.value("token_url"), "token_url"
    if url is None and check.profile is not None and check.profile.endpoints.token is not None:
        url, canonical = check.profile.endpoints.token.url, "grant_type"  # the profile's default endpoint
    host = (urlsplit(url).hostname or "") if url else ""
    if host not in _SALESFORCE_GENERIC_HOSTS:
        return []
    key = check.display_key(canonical)
    return [finding("salesforce-my-domain", check.at(canonical),
                    f"client_credentials against {host}, which does not support it", key=key,
                    fix="Set OAUTH_TOKEN_URL to your org's My Domain: "
                        "https://<MyDomainName>.my.salesforce.com/services/oauth2/token")]
