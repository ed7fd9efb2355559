"""What ``providers list`` says about a profile, as plain data: one entry of its JSON document.

Computed from the built profile (its fact tally comes from the fact audit) and kept by the profile cache
(``sections.all_summaries``), so that a listing reads one small cached file instead of building thirty profiles
and walking every fact of each. The terminal table is drawn from the same entries.
"""

from __future__ import annotations

from typing import Any

from oauthdoctor.profiles.audit import counts, facts_of
from oauthdoctor.profiles.model import Profile


def summarize(profile: Profile) -> dict[str, Any]:
    """The ``providers list --format json`` entry of one profile (``schemas/providers-list.schema.json``)."""
    rotation = profile.token_policy.rotation
    return {
        "id": profile.id,
        "name": profile.name,
        "aliases": list(profile.aliases),
        "kind": profile.kind,
        "auth_methods": list(profile.client_auth.accepted),
        "redirect_rule": profile.redirect.name or "exact",
        "rotation": rotation.mode if rotation else None,
        "facts": counts(facts_of(profile)).to_json(),
    }
