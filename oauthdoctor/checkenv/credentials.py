"""Client rules about the client itself: provider known, required keys, placeholder credentials, id format,
secret expiry, publishing status. Messages never quote the secret, not even a placeholder one.
"""

from __future__ import annotations

from datetime import datetime

from oauthdoctor.checkenv.context import FileCheck
from oauthdoctor.checkenv.registry import finding, rule
from oauthdoctor.checks.credentials import (
    HASHED_SECRET_HINT,
    client_id_mismatch,
    password_hash_scheme,
    secret_expiry,
)
from oauthdoctor.checks.values import is_placeholder
from oauthdoctor.model import Finding, Severity, SeverityVariant

_E, _W, _I = Severity.ERROR, Severity.WARNING, Severity.INFO
_NO_SECRET_METHODS = frozenset({"none", "private_key_jwt", "tls_client_auth", "self_signed_tls_client_auth"})


@rule("unknown-provider", "Unknown provider",
      "Does OAUTH_PROVIDER name a provider profile (see 'oauthdoctor providers list')?", _E, scope="client")
def unknown_provider(check: FileCheck, now: datetime) -> list[Finding]:
    if check.unknown_provider is None:
        return []
    key = check.display_key("provider")
    hint = f" (did you mean {', '.join(check.unknown_provider)}?)" if check.unknown_provider else ""
    written = check.value("provider") or check.provider
    if check.dialect is not None:
        return [finding("unknown-provider", check.at("provider"),
                        f"{key}={written!r} is not one of {check.dialect}'s providers{hint}", key=key,
                        fix=f"Use one of the provider names {check.dialect} documents.")]
    return [finding("unknown-provider", check.at("provider"), f"{key}={written!r} is not a known provider{hint}",
                    key=key, fix="Run 'oauthdoctor providers list' and use one of the ids.")]


def required_keys(check: FileCheck) -> list[str]:
    """Canonical keys this configuration cannot work without."""
    needed = ["client_id"]
    method = (check.value("auth_method") or "").lower()
    native = (check.value("client_type") or "").lower() == "native"
    if method not in _NO_SECRET_METHODS and not native:
        needed.append("client_secret")
    grant = (check.value("grant_type") or "authorization_code").lower()
    # Frameworks (Auth.js, NextAuth, ...) derive the callback from the site URL: no key to require.
    if grant == "authorization_code" and not check.framework:
        needed.append("redirect_uri")
    profile = check.profile
    if profile is not None and not check.value("token_url"):
        token = profile.endpoints.token.url if profile.endpoints.token else ""
        for name, placeholder in profile.endpoints.placeholders.items():
            if placeholder.required and placeholder.default is None and "{" + name + "}" in token:
                needed.append(name)
    return needed


@rule("missing-required", "Required key missing or empty",
      "Are the keys the provider and grant need (client id, secret, redirect URI, tenant/instance placeholders) "
      "present and non-empty?", _E, scope="client")
def missing_required(check: FileCheck, now: datetime) -> list[Finding]:
    out: list[Finding] = []
    provider = check.provider or "the provider"
    if check.incomplete:
        return out  # part of the environment could not be read: a key may be there
    for canonical in required_keys(check):
        if check.value(canonical) is not None or check.is_deferred(canonical):
            continue
        key = check.display_key(canonical)
        present = check.entry(canonical) is not None
        message = f"{key} is {'empty' if present else 'missing'} ({provider} needs {canonical.replace('_', ' ')})"
        out.append(finding("missing-required", check.at(canonical), message, key=key,
                           fix=f"Set {key} to the value from the {provider} app registration."))
    return out


@rule("credential-placeholder", "Placeholder client id or secret",
      "Is the client id/secret a real value rather than changeme, xxx, <secret>, TODO?", _E, scope="client")
def credential_placeholder(check: FileCheck, now: datetime) -> list[Finding]:
    out = []
    for canonical, label in (("client_id", "client id"), ("client_secret", "client secret")):
        value = check.value(canonical)
        if value is not None and is_placeholder(value):
            key = check.display_key(canonical)
            out.append(finding("credential-placeholder", check.at(canonical),
                               f"{key} holds a placeholder, not a real {label}", key=key,
                               fix=f"Copy the {label} from the provider's app registration into {key}."))
    return out


@rule("credential-hashed", "Client secret is a password hash",
      "Is the client secret the plain secret rather than the hash an admin page shows (pbkdf2_sha256$..., bcrypt, "
      "argon2)?", _E, scope="client",
      help_uri="https://django-oauth-toolkit.readthedocs.io/en/latest/getting_started.html")
def credential_hashed(check: FileCheck, now: datetime) -> list[Finding]:
    scheme = password_hash_scheme(check.value("client_secret") or "")
    if scheme is None:
        return []
    key = check.display_key("client_secret")
    return [finding("credential-hashed", check.at("client_secret"),
                    f"{key} is a {scheme} password hash, not the secret itself", key=key, fix=HASHED_SECRET_HINT,
                    evidence={"hash_scheme": scheme})]


@rule("client-id-format", "Client id does not look like the provider's",
      "Does the client id match the provider's format (Google '...apps.googleusercontent.com', Entra GUID, ...)?",
      _E, scope="client",
      variants=(SeverityVariant("unconfirmed", _W, "the profile's client id format is not confirmed by a "
                                                   "primary source"),))
def client_id_format(check: FileCheck, now: datetime) -> list[Finding]:
    profile, value = check.profile, check.value("client_id")
    fmt = profile.client_id if profile is not None else None
    if profile is None or fmt is None or not client_id_mismatch(value, fmt):
        return []
    key = check.display_key("client_id")
    example = f" (expected something like {fmt.example})" if fmt.example else ""
    return [finding("client-id-format", check.at("client_id"),
                    f"{key} ({len(value or '')} characters) does not look like a {profile.name} client id{example}",
                    key=key, fix=f"Copy the client id from the {profile.name} console; check you did not paste the "
                                 f"secret or another app's id.",
                    variant="unconfirmed" if fmt.basis == "unconfirmed" else None,
                    evidence={"expected_pattern": fmt.pattern, "source": fmt.source, "basis": fmt.basis})]


@rule("secret-expiry", "Client secret expired or expiring within 30 days",
      "Is OAUTH_CLIENT_SECRET_EXPIRES_AT more than 30 days away?", _E, scope="client",
      help_uri="https://learn.microsoft.com/entra/identity-platform/how-to-add-credentials",
      variants=(SeverityVariant("soon", _W, "the secret expires within 30 days, or the date cannot be read"),))
def secret_expiry_rule(check: FileCheck, now: datetime) -> list[Finding]:
    value = check.value("client_secret_expires_at")
    if value is None:
        return []
    key, where = check.display_key("client_secret_expires_at"), check.at("client_secret_expires_at")
    verdict = secret_expiry(value, now)
    if verdict.state == "unreadable":
        return [finding("secret-expiry", where, f"{key} is not an ISO 8601 date", key=key,
                        fix=f"Write {key} as YYYY-MM-DD.", variant="soon")]
    assert verdict.when is not None and verdict.left is not None
    if verdict.state == "expired":
        return [finding("secret-expiry", where, f"the client secret expired on {verdict.when.date().isoformat()}",
                        key=key, fix=f"Create a new client secret, deploy it, then update {key}.")]
    if verdict.state == "expiring":
        return [finding("secret-expiry", where,
                        f"the client secret expires on {verdict.when.date().isoformat()} (in {verdict.left.days} "
                        "days)", key=key,
                        fix="Create the next client secret now and deploy it before the old one expires.",
                        variant="soon")]
    return []


@rule("testing-mode-in-production", "App in testing mode in a production file",
      "Is the app published? Google 'Testing' apps get refresh tokens that expire after 7 days.", _E,
      scope="client", help_uri="https://developers.google.com/identity/protocols/oauth2#expiration")
def testing_mode_in_production(check: FileCheck, now: datetime) -> list[Finding]:
    status = (check.value("app_publishing_status") or "").lower()
    if status != "testing" or check.environment != "production":
        return []
    key = check.display_key("app_publishing_status")
    return [finding("testing-mode-in-production", check.at("app_publishing_status"),
                    f"{key}=testing in a production file: refresh tokens of apps in Testing expire (Google: 7 days)",
                    key=key, fix="Publish the app (consent screen → Publish app) before going to production.")]
