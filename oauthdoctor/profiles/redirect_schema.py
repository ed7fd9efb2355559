"""The redirect-URI matching vocabulary: every server's rule is data, not code.

Each provider profile carries one ``RedirectRule`` under ``redirect:``. The engine in
``oauthdoctor.redirect.engine`` reads only these fields, so adding a provider never needs a code change.
The default instance is the generic rule: RFC 9700 exact string matching plus RFC 8252 any-port for
loopback IP literals (not ``localhost``). Every field is documented in ``docs/redirect-rules.md``.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Literal

from oauthdoctor.vocabulary import Basis

CaseFold = Literal["whole", "scheme", "host", "path"]
LoopbackHost = Literal["127.0.0.0/8", "127.0.0.1", "::1", "localhost"]
ClientType = Literal["web", "native"]
Forbidden = Literal["fragment", "userinfo", "wildcard", "dot_segment", "control_char", "invisible_char",
                    "whitespace", "percent_encoding", "unencoded_char", "raw_ip", "query"]


def _ip_literals() -> list[LoopbackHost]:
    return ["127.0.0.0/8", "::1"]


def _both_client_types() -> list[ClientType]:
    return ["web", "native"]


def _http_only() -> list[str]:
    return ["http"]


@dataclass(frozen=True)
class LoopbackRule:
    """When a loopback redirect URI may differ from the registered one (RFC 8252 §7.3), and in what."""

    enabled: bool = True
    hosts: list[LoopbackHost] = field(default_factory=_ip_literals)
    client_types: list[ClientType] = field(default_factory=_both_client_types)
    schemes: list[str] = field(default_factory=_http_only)  # empty list: any scheme
    compare_scheme: bool = True  # False: fosite never compares the registered scheme on loopback
    compare_userinfo: bool = True
    decoded_path: bool = False  # fosite: compares Go's percent-decoded url.Path, so '/a%2Fb' equals '/a/b'
    registered_port_blocks: bool = False  # True: a port in the registered URI switches the exception off
    vary: Literal["port", "everything_after_port"] = "port"  # IS4 AppAuth: path, query, fragment too
    sent_port_required: bool = False  # IS4 AppAuth: the sent URI must carry an explicit port
    only_when_registered: str | None = None  # IS4 AppAuth: applies only if this exact string is registered


@dataclass(frozen=True)
class WildcardRule:
    """What a ``*`` in a registered URI means; ``none`` makes it a literal character."""

    style: Literal["none", "trailing_prefix", "host_suffix", "host_label", "path_glob"] = "none"
    matches_bare_domain: bool = False  # host_label: '*.example.com' also matches 'example.com' (Auth0)
    min_labels_after: int = 2  # host_label: labels required right of the wildcard label ('*.com' is invalid)
    enabled_by: str | None = None  # the setting that switches wildcards on, when they are opt-in
    loopback_port: bool = False  # WorkOS: ':*' as the port of a registered loopback URI admits any port


MissingSentWhen = Literal["rejected", "single_registered", "first_registered", "shows_code"]


@dataclass(frozen=True)
class MissingSentRule:
    """What the server does with an authorization request that carries no ``redirect_uri``.

    RFC 6749 §3.1.2.3 lets a client leave it out when exactly one complete URI is registered; servers
    differ, and the fact has its own source (a configuration default, a test), so it carries its own
    provenance. The default is the RFC's reading.
    """

    when: MissingSentWhen = "single_registered"
    openid_requires: bool = True  # a request with scope 'openid' must send it (OpenID Connect Core §3.1.2.1)
    empty_is_omitted: bool = True  # 'redirect_uri=' counts as left out (RFC 6749 §3.1: empty = omitted)
    source: str | None = None
    checked: str | None = None
    basis: Basis = "unconfirmed"
    note: str | None = None


@dataclass(frozen=True)
class PathTraversalRule:
    """How a server spots a '..' segment in SENT where it matches by pattern (wildcard prefix, path glob,
    subdirectories): such a URI gets no pattern match, only an exact registered entry can match it.

    ``decode_rounds`` is how many times the server percent-decodes '.', '/' and '\\' before it looks:
    Keycloak decodes once, so '%2E%2E' is caught and '%252E%252E' stays a literal segment. ``None``
    (the default, for servers whose handling is not documented) looks through every depth of encoding,
    so a traversal such a server might block is never reported as accepted.
    """

    decode_rounds: int | None = None
    source: str | None = None
    checked: str | None = None
    basis: Basis = "unconfirmed"
    note: str | None = None


@dataclass(frozen=True)
class CallbackLimitRule:
    """The callback-URL limit of one kind of app, for providers whose app kinds differ (Apple: a Services ID has
    its own limit). ``kind`` is the value of ``OAUTH_APP_KIND`` that selects it; ``client_id`` a regex (full
    match) on the client id that betrays the kind when ``OAUTH_APP_KIND`` is not set."""

    kind: str = ""
    app: str = ""
    count: int = 1
    client_id: str | None = None
    source: str | None = None
    checked: str | None = None
    basis: Basis = "unconfirmed"
    note: str | None = None


InferredField = Literal["default_port_equivalent", "empty_path_equals_slash"]


@dataclass(frozen=True)
class RedirectRule:
    """How one authorization server decides that a sent redirect_uri matches a registered one."""

    name: str = "exact+loopback-ip-any-port"
    ignore_case: list[CaseFold] = field(default_factory=list)
    default_port_equivalent: bool = False  # ':443' on https (':80' on http) equals no port
    empty_path_equals_slash: bool = False  # 'https://a.example' equals 'https://a.example/'
    ignore_userinfo: bool = False
    query: Literal["exact", "registered_subset", "ignored"] = "exact"
    fragment: Literal["forbidden", "exact", "ignored"] = "forbidden"
    split_registered_on_whitespace: bool = False  # doorkeeper / DOT store a whitespace-separated list
    sent_trailing_newline_ignored: bool = False  # DOT: oauthlib's regex '$' lets one trailing '\n' through
    subdomains: bool = False  # GitHub: any subdomain of the registered host
    subdirectories: bool = False  # GitHub / Slack: the registered path or any path below it
    # Where the two tolerances above hold: "always", or "single_registered" (GitHub since 2026: on for an app's
    # only callback URL since its creation, a per-URL setting once several are registered).
    tolerance_scope: Literal["always", "single_registered"] = "always"
    tolerance_enabled_by: str | None = None  # the setting that switches the tolerances on per URL, when it exists
    loopback: LoopbackRule = field(default_factory=LoopbackRule)
    wildcard: WildcardRule = field(default_factory=WildcardRule)
    https_required: Literal["never", "except_loopback", "except_localhost", "always"] = "except_loopback"
    https_enforced: bool = False  # False: plain http only warns (RFC 6749 §3.1.2.1 says SHOULD)
    forbidden: list[Forbidden] = field(default_factory=list)  # rejected even when the strings are equal
    # A bare value (the older form) is shorthand for {when: value} under the rule's own provenance.
    missing_sent: MissingSentRule | MissingSentWhen = field(default_factory=MissingSentRule)
    path_traversal: PathTraversalRule = field(default_factory=PathTraversalRule)
    max_callback_urls: int | None = None  # when no ``callback_limits`` entry applies
    callback_limits: list[CallbackLimitRule] = field(default_factory=list)
    # Fields whose value is this profile's reading of the source, not stated by it (Entra's ':443'): an answer that
    # turns on one of them says so, while the rest of a confirmed rule stays confirmed.
    inferred: list[InferredField] = field(default_factory=list)
    source: str | None = None
    checked: str | None = None
    basis: Basis = "unconfirmed"
    note: str | None = None

    def omission(self) -> MissingSentRule:
        """``missing_sent`` as a full record, also when a profile gave the bare shorthand."""
        if isinstance(self.missing_sent, MissingSentRule):
            return self.missing_sent
        return MissingSentRule(when=self.missing_sent, source=self.source, checked=self.checked, basis=self.basis,
                               note=self.note)
