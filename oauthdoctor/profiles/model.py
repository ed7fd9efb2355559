"""Provider profile schema as frozen stdlib dataclasses.

These classes are the single schema: the fast loader builds them from YAML without pydantic, and
``providers validate`` checks the same classes strictly with pydantic (unknown keys are errors).
Only str/int/float/bool/None, list, dict[str, …], Literal and nested dataclasses appear here so that
both paths understand them.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Literal

from oauthdoctor.profiles.dirs import names_of
from oauthdoctor.profiles.error_schema import ErrorRules
from oauthdoctor.profiles.redirect_schema import RedirectRule
from oauthdoctor.vocabulary import Basis

AuthMethod = Literal[
    "client_secret_basic", "client_secret_post", "private_key_jwt", "client_secret_jwt", "none",
    "tls_client_auth", "self_signed_tls_client_auth",
]
GrantType = Literal[
    "authorization_code", "refresh_token", "client_credentials", "device_code", "password", "jwt_bearer",
    "token_exchange", "implicit", "saml2_bearer", "ciba", "account_credentials", "exchange_api_token",
]


@dataclass(frozen=True)
class Fact:
    """Provenance every fact carries: where it comes from and when it was checked."""

    source: str | None = None
    checked: str | None = None
    basis: Basis = "unconfirmed"
    note: str | None = None


@dataclass(frozen=True)
class Endpoint(Fact):
    url: str = ""
    optional: bool = False  # served only where the deployment turns it on (DOT's discovery needs OIDC_ENABLED)


@dataclass(frozen=True)
class Placeholder:
    required: bool = True
    description: str = ""
    example: str | None = None
    default: str | None = None


@dataclass(frozen=True)
class CustomDomains(Fact):
    """The provider can serve a tenant from the customer's own domain (``login.example.com``)."""

    supported: bool = True


@dataclass(frozen=True)
class Endpoints:
    authorize: Endpoint | None = None
    token: Endpoint | None = None
    discovery: Endpoint | None = None
    device: Endpoint | None = None
    revocation: Endpoint | None = None
    hosts: list[str] = field(default_factory=list)
    custom_domains: CustomDomains | None = None  # set: any host may be the customer's own domain
    placeholders: dict[str, Placeholder] = field(default_factory=dict)


@dataclass(frozen=True)
class ClientAuth(Fact):
    accepted: list[AuthMethod] = field(default_factory=list)
    preferred: AuthMethod | None = None
    strict: bool = False
    body_format: Literal["form", "json"] = "form"


@dataclass(frozen=True)
class ClientIdFormat(Fact):
    pattern: str | None = None
    example: str | None = None


@dataclass(frozen=True)
class OffByDefaultGrant(Fact):
    grant: GrantType = "client_credentials"
    how_to_enable: str = ""


@dataclass(frozen=True)
class Grants(Fact):
    supported: list[GrantType] = field(default_factory=list)
    off_by_default: list[OffByDefaultGrant] = field(default_factory=list)


@dataclass(frozen=True)
class Pkce(Fact):
    supported: bool = True
    required: Literal["never", "public_clients", "always"] = "never"
    methods: list[Literal["S256", "plain"]] = field(default_factory=list)


@dataclass(frozen=True)
class Duration(Fact):
    seconds: int | None = None
    text: str = ""


@dataclass(frozen=True)
class TokenCap(Fact):
    count: int | None = None
    scope: Literal["per_user_per_client", "per_user", "per_client"] = "per_user_per_client"
    at_cap: Literal["revoke_oldest", "reject_new", "unknown"] = "unknown"


@dataclass(frozen=True)
class Rotation(Fact):
    mode: Literal["none", "optional", "always"] = "none"
    omits_refresh_token: bool = False
    reuse_grace_seconds: int | None = None
    reuse_detection: bool = False


@dataclass(frozen=True)
class TokenPolicy:
    access_token_lifetime: Duration | None = None
    refresh_token_lifetime: Duration | None = None
    refresh_inactivity_expiry: Duration | None = None
    testing_mode_expiry: Duration | None = None
    max_refresh_tokens: TokenCap | None = None
    rotation: Rotation | None = None
    client_secret_expiry: Duration | None = None


@dataclass(frozen=True)
class Clock(Fact):
    skew_warn_seconds: float = 5.0
    skew_fail_seconds: float = 30.0


@dataclass(frozen=True)
class Quirk(Fact):
    text: str = ""


@dataclass(frozen=True)
class Profile:
    """Everything oauthdoctor knows about one provider or authorization-server implementation."""

    id: str
    name: str
    kind: Literal["provider", "server", "generic"] = "provider"
    aliases: list[str] = field(default_factory=list)
    docs: list[str] = field(default_factory=list)
    checked: str | None = None
    endpoints: Endpoints = field(default_factory=Endpoints)
    client_auth: ClientAuth = field(default_factory=ClientAuth)
    client_id: ClientIdFormat | None = None
    grants: Grants = field(default_factory=Grants)
    pkce: Pkce = field(default_factory=Pkce)
    token_policy: TokenPolicy = field(default_factory=TokenPolicy)
    clock: Clock = field(default_factory=Clock)
    quirks: list[Quirk] = field(default_factory=list)
    redirect: RedirectRule = field(default_factory=RedirectRule)
    errors: ErrorRules = field(default_factory=ErrorRules)
    path: str = ""  # where the profile was loaded from (set by the loader, not written in YAML)

    def names(self) -> set[str]:
        """The lower-cased id and aliases: what ``--provider`` accepts for this profile."""
        return names_of(self.id, self.aliases)
