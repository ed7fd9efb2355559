"""A provider's error-normalisation rules, as data (the ``errors:`` section of a profile).

Providers bend RFC 6749: GitHub answers errors with HTTP 200, Slack wraps them in ``{"ok": false}``, HubSpot
puts the real code in ``status``, Entra hides an AADSTS number in ``error_description``. Each quirk is a rule
here, in YAML, with its source, so that adding a provider never means adding code.

Only types the profile builder understands appear (str/int/bool/None, list, dict[str, ...], Literal and
nested frozen dataclasses with defaults), so ``providers validate`` checks these classes strictly too.
The vocabulary is documented in ``docs/error-rules.md``.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Literal

from oauthdoctor.vocabulary import Basis, FailureClass

DecisionName = Literal["reauth", "fix_config", "retry"]


@dataclass(frozen=True)
class Candidate:
    """One possible cause of an ambiguous response, and the evidence that tells it apart from the others."""

    cause: str = ""
    tells_apart: str = ""
    hint: str | None = None
    decision: DecisionName | None = None  # what this cause decides, where the cause's name does not say it


@dataclass(frozen=True)
class Outcome:
    """What a matching rule concludes. Empty fields are filled from the generic baseline for the class.

    ``failure_class`` is what the response really is (a server that says ``unauthorized_client`` for a bad
    secret is ``invalid_client``); ``normalized_status`` is the HTTP status RFC 6749/6750 would have used.
    ``class_from_error``: the endpoint's own error value, when it names a class, wins over ``failure_class``
    (Entra sends a disabled account as ``invalid_grant`` from /token and shows it on a sign-in page without
    one; ``failure_class`` then covers the page).
    """

    failure_class: FailureClass | None = None
    class_from_error: bool = False
    cause: str | None = None
    decision: DecisionName | None = None
    normalized_status: int | None = None
    summary: str | None = None
    hints: list[str] = field(default_factory=list)
    references: list[str] = field(default_factory=list)
    candidates: list[Candidate] = field(default_factory=list)
    source: str | None = None
    checked: str | None = None
    basis: Basis = "unconfirmed"
    note: str | None = None


@dataclass(frozen=True)
class ErrorRule(Outcome):
    """A matcher plus its outcome. Every matcher that is set must hold (AND); an empty rule matches all.

    - ``status``: the HTTP status is one of these.
    - ``error``: the raw ``error`` value (case-insensitive, ``-`` read as ``_``) is one of these.
    - ``not_error``: the raw ``error`` value is none of these (a phrase that means one thing in a resource API's
      answer and another next to a token endpoint's ``invalid_grant``).
    - ``description``: regex searched (case-insensitive) in the description text (``error_description``,
      ``message``, ``reason``, ``errorSummary``, the text after a library prefix ...).
    - ``text``: regex searched (case-insensitive) in everything readable (description, HTML title and visible
      text, plain text).
    - ``fields``: body field name -> regex that must fully match the field's value (case-insensitive;
      booleans read as ``true``/``false``, null as ``null``; ``.*`` only asks that the field exists).
    - ``headers``: header name -> regex searched in its value (``.*`` only asks that the header exists).
    - ``provider_code``: the extracted provider code (``AADSTS70008``, ``BAD_REFRESH_TOKEN``) is one of these.
    - ``empty_body``: true/false: the body has no content.
    """

    status: list[int] = field(default_factory=list)
    error: list[str] = field(default_factory=list)
    not_error: list[str] = field(default_factory=list)
    description: str | None = None
    text: str | None = None
    fields: dict[str, str] = field(default_factory=dict)
    headers: dict[str, str] = field(default_factory=dict)
    provider_code: list[str] = field(default_factory=list)
    empty_body: bool | None = None


@dataclass(frozen=True)
class Signature:
    """A body shape that betrays the provider, used when ``--provider`` is not given.

    Matchers as in ``ErrorRule``; ``weight`` ranks signatures when several providers match (highest wins,
    a tie detects nothing).
    """

    error: list[str] = field(default_factory=list)
    description: str | None = None
    text: str | None = None
    fields: dict[str, str] = field(default_factory=dict)
    headers: dict[str, str] = field(default_factory=dict)  # a provider's own response header (Supabase's error code)
    weight: int = 1
    source: str | None = None
    checked: str | None = None
    basis: Basis = "unconfirmed"
    note: str | None = None


@dataclass(frozen=True)
class ErrorRules:
    """The ``errors:`` section of a profile.

    - ``code_pattern``: regex searched in the whole text; group 1 (or the match) is the provider code.
    - ``code_pick``: which match counts when the text holds several codes; ``last`` for servers that wrap
      the specific code in a generic one (Entra: ``AADSTS70002: Error validating credentials. AADSTS54005: ...``).
    - ``code_prefix``: put before a code the pattern found as bare digits, so both spellings find one entry
      (Entra's sign-in log writes ``Sign-in error code: 50105`` for ``AADSTS50105``).
    - ``code_fields``: body fields whose value is the provider code (HubSpot ``status``, Okta ``errorCode``).
    - ``codes``: provider code -> outcome (looked up after ``rules``, before the generic baseline).
    - ``rules``: ordered; the first match wins.
    - ``fallback``: word families (the generic profile's): ordered rules tried only when no rule, code or
      ``error`` value named a class, before the HTTP status decides; they read a subject and a predicate
      ("token ... not valid", "client id ... unknown") rather than one phrase, so unseen wording still lands.
    - ``signatures``: body shapes used to detect this provider.
    - ``hints``: extra hints added to every answer for this provider (e.g. where the real reason is logged).
    """

    code_pattern: str | None = None
    code_pick: Literal["first", "last"] = "first"
    code_prefix: str | None = None
    code_fields: list[str] = field(default_factory=list)
    codes: dict[str, Outcome] = field(default_factory=dict)
    rules: list[ErrorRule] = field(default_factory=list)
    fallback: list[ErrorRule] = field(default_factory=list)
    signatures: list[Signature] = field(default_factory=list)
    hints: list[str] = field(default_factory=list)
    source: str | None = None
    checked: str | None = None
    basis: Basis = "unconfirmed"
    note: str | None = None
