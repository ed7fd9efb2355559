"""The check-env rule registry: every rule once, in the order they are listed and reported.

Each rule's metadata (id, title, question, severity and its variants, reference) sits next to its function
(``checkenv/registry.py`` explains the pattern); ``--list-rules``, ``--rule``/``--ignore``, the SARIF rule table,
JUnit test cases and the README's rule table all read this tuple. Ids are a public contract (``--rule``,
``--ignore``, SARIF ``ruleId``): never rename one.
"""

from __future__ import annotations

from oauthdoctor.checkenv import credentials, endpoints, presence, redirects, values
from oauthdoctor.checkenv.registry import Rule
from oauthdoctor.model import RuleMeta

REGISTRY: tuple[Rule, ...] = (
    values.env_syntax,
    presence.no_oauth_config,
    credentials.unknown_provider,
    credentials.missing_required,
    values.value_whitespace,
    values.value_newline,
    values.value_quote,
    values.value_invisible,
    values.duplicate_key,
    values.secret_data_base64,
    redirects.redirect_not_absolute,
    redirects.redirect_fragment,
    redirects.redirect_http,
    redirects.redirect_loopback_in_production,
    redirects.redirect_not_registered,
    redirects.redirect_cross_file,
    redirects.redirect_too_many,
    endpoints.endpoint_http,
    endpoints.endpoint_host_rule,
    endpoints.endpoint_placeholder,
    endpoints.salesforce_my_domain,
    credentials.client_id_format,
    credentials.credential_placeholder,
    credentials.credential_hashed,
    credentials.secret_expiry_rule,
    credentials.testing_mode_in_production,
)
RULES: tuple[RuleMeta, ...] = tuple(r.meta for r in REGISTRY)
RULES_BY_ID: dict[str, RuleMeta] = {r.id: r for r in RULES}
