"""Rules about the client itself: required keys, placeholder credentials, id format, secret expiry,
publishing status. Messages never quote the secret, not even a placeholder one.
"""

from __future__ import annotations

import re
from datetime import UTC, date, datetime, timedelta

from oauthdoctor.checkenv.context import FileCheck, finding
from oauthdoctor.model import Finding, Severity

_PLACEHOLDER = re.compile(
    r"^(?:x{3,}|\*{3,}|\.{3,}|0{3,}|change[-_ ]?(?:me|it|this)|todo\b.*|tbd|fixme\b.*|replace[-_ ]?me|"
    r"placeholder|dummy|fake|secret|password|none|null|nil|undefined|example|sample|"
    r"(?:my|your|the)?[-_ ]?(?:app[-_ ]?)?client[-_ ]?(?:id|secret)|<[^>]*>|\{[^}]*\}|\[[^\]]*\]|"
    r"(?:your|insert|enter|put|add|paste)[-_ ].*)$",
    re.IGNORECASE,
)
SECRET_EXPIRY_WARN_DAYS = 30
_NO_SECRET_METHODS = frozenset({"none", "private_key_jwt", "tls_client_auth", "self_signed_tls_client_auth"})


def is_placeholder(value: str) -> bool:
    """``changeme``, ``xxx``, ``<secret>``, ``TODO: ...``, ``your-client-secret`` ..."""
    return bool(_PLACEHOLDER.match(value.strip()))


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


def check_required(check: FileCheck) -> list[Finding]:
    out = []
    provider = check.provider or "the provider"
    for canonical in required_keys(check):
        if check.value(canonical) is not None:
            continue
        key = check.display_key(canonical)
        present = check.entry(canonical) is not None
        message = f"{key} is {'empty' if present else 'missing'} ({provider} needs {canonical.replace('_', ' ')})"
        out.append(finding("missing-required", check.at(canonical), message, key=key,
                           fix=f"Set {key} to the value from the {provider} app registration."))
    return out


def check_placeholders(check: FileCheck) -> list[Finding]:
    out = []
    for canonical, label in (("client_id", "client id"), ("client_secret", "client secret")):
        value = check.value(canonical)
        if value is not None and is_placeholder(value):
            key = check.display_key(canonical)
            out.append(finding("credential-placeholder", check.at(canonical),
                               f"{key} holds a placeholder, not a real {label}", key=key,
                               fix=f"Copy the {label} from the provider's app registration into {key}."))
    return out


def check_client_id_format(check: FileCheck) -> list[Finding]:
    profile, value = check.profile, check.value("client_id")
    fmt = profile.client_id if profile is not None else None
    if fmt is None or not fmt.pattern or value is None or is_placeholder(value):
        return []
    if re.fullmatch(fmt.pattern, value):
        return []
    key = check.display_key("client_id")
    example = f" (expected something like {fmt.example})" if fmt.example else ""
    severity = Severity.WARNING if fmt.basis == "unconfirmed" else Severity.ERROR
    return [finding("client-id-format", check.at("client_id"),
                    f"{key} ({len(value)} characters) does not look like a {profile.name} client id{example}", key=key,
                    fix=f"Copy the client id from the {profile.name} console; check you did not paste the secret "
                        f"or another app's id.", severity=severity,
                    evidence={"expected_pattern": fmt.pattern, "source": fmt.source})]


def parse_when(text: str) -> datetime | None:
    """ISO 8601 date or date-time (naive = UTC), or None."""
    try:
        parsed = datetime.fromisoformat(text.strip().replace("Z", "+00:00"))
    except ValueError:
        try:
            day = date.fromisoformat(text.strip())
        except ValueError:
            return None
        parsed = datetime(day.year, day.month, day.day)
    return parsed if parsed.tzinfo else parsed.replace(tzinfo=UTC)


def check_secret_expiry(check: FileCheck, now: datetime) -> list[Finding]:
    value = check.value("client_secret_expires_at")
    if value is None:
        return []
    key, where = check.display_key("client_secret_expires_at"), check.at("client_secret_expires_at")
    when = parse_when(value)
    if when is None:
        return [finding("secret-expiry", where, f"{key} is not an ISO 8601 date", key=key,
                        fix=f"Write {key} as YYYY-MM-DD.", severity=Severity.WARNING)]
    if when <= now:
        return [finding("secret-expiry", where, f"the client secret expired on {when.date().isoformat()}", key=key,
                        fix=f"Create a new client secret, deploy it, then update {key}.")]
    if when - now <= timedelta(days=SECRET_EXPIRY_WARN_DAYS):
        days = (when - now).days
        return [finding("secret-expiry", where,
                        f"the client secret expires on {when.date().isoformat()} (in {days} days)", key=key,
                        fix="Create the next client secret now and deploy it before the old one expires.",
                        severity=Severity.WARNING)]
    return []


def check_publishing_status(check: FileCheck) -> list[Finding]:
    status = (check.value("app_publishing_status") or "").lower()
    if status != "testing" or check.environment != "production":
        return []
    key = check.display_key("app_publishing_status")
    return [finding("testing-mode-in-production", check.at("app_publishing_status"),
                    f"{key}=testing in a production file: refresh tokens of apps in Testing expire (Google: 7 days)",
                    key=key, fix="Publish the app (consent screen → Publish app) before going to production.")]
