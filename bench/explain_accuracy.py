"""Accuracy of ``classify()`` on labelled error corpora: class and decision hit rates, and every miss.

Not a test (the test with the floors is ``tests/test_classify_corpus.py``); run it to see the numbers and
the list of misses while working on rules:

    python bench/explain_accuracy.py                       # the committed corpora in tests/fixtures/ (the
                                                           # development halves and the earlier dev cases)
    python bench/explain_accuracy.py path/to/cases.yaml    # any file of the same shape
    python bench/explain_accuracy.py --detect              # without the case's provider (detection)
    python bench/explain_accuracy.py --misses              # list every miss with the cause found

A case is a mapping with ``provider``, ``status``, optional ``headers``, ``body``, ``expected_class`` and
``expected_decision`` (``id``, ``expected_cause``, ``family`` are shown when present).
"""

from __future__ import annotations

import argparse
import collections
import sys
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
FIXTURES = ROOT / "tests" / "fixtures"


def _corpus_number(path: Path) -> int:
    """errors_corpus_devN.yaml's N (errors_corpus_dev.yaml is the first)."""
    return int(path.stem.removeprefix("errors_corpus_dev") or 1)


# Every committed development half, in corpus order, then the project's earlier development cases.
DEFAULT_FILES = [*sorted(FIXTURES.glob("errors_corpus_dev*.yaml"), key=_corpus_number), FIXTURES / "errors_dev.yaml"]


def score(cases: list[dict[str, Any]], detect: bool = False) -> tuple[float, float, list[tuple[dict, Any]]]:
    """(class accuracy, decision accuracy, misses as (case, explanation)); each case classified afresh."""
    from oauthdoctor.classifier import classify
    from oauthdoctor.classifier.book import RuleBook

    book = RuleBook()
    hits_class = hits_decision = 0
    misses = []
    for case in cases:
        provider = None if detect else case.get("provider")
        got = classify(case.get("status"), case.get("body"), case.get("headers"), provider=provider, rulebook=book)
        ok_class = got.failure_class == case["expected_class"]
        ok_decision = got.decision == case["expected_decision"]
        hits_class += ok_class
        hits_decision += ok_decision
        if not (ok_class and ok_decision):
            misses.append((case, got))
    n = len(cases) or 1
    return hits_class / n, hits_decision / n, misses


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("files", nargs="*", type=Path, default=DEFAULT_FILES)
    parser.add_argument("--detect", action="store_true", help="classify without the case's provider")
    parser.add_argument("--misses", action="store_true", help="list every miss")
    parser.add_argument("--by-family", action="store_true", help="accuracy per family (cases that have one)")
    args = parser.parse_args()
    sys.path.insert(0, str(ROOT))
    import yaml

    for path in args.files:
        cases = yaml.safe_load(path.read_text(encoding="utf-8"))
        acc_class, acc_decision, misses = score(cases, args.detect)
        mode = "provider detected" if args.detect else "provider given"
        print(f"{path.name}: {len(cases)} cases ({mode}): class {acc_class:.1%}, decision {acc_decision:.1%}, "
              f"{len(misses)} misses")
        if args.by_family:
            missed = {id(c) for c, _ in misses}
            fam: dict[Any, list[int]] = collections.defaultdict(lambda: [0, 0])
            for case in cases:
                fam[case.get("family")][0] += 1
                fam[case.get("family")][1] += id(case) not in missed
            for key in sorted(fam, key=str):
                total, good = fam[key]
                print(f"  family {key}: {good}/{total} fully right")
        if args.misses:
            for case, got in misses:
                print(f"  - {case.get('id')} [{case.get('provider')}, family {case.get('family', '-')}]: expected "
                      f"{case['expected_class']}/{case['expected_decision']} ({case.get('expected_cause')}), got "
                      f"{got.failure_class}/{got.decision} ({got.cause}, provider {got.provider})")
    return 0


if __name__ == "__main__":
    sys.exit(main())
