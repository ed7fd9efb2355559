"""Warnings about risky things a rule tolerates, and the one-line fix for a rejection."""

from __future__ import annotations

from oauthdoctor.hosts import is_loopback_host
from oauthdoctor.profiles.redirect_schema import RedirectRule
from oauthdoctor.redirect.components import Difference
from oauthdoctor.redirect.parse import parse_uri, rule_allows_loopback, specials

_SENT_PROBLEMS = {"not_absolute", "fragment", "whitespace", "control_char", "invisible_char"}


def warnings_for(accepted: bool, rule: RedirectRule, diffs: list[Difference], registered: list[str],
                 sent: str, entries: list[str], provider: str) -> list[str]:
    """Risky registrations and tolerances: reported, never a reason to reject."""
    out: list[str] = []
    if rule.wildcard.style != "none":
        for entry in entries:
            if "*" in entry and not _loopback_port_only(entry, rule):
                out.append(f"'{entry}' is a wildcard registration; RFC 9700 §2.1 requires exact matching, and "
                           "§4.1.1 shows how patterns like this are abused to steal codes.")
    if accepted and any(d.tolerated and d.kind in ("subdomain", "subdirectory") for d in diffs):
        out.append("Accepted only because this server allows subdomains or subdirectories of the registered "
                   "URI; RFC 9700 §2.1 asks for exact matching, so register the exact URI instead."
                   + _single_url_scope(rule))
    s = parse_uri(sent)
    if (accepted and (s.scheme or "").lower() == "http" and s.host
            and not rule_allows_loopback(s.host, ["localhost", "127.0.0.0/8", "::1"])):
        out.append(f"'{s.host}' is reached over plain http; {provider} tolerates it, but the authorization code "
                   "travels unencrypted (RFC 6749 §3.1.2.1, RFC 9700 §2.6). Use https.")
    for item in registered:
        if isinstance(item, str) and rule.split_registered_on_whitespace and specials(item.strip()) != specials(
                item) and len(item.split()) <= 1:
            out.append(f"The registered value {item!r} has surrounding whitespace; this server splits the field "
                       "on whitespace, so it does no harm, but clean it up.")
    out += _callback_limit(rule, len(entries), provider)
    if rule.basis != "confirmed":
        out.append(f"The {provider} matching rule is {rule.basis}, not confirmed by an official source"
                   + (f": {rule.note}" if rule.note else "."))
    else:
        out += _inferred(rule, diffs, provider)
    return out


# The difference kinds whose verdict one rule field decides, and what that field says.
_DECIDED_BY = {
    "default_port": ("default_port_equivalent", "whether an explicit default port (':443', ':80') equals none"),
    "empty_path": ("empty_path_equals_slash", "whether an empty path equals '/'"),
}


def _inferred(rule: RedirectRule, diffs: list[Difference], provider: str) -> list[str]:
    """A verdict that turns on a field the profile infers rather than reads in its source says so."""
    out = []
    for kind in dict.fromkeys(d.kind for d in diffs):
        decided_by = _DECIDED_BY.get(kind)
        if decided_by and decided_by[0] in rule.inferred:
            out.append(f"This answer turns on {decided_by[1]} for {provider}, which is this profile's reading of "
                       f"its source, not stated there ({decided_by[0]}: "
                       f"{str(getattr(rule, decided_by[0])).lower()}); check it against a real request.")
    return out


def _loopback_port_only(entry: str, rule: RedirectRule) -> bool:
    """A '*' that only stands for a loopback URI's port: what RFC 8252 §7.3 asks servers to allow, not a risk."""
    if not rule.wildcard.loopback_port:
        return False
    parsed = parse_uri(entry)
    return parsed.port == "*" and is_loopback_host(parsed.host or "") and entry.count("*") == 1


def _single_url_scope(rule: RedirectRule) -> str:
    if rule.tolerance_scope != "single_registered":
        return ""
    setting = f" ({rule.tolerance_enabled_by})" if rule.tolerance_enabled_by else ""
    return (" The tolerance holds because this is the app's only registered callback URL, for which it has been on "
            f"since the app was created unless its owner switched it off{setting}.")


def _clean(text: str) -> str:
    return "".join(ch for ch in text if not specials(ch))


def fix_for(rule: RedirectRule, diffs: list[Difference], closest: str | None, sent: str) -> str:
    """The exact string to send, or the exact string to register."""
    kinds = {d.kind for d in diffs}
    if closest is None:
        return f"Register exactly this redirect URI with the provider: {_clean(sent)}"
    clean_closest = _clean(closest)
    sent_side = any(d.kind in _SENT_PROBLEMS and (d.sent or d.kind in ("not_absolute", "fragment")) for d in diffs)
    if clean_closest != closest and not sent_side:
        return f"Fix the registration: register exactly {clean_closest} (the registered value has invisible " \
               "characters)."
    if "scheme" in kinds and any("requires https" in d.explanation for d in diffs):
        secure = "https" + _clean(sent)[4:] if sent.lower().startswith("http:") else _clean(sent)
        return f"Use https: register and send exactly {secure}"
    if "wildcard" in kinds and "*" in closest and not sent_side:
        return f"Register exactly {_clean(sent)} (the registered '*' does not cover it on this server)"
    if sent_side or kinds & {"userinfo", "dot_segment", "percent_encoding", "wildcard"}:
        return f"Send exactly the registered URI: {clean_closest}"
    return f"Send exactly {clean_closest} or register exactly {_clean(sent)}"


def _callback_limit(rule: RedirectRule, count: int, provider: str) -> list[str]:
    """Too many registered URIs for the provider, per kind of app when its kinds differ (GitHub)."""
    kinds = sorted(rule.callback_limits, key=lambda k: k.count)
    if kinds:
        over = [k for k in kinds if count > k.count]
        if not over:
            return []
        if len(over) == len(kinds):
            return [f"{count} URIs are registered, but {provider} allows at most {kinds[-1].count}."]
        fine = ", ".join(f"a {k.app} (up to {k.count})" for k in kinds if k not in over)
        limits = ", ".join(f"a {k.app} has {k.count}" for k in over)
        return [f"{count} URIs are registered: fine for {fine}, but {limits}."]
    if rule.max_callback_urls is not None and count > rule.max_callback_urls:
        return [f"{count} URIs are registered, but {provider} allows at most {rule.max_callback_urls}."]
    return []
