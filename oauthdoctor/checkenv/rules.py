"""The check-env rule table: id, title, the question each rule answers, severity and a reference.

Metadata is data so that ``--list-rules``, the SARIF rule table and the JUnit test cases all read the
same source. The order here is the order rules are listed and reported in. Ids are a public contract
(``--rule``, ``--ignore``, SARIF ``ruleId``): never rename one.
"""

from __future__ import annotations

from oauthdoctor.model import RuleMeta, Severity

_RFC6749 = "https://www.rfc-editor.org/rfc/rfc6749"
_E, _W, _I = Severity.ERROR, Severity.WARNING, Severity.INFO

RULES: tuple[RuleMeta, ...] = (
    RuleMeta("env-syntax", "Line that python-dotenv cannot parse",
             "Does every line parse as KEY=VALUE? python-dotenv skips the others without a word.", _W),
    RuleMeta("no-oauth-config", "No OAuth configuration recognised",
             "Does the file contain OAUTH_* keys, framework names (AUTH_GITHUB_ID, GOOGLE_CLIENT_ID) or the "
             "--prefix keys?", _I),
    RuleMeta("unknown-provider", "Unknown provider",
             "Does OAUTH_PROVIDER name a provider profile (see 'oauthdoctor providers list')?", _E),
    RuleMeta("missing-required", "Required key missing or empty",
             "Are the keys the provider and grant need (client id, secret, redirect URI, tenant/instance "
             "placeholders) present and non-empty?", _E),
    RuleMeta("value-whitespace", "Value with leading or trailing whitespace",
             "Is the value free of surrounding spaces and tabs? Inside quotes every loader keeps them; "
             "unquoted trailing spaces survive in docker --env-file.", _E),
    RuleMeta("value-newline", "Value with a newline or a literal \\n / \\r",
             "Is the value a single line without the two characters \\n or \\r?", _E),
    RuleMeta("value-quote", "Unbalanced or typographic quote",
             "Are quotes balanced ASCII quotes? A smart quote or a missing closing quote ends up in the value "
             "or swallows the next lines.", _E),
    RuleMeta("value-invisible", "Invisible character in a key or value",
             "Is the key or value free of zero-width characters, byte-order marks and no-break spaces?", _E),
    RuleMeta("duplicate-key", "Key set more than once",
             "Is each key assigned once? python-dotenv and most loaders use the last assignment.", _W),
    RuleMeta("redirect-not-absolute", "Redirect URI is not absolute",
             "Is the redirect URI an absolute URI with a scheme and host?", _E, f"{_RFC6749}#section-3.1.2"),
    RuleMeta("redirect-fragment", "Redirect URI has a fragment",
             "Is the redirect URI free of a '#fragment'? RFC 6749 forbids one.", _E, f"{_RFC6749}#section-3.1.2"),
    RuleMeta("redirect-http", "Redirect URI uses http on a non-loopback host",
             "Does the redirect URI use https (plain http is only for loopback)?", _E,
             "https://www.rfc-editor.org/rfc/rfc9700#section-4.1"),
    RuleMeta("redirect-loopback-in-production", "Loopback redirect URI in a production file",
             "Does a production configuration redirect to a public host rather than localhost or 127.0.0.1?",
             _E, "https://www.rfc-editor.org/rfc/rfc8252#section-7.3"),
    RuleMeta("redirect-not-registered", "Redirect URI not accepted by any registered URI",
             "Is OAUTH_REDIRECT_URI accepted by one of OAUTH_REGISTERED_REDIRECT_URIS under the provider's "
             "matching rule?", _E, "https://www.rfc-editor.org/rfc/rfc9700#section-2.1"),
    RuleMeta("redirect-cross-file", "Redirect URI differs from another file of the same client",
             "Do the files that share a client id send redirect URIs the provider treats as the same, rather "
             "than near-misses (trailing slash, case)?", _E, "https://www.rfc-editor.org/rfc/rfc9700#section-2.1"),
    RuleMeta("redirect-too-many", "More callbacks than the provider allows for one client",
             "Do the files of one client id need no more distinct callback URLs than the provider allows "
             "(GitHub OAuth apps: one)?", _E,
             "https://docs.github.com/en/apps/oauth-apps/building-oauth-apps/authorizing-oauth-apps#redirect-urls"),
    RuleMeta("endpoint-http", "Token or authorize URL uses http",
             "Do the token and authorize URLs use https? The client secret travels to the token endpoint.",
             _E, f"{_RFC6749}#section-3.2"),
    RuleMeta("endpoint-host", "Endpoint host does not belong to the provider",
             "Is the token/authorize URL host one of the provider profile's hosts?", _E),
    RuleMeta("endpoint-placeholder", "Placeholder left in an endpoint or placeholder value",
             "Are {tenant}/<instance>/YOUR_... placeholders replaced with real values?", _E),
    RuleMeta("salesforce-my-domain", "Salesforce client_credentials against login.salesforce.com",
             "Does a Salesforce client_credentials configuration use the org's My Domain host?", _E,
             "https://help.salesforce.com/s/articleView?id=000886201&type=1"),
    RuleMeta("client-id-format", "Client id does not look like the provider's",
             "Does the client id match the provider's format (Google '...apps.googleusercontent.com', Entra "
             "GUID, ...)?", _E),
    RuleMeta("credential-placeholder", "Placeholder client id or secret",
             "Is the client id/secret a real value rather than changeme, xxx, <secret>, TODO?", _E),
    RuleMeta("secret-expiry", "Client secret expired or expiring within 30 days",
             "Is OAUTH_CLIENT_SECRET_EXPIRES_AT more than 30 days away?", _E,
             "https://learn.microsoft.com/entra/identity-platform/how-to-add-credentials"),
    RuleMeta("testing-mode-in-production", "App in testing mode in a production file",
             "Is the app published? Google 'Testing' apps get refresh tokens that expire after 7 days.", _E,
             "https://developers.google.com/identity/protocols/oauth2#expiration"),
)

RULES_BY_ID: dict[str, RuleMeta] = {r.id: r for r in RULES}
