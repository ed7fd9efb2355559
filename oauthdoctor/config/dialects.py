"""The environment-variable dialects of the tools people put in front of or inside their apps, as data.

oauth2-proxy calls the client id ``OAUTH2_PROXY_CLIENT_ID``, Grafana ``GF_AUTH_GITHUB_CLIENT_ID``, Spring Boot
``SPRING_SECURITY_OAUTH2_CLIENT_REGISTRATION_GOOGLE_CLIENTID``. A linter that needs its input renamed is not
used, so each tool's names are mapped onto the canonical keys here, one entry per tool, each with the page the
names were read in (``source``) and when (``checked``). ``dialect_map.py`` applies the table; nothing else
knows a tool's names.

A ``Family`` is one group of a tool's variables: a prefix, the client names that may follow it (none for a
tool with one client, a closed list such as Grafana's sections, any one word such as Spring's registration
ids, or the names another variable lists such as Directus's ``AUTH_PROVIDERS``), and the settings after the
client name. A setting maps onto a canonical key, onto one of the pseudo keys below, or onto None (the
tool's own key, linted for whitespace and quotes but not an OAuth setting oauthdoctor checks).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from types import MappingProxyType

# Pseudo keys: settings that change how a client is read rather than carrying a canonical value.
ENABLED = "enabled"  # "false" switches the client off: it is not checked
SECRET_FILE = "client_secret_file"  # the secret is read from a file: it is supplied, its value unknown
DISCOVERY_URL = "discovery_url"  # an OpenID discovery document URL: the issuer with the well-known path
DRIVER = "driver"  # the kind of login: a client whose driver is not one of the family's OAuth drivers is skipped
PSEUDO_KEYS = frozenset({ENABLED, SECRET_FILE, DISCOVERY_URL, DRIVER})


def _frozen(table: Mapping[str, str | None]) -> Mapping[str, str | None]:
    return MappingProxyType(dict(table))


@dataclass(frozen=True)
class Family:
    """One group of a tool's variables: ``<prefix>[<client>_]<setting>``."""

    prefix: str
    settings: Mapping[str, str | None]  # setting → canonical key, pseudo key or None; earlier spellings win
    clients: Mapping[str, str | None] | None = None  # closed list: client name → profile id (None: no profile)
    open_clients: bool = False  # any one-word client name (Spring registration ids)
    clients_from: str | None = None  # the variable listing the client names (Directus AUTH_PROVIDERS)
    marker: str | None = None  # the family applies only when this variable is set (it names the tool)
    claim_all: bool = True  # every variable under the prefix (and client) belongs to the tool
    provider_values: Mapping[str, str | None] | None = None  # the provider setting's values → profile id
    redirect_base: str | None = None  # the variable with the public URL the tool derives its callback from
    redirect_path: str = ""  # appended to that URL; ``{client}`` is the client's callback name
    callback_names: Mapping[str, str] = field(default_factory=dict)  # client → name in the path (else lower case)
    redirect_required: bool = False  # the tool cannot derive the callback: the redirect setting is required
    relative_redirect: bool = False  # a path-only redirect takes its scheme and host from the request
    templates: tuple[str, ...] = ()  # run-time variables a redirect value may hold: never a leftover placeholder
    provider_section: Family | None = None  # where the provider's endpoints live, keyed by the provider id
    oauth_drivers: tuple[str, ...] = ()  # the DRIVER values that are OAuth logins (Directus: oauth2, openid)


@dataclass(frozen=True)
class Dialect:
    """One tool: its names, the documentation they were read in, and when."""

    id: str
    name: str
    source: str
    checked: str
    families: tuple[Family, ...]
    summary: str  # the variables in a line, for --list-dialects
    note: str = ""  # how the callback is derived, and anything else a reader of --list-dialects needs


_OAUTH2_PROXY = Family(
    prefix="OAUTH2_PROXY_",
    settings=_frozen({
        "PROVIDER": "provider", "CLIENT_ID": "client_id", "CLIENT_SECRET": "client_secret",
        "CLIENT_SECRET_FILE": SECRET_FILE, "REDIRECT_URL": "redirect_uri", "OIDC_ISSUER_URL": "issuer",
        "LOGIN_URL": "authorize_url", "REDEEM_URL": "token_url", "SCOPE": "scopes", "AZURE_TENANT": "tenant",
        "CODE_CHALLENGE_METHOD": None,
    }),
    # pkg/apis/options/providers.go (ProviderType constants). The documented default, google, is not assumed:
    # the provider is as often set by a --provider flag in the container's args as by the variable.
    provider_values=_frozen({
        "google": "google", "github": "github", "azure": "microsoft", "entra-id": "microsoft",
        "keycloak": "keycloak", "keycloak-oidc": "keycloak", "linkedin": "linkedin", "oidc": None, "adfs": None,
        "bitbucket": None, "cidaas": None, "digitalocean": None, "facebook": None, "gitlab": None,
        "login.gov": None, "nextcloud": None, "sourcehut": None,
    }),
    relative_redirect=True,
)

_GRAFANA = Family(
    prefix="GF_AUTH_",
    clients=_frozen({"GENERIC_OAUTH": None, "GITHUB": "github", "GITLAB": None, "GOOGLE": "google",
                     "AZUREAD": "microsoft", "OKTA": "okta"}),
    settings=_frozen({
        "CLIENT_ID": "client_id", "CLIENT_SECRET": "client_secret", "AUTH_URL": "authorize_url",
        "TOKEN_URL": "token_url", "SCOPES": "scopes", "ENABLED": ENABLED, "API_URL": None, "USE_PKCE": None,
    }),
    redirect_base="GF_SERVER_ROOT_URL",
    redirect_path="/login/{client}",
)

_GOTRUE = Family(
    prefix="GOTRUE_EXTERNAL_",
    # internal/conf/configuration.go (ProviderConfiguration); envconfig spells LinkedinOIDC as LINKEDIN_OIDC.
    clients=_frozen({
        "APPLE": None, "AZURE": "microsoft", "BITBUCKET": None, "DISCORD": None, "FACEBOOK": None,
        "FIGMA": None, "FLY": None, "GITHUB": "github", "GITLAB": None, "GOOGLE": "google", "KAKAO": None,
        "KEYCLOAK": "keycloak", "LINKEDIN": "linkedin", "LINKEDIN_OIDC": "linkedin", "NOTION": None,
        "SLACK": "slack", "SLACK_OIDC": "slack", "SNAPCHAT": None, "SPOTIFY": None, "TWITCH": None,
        "TWITTER": None, "VERCEL_MARKETPLACE": None, "WORKOS": None, "X": None, "ZOOM": "zoom",
    }),
    settings=_frozen({
        "CLIENT_ID": "client_id", "SECRET": "client_secret", "REDIRECT_URI": "redirect_uri", "ENABLED": ENABLED,
        "URL": None, "API_URL": None, "EMAIL_OPTIONAL": None, "SKIP_NONCE_CHECK": None,
    }),
    redirect_required=True,  # ValidateOAuth: "missing redirect URI"
)

# Relaxed binding: dots become '_', dashes are dropped (CLIENTID) or, in the legacy form, become '_' (CLIENT_ID).
_SPRING_PROVIDER = Family(
    prefix="SPRING_SECURITY_OAUTH2_CLIENT_PROVIDER_",
    open_clients=True,
    settings=_frozen({
        "AUTHORIZATIONURI": "authorize_url", "AUTHORIZATION_URI": "authorize_url", "TOKENURI": "token_url",
        "TOKEN_URI": "token_url", "ISSUERURI": "issuer", "ISSUER_URI": "issuer", "USERINFOURI": None,
        "USER_INFO_URI": None, "JWKSETURI": None, "JWK_SET_URI": None, "USERNAMEATTRIBUTE": None,
        "USER_NAME_ATTRIBUTE": None, "USERINFOAUTHENTICATIONMETHOD": None, "USER_INFO_AUTHENTICATION_METHOD": None,
    }),
)
_SPRING = Family(
    prefix="SPRING_SECURITY_OAUTH2_CLIENT_REGISTRATION_",
    open_clients=True,
    settings=_frozen({
        "PROVIDER": "provider", "CLIENTID": "client_id", "CLIENT_ID": "client_id", "CLIENTSECRET": "client_secret",
        "CLIENT_SECRET": "client_secret", "REDIRECTURI": "redirect_uri", "REDIRECT_URI": "redirect_uri",
        "SCOPE": "scopes", "AUTHORIZATIONGRANTTYPE": "grant_type", "AUTHORIZATION_GRANT_TYPE": "grant_type",
        "CLIENTAUTHENTICATIONMETHOD": "auth_method", "CLIENT_AUTHENTICATION_METHOD": "auth_method",
        "CLIENTNAME": None, "CLIENT_NAME": None,
    }),
    templates=("{baseUrl}", "{baseScheme}", "{baseHost}", "{basePort}", "{basePath}", "{action}",
               "{registrationId}"),
    provider_section=_SPRING_PROVIDER,
)

_DIRECTUS = Family(
    prefix="AUTH_",
    clients_from="AUTH_PROVIDERS",
    settings=_frozen({
        "DRIVER": DRIVER, "CLIENT_ID": "client_id", "CLIENT_SECRET": "client_secret",
        "AUTHORIZE_URL": "authorize_url", "ACCESS_URL": "token_url", "ISSUER_URL": DISCOVERY_URL,
        "SCOPE": "scopes", "PROFILE_URL": None, "REDIRECT_ALLOW_LIST": None,
    }),
    redirect_base="PUBLIC_URL",
    redirect_path="/auth/login/{client}/callback",
    oauth_drivers=("oauth2", "openid"),
)

_OUTLINE_OIDC = Family(
    prefix="OIDC_",
    marker="UTILS_SECRET",
    settings=_frozen({
        "CLIENT_ID": "client_id", "CLIENT_SECRET": "client_secret", "AUTH_URI": "authorize_url",
        "TOKEN_URI": "token_url", "ISSUER_URL": "issuer", "SCOPES": "scopes", "USERINFO_URI": None,
        "LOGOUT_URI": None, "DISPLAY_NAME": None, "USERNAME_CLAIM": None, "DISABLE_REDIRECT": None,
    }),
    redirect_base="URL",
    redirect_path="/auth/oidc.callback",
)
_OUTLINE_SOCIAL = Family(
    prefix="",
    marker="UTILS_SECRET",
    clients=_frozen({"GOOGLE": "google", "SLACK": "slack", "AZURE": "microsoft", "DISCORD": None}),
    settings=_frozen({"CLIENT_ID": "client_id", "CLIENT_SECRET": "client_secret"}),
    claim_all=False,
    redirect_base="URL",
    redirect_path="/auth/{client}.callback",
)

_MATTERMOST = Family(
    prefix="MM_",
    clients=_frozen({"GITLABSETTINGS": None, "GOOGLESETTINGS": "google", "OFFICE365SETTINGS": "microsoft",
                     "OPENIDSETTINGS": None}),
    settings=_frozen({
        "ID": "client_id", "SECRET": "client_secret", "AUTHENDPOINT": "authorize_url",
        "TOKENENDPOINT": "token_url", "DIRECTORYID": "tenant", "DISCOVERYENDPOINT": DISCOVERY_URL,
        "ENABLE": ENABLED, "USERAPIENDPOINT": None, "USEPREFERREDUSERNAME": None, "BUTTONTEXT": None,
        "BUTTONCOLOR": None,
    }),
    redirect_base="MM_SERVICESETTINGS_SITEURL",
    redirect_path="/signup/{client}/complete",
    callback_names=MappingProxyType({"GITLABSETTINGS": "gitlab", "GOOGLESETTINGS": "google",
                                     "OFFICE365SETTINGS": "office365", "OPENIDSETTINGS": "openid"}),
)

DIALECTS: tuple[Dialect, ...] = (
    Dialect(
        "oauth2-proxy", "oauth2-proxy",
        "https://oauth2-proxy.github.io/oauth2-proxy/configuration/overview#environment-variables",
        "2026-12-05", (_OAUTH2_PROXY,),
        "OAUTH2_PROXY_PROVIDER, _CLIENT_ID, _CLIENT_SECRET(_FILE), _REDIRECT_URL, _OIDC_ISSUER_URL, _LOGIN_URL, "
        "_REDEEM_URL, _SCOPE, _AZURE_TENANT, _CODE_CHALLENGE_METHOD",
        "provider from OAUTH2_PROXY_PROVIDER (its default, google, is not assumed: --provider is often a flag); "
        "without a redirect URL, or with a path only, the callback takes the request's host",
    ),
    Dialect(
        "grafana", "Grafana",
        "https://grafana.com/docs/grafana/latest/setup-grafana/configure-access/configure-authentication/"
        "generic-oauth/",
        "2026-12-05", (_GRAFANA,),
        "GF_AUTH_{GENERIC_OAUTH,GITHUB,GITLAB,GOOGLE,AZUREAD,OKTA}_CLIENT_ID, _CLIENT_SECRET, _AUTH_URL, "
        "_TOKEN_URL, _SCOPES, _ENABLED",
        "callback GF_SERVER_ROOT_URL + /login/<section>; a section with _ENABLED=false is not checked",
    ),
    Dialect(
        "spring-boot", "Spring Boot (relaxed binding)",
        "https://docs.spring.io/spring-boot/reference/security/oauth2.html",
        "2026-12-05", (_SPRING,),
        "SPRING_SECURITY_OAUTH2_CLIENT_REGISTRATION_<ID>_CLIENTID, _CLIENTSECRET, _REDIRECTURI, _SCOPE, "
        "_PROVIDER, ...; SPRING_SECURITY_OAUTH2_CLIENT_PROVIDER_<ID>_TOKENURI, _ISSUERURI, _AUTHORIZATIONURI "
        "(legacy _CLIENT_ID spellings too)",
        "one client per registration; {baseUrl}/login/oauth2/code/{registrationId} is a template, not a "
        "placeholder; without a redirect URI Spring uses that template",
    ),
    Dialect(
        "gotrue", "Supabase Auth (GoTrue)",
        "https://github.com/supabase/auth/blob/master/example.env",
        "2026-12-05", (_GOTRUE,),
        "GOTRUE_EXTERNAL_<PROVIDER>_CLIENT_ID, _SECRET, _REDIRECT_URI, _ENABLED",
        "provider from the name; the redirect URI is required; _ENABLED=false is not checked",
    ),
    Dialect(
        "authjs", "Auth.js / NextAuth",
        "https://authjs.dev/guides/environment-variables",
        "2026-12-05", (),
        "AUTH_<PROVIDER>_ID, _SECRET, _ISSUER (and <PROVIDER>_CLIENT_ID, _CLIENT_SECRET, ...)",
        "provider from the name; the framework derives the callback",
    ),
    Dialect(
        "backstage", "Backstage",
        "https://backstage.io/docs/auth/github/provider",
        "2026-12-05", (),
        "AUTH_<PROVIDER>_CLIENT_ID, _CLIENT_SECRET, AUTH_MICROSOFT_TENANT_ID (the names its app-config.yaml "
        "reads)",
        "provider from the name; the callback (<backend>/api/auth/<provider>/handler/frame) comes from "
        "app-config.yaml",
    ),
    Dialect(
        "outline", "Outline",
        "https://github.com/outline/outline/blob/main/.env.sample",
        "2026-12-05", (_OUTLINE_OIDC, _OUTLINE_SOCIAL),
        "OIDC_CLIENT_ID, _CLIENT_SECRET, _AUTH_URI, _TOKEN_URI, _ISSUER_URL, _SCOPES; "
        "{GOOGLE,SLACK,AZURE,DISCORD}_CLIENT_ID, _CLIENT_SECRET",
        "recognised when UTILS_SECRET is set; callback URL + /auth/<provider>.callback",
    ),
    Dialect(
        "directus", "Directus",
        "https://directus.io/docs/configuration/auth-sso",
        "2026-12-05", (_DIRECTUS,),
        "AUTH_PROVIDERS, AUTH_<PROVIDER>_CLIENT_ID, _CLIENT_SECRET, _AUTHORIZE_URL, _ACCESS_URL, _ISSUER_URL, "
        "_SCOPE",
        "one client per name in AUTH_PROVIDERS; callback PUBLIC_URL + /auth/login/<provider>/callback",
    ),
    Dialect(
        "mattermost", "Mattermost",
        "https://docs.mattermost.com/administration-guide/configure/authentication-configuration-settings.html",
        "2026-12-05", (_MATTERMOST,),
        "MM_{GITLAB,GOOGLE,OFFICE365,OPENID}SETTINGS_ID, _SECRET, _AUTHENDPOINT, _TOKENENDPOINT, "
        "_DISCOVERYENDPOINT, _DIRECTORYID, _ENABLE",
        "callback MM_SERVICESETTINGS_SITEURL + /signup/<service>/complete; _ENABLE=false is not checked",
    ),
)
DIALECTS_BY_ID: Mapping[str, Dialect] = MappingProxyType({d.id: d for d in DIALECTS})

__all__ = ["DIALECTS", "DIALECTS_BY_ID", "DISCOVERY_URL", "DRIVER", "ENABLED", "PSEUDO_KEYS", "SECRET_FILE", "Dialect",
           "Family"]
