"""An authorization request without ``redirect_uri``: which registered URI the server falls back on, if any.

RFC 6749 §3.1.2.3 lets a client leave the parameter out only when exactly one complete URI is registered;
servers differ (a configuration default, the first registered URI, a flat refusal, or no redirect at all), so
the answer comes from the profile's ``missing_sent`` record, never from provider-specific code here.
"""

from __future__ import annotations

from oauthdoctor.profiles.redirect_schema import MissingSentRule, RedirectRule
from oauthdoctor.redirect.components import Difference
from oauthdoctor.redirect.engine import RedirectMatch
from oauthdoctor.redirect.parse import parse_uri

_OIDC = "OpenID Connect Core §3.1.2.1"


def judge_omission(entries: list[str], registered: list[str], rule: RedirectRule, omission: MissingSentRule,
                   provider: str, *, openid: bool, empty: bool) -> RedirectMatch:
    """The answer for a request that sends no redirect_uri (or an empty one the server counts as none)."""
    lead = ("The redirect_uri is empty, which this server treats as not sent" if empty
            else "No redirect_uri was sent")
    warnings = _warnings(omission, provider, openid)
    if omission.when == "shows_code":
        text = (f"{lead}; this server then redirects nowhere: it shows the authorization code on its own page for "
                "the user to copy into the app.")
        return _answer(True, provider, rule, None, None, [_omitted(text, True)], registered, omission, warnings,
                       None, empty)
    if openid and omission.openid_requires:
        text = f"{lead}, and this server requires it in every OpenID Connect request (scope openid; {_OIDC})."
        return _refused(text, entries, registered, rule, omission, provider, warnings, empty)
    if not entries:
        text = f"{lead}, and no redirect URI is registered, so the server has nowhere to send the user."
        return _answer(False, provider, rule, None, None, [_omitted(text, False)], registered, omission, warnings,
                       "Register a redirect URI with the provider and send it as redirect_uri.", empty)
    if omission.when == "rejected":
        text = f"{lead}; this server requires redirect_uri in every authorization request."
        return _refused(text, entries, registered, rule, omission, provider, warnings, empty)
    if omission.when == "single_registered" and len(entries) > 1:
        text = (f"{lead}, and {len(entries)} redirect URIs are registered; this server falls back only when exactly "
                "one is registered, so it cannot tell which to use (RFC 6749 §3.1.2.3).")
        return _refused(text, entries, registered, rule, omission, provider, warnings, empty)
    entry = entries[0]
    uses, problem = _fallback(entry, rule)
    if uses is None:
        return _refused(f"{lead}; {problem}", entries, registered, rule, omission, provider, warnings, empty)
    which = "the only registered URI" if omission.when == "single_registered" else (
        "the first registered URI" + (f" (of {len(entries)})" if len(entries) > 1 else ""))
    text = f"{lead}; this server redirects to {which} instead: {uses}"
    if omission.when == "single_registered":
        warnings.append("Leaving redirect_uri out works only while exactly one URI is registered: registering a "
                        "second one turns every such request into an error (RFC 6749 §3.1.2.3). Send it explicitly.")
    else:
        warnings.append("Leaving redirect_uri out sends users to whichever URI is registered first; reordering "
                        "the registered URIs silently changes where they land. Send it explicitly.")
    return _answer(True, provider, rule, entry, entry, [_omitted(text, True)], registered, omission, warnings,
                   None, empty, redirect_to=uses)


def _fallback(entry: str, rule: RedirectRule) -> tuple[str | None, str]:
    """The URI the server redirects to for a registered entry, or None and why it cannot."""
    if "*" in entry and rule.wildcard.style != "none":
        if rule.wildcard.style == "trailing_prefix" and "*" not in parse_uri(entry).host and "/*" in entry:
            # Keycloak's getSingleValidRedirectUri: a wildcard path entry stands for the part before '/*'.
            entry = entry[:entry.index("/*")]
        else:
            return None, (f"the only registered entry '{entry}' is a pattern, not a complete URI, so there is "
                          "nothing to fall back on (RFC 6749 §3.1.2.3).")
    parsed = parse_uri(entry)
    if parsed.scheme is None or parsed.fragment is not None:
        return None, f"the registered entry '{entry}' is not a valid redirect URI, so there is nothing to fall back on."
    return entry, ""


def _omitted(text: str, tolerated: bool) -> Difference:
    return Difference("omitted", "", "", None, text, tolerated=tolerated)


def _refused(text: str, entries: list[str], registered: list[str], rule: RedirectRule, omission: MissingSentRule,
             provider: str, warnings: list[str], empty: bool) -> RedirectMatch:
    closest = entries[0] if len(entries) == 1 else None
    if closest is not None:
        fix = f"Send redirect_uri with exactly the registered URI: {closest}"
    else:
        shown = " or ".join(entries[:3]) + (" or another registered URI" if len(entries) > 3 else "")
        fix = f"Send redirect_uri with the registered URI the user should return to: {shown}"
    return _answer(False, provider, rule, None, closest, [_omitted(text, False)], registered, omission, warnings,
                   fix, empty)


def _warnings(omission: MissingSentRule, provider: str, openid: bool) -> list[str]:
    out: list[str] = []
    if omission.openid_requires and not openid and omission.when != "rejected":
        out.append(f"A request with scope openid must send redirect_uri on this server ({_OIDC}); this answer is "
                   "for a plain OAuth request.")
    if omission.basis != "confirmed":
        out.append(f"What {provider} does without a redirect_uri is {omission.basis}, not confirmed by an official "
                   "source" + (f": {omission.note}" if omission.note else "."))
    return out


def _answer(accepted: bool, provider: str, rule: RedirectRule, matched: str | None, closest: str | None,
            diffs: list[Difference], registered: list[str], omission: MissingSentRule, warnings: list[str],
            fix: str | None, empty: bool, redirect_to: str | None = None) -> RedirectMatch:
    return RedirectMatch(accepted, provider, rule.name, matched, closest, diffs, warnings, fix,
                         "" if empty else None, list(registered), omitted=True, redirect_to=redirect_to,
                         omission=omission)
