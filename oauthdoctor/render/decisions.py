"""How every terminal view names a decision: one style and one meaning per decision, shared by all views."""

from __future__ import annotations

DECISION_STYLE = {
    "fix_config": "bold yellow",
    "reauth": "bold red",
    "retry": "bold cyan",
    "none": "bold green",
}
DECISION_MEANING = {
    "fix_config": "change the configuration; a retry or a new grant alone fails again",
    "reauth": "the grant is dead; a user must authorise again",
    "retry": "the failure looks transient; back off and try again later",
    "none": "nothing to fix was found",
}


def decision_style(decision: str) -> str:
    """The rich style of a decision ("bold" for one this table does not know)."""
    return DECISION_STYLE.get(str(decision), "bold")


def border_style(decision: str) -> str:
    """The headline panel's border: the decision's colour without the weight."""
    return decision_style(decision).replace("bold", "").strip()


BASIS_NOTE = {
    "heuristic": ("~ rests on a heuristic fact", "yellow"),
    "unconfirmed": ("? rests on an unconfirmed fact", "magenta"),
}


def basis_note(evidence: dict[str, object]) -> tuple[str, str] | None:
    """The mark a finding gets when the profile fact it rests on is not confirmed (#15), with its style."""
    basis = evidence.get("basis")
    return BASIS_NOTE.get(basis) if isinstance(basis, str) else None
