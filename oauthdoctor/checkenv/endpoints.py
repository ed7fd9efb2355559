"""Client rules about the token and authorize URLs: leftover placeholders, transport, host ownership, and
provider-specific endpoint constraints (Salesforce client_credentials needs My Domain).
"""

from __future__ import annotations

import re
from datetime import datetime

from oauthdoctor.checkenv.context import FileCheck, show_url
from oauthdoctor.checkenv.registry import finding, rule
from oauthdoctor.checks.endpoints import endpoint_host
from oauthdoctor.config import PLACEHOLDER_KEYS
from oauthdoctor.hosts import host_of, is_loopback_host, split_url
from oauthdoctor.model import Finding, Severity, SeverityVariant

_E, _I = Severity.ERROR, Severity.INFO
_RFC6749 = "https://www.rfc-editor.org/rfc/rfc6749"
ENDPOINT_KEYS = ("token_url", "authorize_url", "issuer")
_PLACEHOLDER_TEXT = re.compile(
    r"\{[A-Za-z_][A-Za-z0-9_-]*\}|%7B[A-Za-z_]+%7D|<[A-Za-z_][A-Za-z0-9 _-]*>|"
    r"\b(?:YOUR|MY)[-_][A-Za-z_-]+|\byour[-_](?:tenant|instance|domain|shop|org|subdomain|account)\b",
    re.IGNORECASE,
)
# Salesforce: client_credentials is not supported on login.salesforce.com or test.salesforce.com; the org's
# My Domain URL is required (https://help.salesforce.com/s/articleView?id=000886201&type=1).
_SALESFORCE_GENERIC_HOSTS = frozenset({"login.salesforce.com", "test.salesforce.com"})


def _urls(check: FileCheck) -> list[tuple[str, str]]:
    """(canonical key, URL) of every endpoint URL the file sets, placeholders excluded."""
    return [(k, v) for k in ENDPOINT_KEYS if (v := check.value(k)) is not None and not _PLACEHOLDER_TEXT.search(v)]


@rule("endpoint-placeholder", "Placeholder left in an endpoint or placeholder value",
      "Are {tenant}/<instance>/YOUR_... placeholders replaced with real values?", _E, scope="client")
def endpoint_placeholder(check: FileCheck, now: datetime) -> list[Finding]:
    out: list[Finding] = []
    for canonical in PLACEHOLDER_KEYS:
        value = check.value(canonical)
        if value is not None and _PLACEHOLDER_TEXT.search(value):
            key = check.display_key(canonical)
            out.append(finding("endpoint-placeholder", check.at(canonical),
                               f"{key} is still a placeholder ({value!r})", key=key,
                               fix=f"Set {key} to your real {canonical.replace('_', ' ')}."))
    for canonical in ENDPOINT_KEYS:
        url = check.value(canonical)
        placeholder = _PLACEHOLDER_TEXT.search(url) if url else None
        if placeholder:
            key = check.display_key(canonical)
            out.append(finding("endpoint-placeholder", check.at(canonical),
                               f"{key} still contains the placeholder {placeholder.group(0)!r}", key=key,
                               fix=f"Replace {placeholder.group(0)} in {key} with your real value (tenant, instance, "
                                   "...)."))
    return out


@rule("endpoint-http", "Token or authorize URL uses http",
      "Do the token and authorize URLs use https? The client secret travels to the token endpoint.", _E,
      scope="client", help_uri=f"{_RFC6749}#section-3.2")
def endpoint_http(check: FileCheck, now: datetime) -> list[Finding]:
    out = []
    for canonical, url in _urls(check):
        if split_url(url).scheme.lower() == "http" and not is_loopback_host(host_of(url)):
            key = check.display_key(canonical)
            out.append(finding("endpoint-http", check.at(canonical), f"{key} uses plain http: {show_url(url)}", key=key,
                               fix=f"Use https:// in {key}; never send a client secret over plain http."))
    return out


@rule("endpoint-host", "Endpoint host does not belong to the provider",
      "Is the token/authorize URL host one of the provider profile's hosts?", _E, scope="client",
      variants=(SeverityVariant("custom_domain", _I, "the provider serves tenants from their own domains and "
                                                     "no other provider claims the host"),))
def endpoint_host_rule(check: FileCheck, now: datetime) -> list[Finding]:
    profile, out = check.profile, list[Finding]()
    if profile is None:
        return out
    hosts = profile.endpoints.hosts
    for canonical, url in _urls(check):
        verdict = endpoint_host(url, profile)
        if verdict is None or verdict.verdict == "own":
            continue
        key, where, host = check.display_key(canonical), check.at(canonical), verdict.host
        evidence = {"host": host, "expected_hosts": list(hosts)}
        if verdict.verdict == "custom_domain":
            out.append(finding("endpoint-host", where,
                               f"{key} host {host} is not one of {profile.name}'s hosts ({', '.join(hosts)}); fine "
                               f"if it is your {profile.name} custom domain", key=key, variant="custom_domain",
                               fix=f"Nothing to do if {host} is the custom domain set up in {profile.name}; "
                                   f"otherwise use the {profile.name} endpoint in {key}.",
                               evidence={**evidence, "custom_domains": True}))
        else:
            belongs = f"; it belongs to the '{verdict.owner}' profile" if verdict.owner else ""
            out.append(finding("endpoint-host", where,
                               f"{key} host {host} does not belong to {profile.name} (expected {', '.join(hosts)})"
                               f"{belongs}", key=key,
                               fix=f"Use the {profile.name} endpoint in {key}, or pick the right --provider.",
                               evidence={**evidence, "owner": verdict.owner} if verdict.owner else evidence))
    return out


@rule("salesforce-my-domain", "Salesforce client_credentials against login.salesforce.com",
      "Does a Salesforce client_credentials configuration use the org's My Domain host?", _E, scope="client",
      help_uri="https://help.salesforce.com/s/articleView?id=000886201&type=1")
def salesforce_my_domain(check: FileCheck, now: datetime) -> list[Finding]:
    if check.provider != "salesforce" or (check.value("grant_type") or "").lower() != "client_credentials":
        return []
    url, canonical = check.value("token_url"), "token_url"
    if url is None and check.profile is not None and check.profile.endpoints.token is not None:
        url, canonical = check.profile.endpoints.token.url, "grant_type"  # the profile's default endpoint
    host = (split_url(url).hostname or "") if url else ""
    if host not in _SALESFORCE_GENERIC_HOSTS:
        return []
    key = check.display_key(canonical)
    return [finding("salesforce-my-domain", check.at(canonical),
                    f"client_credentials against {host}, which does not support it", key=key,
                    fix="Set OAUTH_TOKEN_URL to your org's My Domain: "
                        "https://<MyDomainName>.my.salesforce.com/services/oauth2/token")]
