"""The words of an answer: its hints (the rule's, the cause's, the candidates', Retry-After, the decision's) and
its one-line summary. Shared by the engine and by the narrowing that the failing request's context allows."""

from __future__ import annotations

from oauthdoctor.classifier import baseline as B
from oauthdoctor.classifier.extract import Extracted
from oauthdoctor.classifier.match import CompiledRules
from oauthdoctor.classifier.result import UNRECOGNISED
from oauthdoctor.profiles.error_schema import Candidate, Outcome


def hints_for(ex: Extracted, primary: Outcome, cause: str, decision: str, candidates: list[Candidate],
              rules: CompiledRules | None, code: str | None) -> list[str]:
    """What to do, first things first, without repeats."""
    hints = [*primary.hints, *B.CAUSE_HINTS.get(cause, [])]
    hints += [f"If {c.cause.replace('_', ' ')}: {c.hint}" for c in candidates if c.hint]
    if rules is not None:
        hints += rules.hints
    if decision == "retry":
        retry_after = ex.headers.get("retry-after")
        reset = ex.headers.get("x-rate-limit-reset") or ex.headers.get("x-ratelimit-reset")
        if retry_after:
            hints.append(f"Back off per Retry-After: wait {retry_after.strip()[:40]} before the next attempt.")
        elif reset:
            hints.append(f"Wait until the rate-limit reset time ({reset.strip()[:40]}) before retrying.")
    lean = decision == "fix_config" and cause == "ambiguous" and candidates  # a candidate may need no change
    if cause == UNRECOGNISED and decision != "none":  # no reading behind the lean: the reason is elsewhere
        hints.append(B.UNRECOGNISED_HINT)
    else:
        hints.append(B.AMBIGUOUS_FIX_HINT if lean else B.DECISION_HINTS[decision])
    return list(dict.fromkeys(h for h in (_filled(h, code) for h in hints) if h))


def _filled(hint: str, code: str | None) -> str | None:
    """A profile hint with ``{code}`` / ``{code_number}`` filled from the provider code; None without a code
    (a hint that says "look {code} up" is no help when the response carried none)."""
    if "{code" not in hint:
        return hint
    if not code:
        return None
    return hint.replace("{code_number}", "".join(ch for ch in code if ch.isdigit())).replace("{code}", code)


def summary_for(cls: str, cause: str, meaning: str, code: str | None, pid: str | None, n_candidates: int) -> str:
    """One line: the class, who said it, what the class means, and the cause (or how many remain)."""
    who = f"{pid} ({code})" if pid and code else (pid or code or "the server")
    if cls == "unknown":
        return f"No OAuth error was recognised in the response from {who}."
    if cause == "ambiguous":
        tail = f"; the response alone does not tell why ({n_candidates} possible causes)" if n_candidates else (
            "; the response alone does not tell why")
    else:
        tail = f"; most likely cause: {cause.replace('_', ' ')}"
    return f"{cls} from {who}: {meaning}{tail}."
