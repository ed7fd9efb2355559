"""Shell completion for bash, zsh and fish: commands, options, and the ids users must type exactly.

``oauthdoctor --install-completion`` (or ``--show-completion`` to see the script) sets it up; the shell then
runs ``oauthdoctor`` with ``_OAUTHDOCTOR_COMPLETE`` set. Both spellings of that instruction work: Click's
(``bash_source``, ``zsh_complete``) and Typer's (``source_bash``, ``complete_zsh``). Beyond command and
option names, the callbacks here complete provider ids and aliases, probe ids and check-env rule ids; they
import what they read only when the shell asks, so a normal run never pays for them.
"""

from __future__ import annotations

from collections.abc import MutableMapping

COMPLETE_VAR = "_OAUTHDOCTOR_COMPLETE"
SHELLS = ("bash", "zsh", "fish")
_INSTRUCTIONS = ("source", "complete")


def normalise_instruction(environ: MutableMapping[str, str]) -> None:
    """Rewrite Click's ``bash_source`` into Typer's ``source_bash`` (Typer reads only its own order)."""
    value = environ.get(COMPLETE_VAR, "")
    first, _, second = value.partition("_")
    if first in SHELLS and second in _INSTRUCTIONS:
        environ[COMPLETE_VAR] = f"{second}_{first}"


def _starting(names: list[str], incomplete: str) -> list[str]:
    return sorted({n for n in names if n.startswith(incomplete.lower())})


def provider_names(incomplete: str) -> list[str]:
    """Every profile id and alias that starts with what was typed."""
    from oauthdoctor.profiles.sections import all_checked_data

    entries = all_checked_data()
    if entries is not None:
        names = [n for d in entries for n in (d["id"], *d.get("aliases", []))]
    else:
        from oauthdoctor.profiles.loader import all_profiles

        names = [n for p in all_profiles() for n in (p.id, *p.aliases)]
    return _starting(names, incomplete)


def probe_ids(incomplete: str) -> list[str]:
    """``diagnose --probe/--skip`` ids."""
    from oauthdoctor.probes import PROBE_IDS

    return _starting(list(PROBE_IDS), incomplete)


def rule_ids(incomplete: str) -> list[str]:
    """``check-env --rule/--ignore`` ids."""
    from oauthdoctor.checkenv.rules import RULES

    return _starting([r.id for r in RULES], incomplete)
