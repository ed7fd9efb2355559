"""The parsed-profile cache: used when a file is unchanged, bypassed as soon as it changes; and what reads
straight from it (the name index, the redirect-rule fast path, the classifier's facts, the env-key names),
which must answer exactly as a full load does."""

from __future__ import annotations

import os
from collections.abc import Callable
from pathlib import Path
from typing import TypeVar

import pytest

from oauthdoctor.profiles import cache, loader
from oauthdoctor.profiles.dirs import ENV_VAR
from oauthdoctor.profiles.loader import ProfileError, UnknownProfile, all_profiles, get_profile, load_file
from oauthdoctor.profiles.redirect_schema import LoopbackRule, RedirectRule
from oauthdoctor.profiles.sections import redirect_rule

T = TypeVar("T")


@pytest.fixture
def user_dir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """An empty user profile directory, in use through OAUTHDOCTOR_PROFILES."""
    directory = tmp_path / "profiles"
    directory.mkdir()
    monkeypatch.setenv(ENV_VAR, str(directory))
    return directory


@pytest.fixture(autouse=True)
def private_cache(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))
    monkeypatch.delenv("OAUTHDOCTOR_NO_CACHE", raising=False)


def test_changed_file_is_parsed_again(tmp_path: Path) -> None:
    path = tmp_path / "acme.yaml"
    path.write_text("id: acme\nname: Acme\n")
    assert load_file(path).name == "Acme"
    assert cache.get(path) == {"id": "acme", "name": "Acme"}
    path.write_text("id: acme\nname: Acme Corp\n")
    os.utime(path, ns=(1, 1))  # a different mtime even on coarse clocks
    assert cache.get(path) is None
    assert load_file(path).name == "Acme Corp"


def test_broken_file_is_never_served_from_cache(tmp_path: Path) -> None:
    path = tmp_path / "acme.yaml"
    path.write_text("id: acme\nname: Acme\n")
    load_file(path)
    path.write_text("id: acme\nname: Acme\nbogus: 1\n")
    os.utime(path, ns=(2, 2))
    with pytest.raises(ProfileError) as exc:
        load_file(path)
    assert str(exc.value) == f"{path}:3: bogus: unknown key 'bogus'"


# --- the diff-redirect fast path: one profile's redirect rule straight from the cache -----------------------

def test_cached_rule_equals_the_full_profiles_rule_for_every_bundled_profile() -> None:
    profiles = all_profiles()  # fills the cache
    for profile in profiles:
        assert redirect_rule(profile.id) == (profile.id, profile.redirect), profile.id


def test_rule_without_a_cache_comes_from_the_full_load(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("OAUTHDOCTOR_NO_CACHE", "1")
    assert redirect_rule("github") == ("github", get_profile("github").redirect)
    assert redirect_rule("github")[1].subdirectories is True


def test_alias_and_case_resolve_like_get_profile() -> None:
    alias = next(a for p in all_profiles() for a in p.aliases if a.isalnum() and a != p.id)
    assert redirect_rule(alias.upper())[0] == get_profile(alias).id


def test_unknown_provider_names_close_matches() -> None:
    with pytest.raises(UnknownProfile) as exc:
        redirect_rule("githb")
    assert exc.value.suggestions[0] == "github"  # gitlab is a close match too


def test_user_profile_overrides_the_bundled_rule(user_dir: Path) -> None:
    (user_dir / "github.yaml").write_text("id: github\nname: Mine\nredirect:\n  name: mine\n  loopback:\n"
                                          "    enabled: false\n")
    for _ in range(2):  # first from the YAML, then from the cache
        assert redirect_rule("github") == ("github", RedirectRule(name="mine", loopback=LoopbackRule(enabled=False)))


def test_cache_entry_with_a_key_the_rule_lacks_falls_back(user_dir: Path) -> None:
    path = user_dir / "acme.yaml"
    path.write_text("id: acme\nname: Acme\nredirect:\n  name: acme-rule\n")
    cache.put(path, {"id": "acme", "name": "Acme", "redirect": {"name": "stale", "gone_field": True}})
    assert redirect_rule("acme") == ("acme", RedirectRule(name="acme-rule"))


def test_a_differently_named_user_file_overrides_by_id(user_dir: Path) -> None:
    (user_dir / "my-github.yaml").write_text("id: github\nname: Mine\naliases: [octo]\nredirect:\n  name: mine\n")
    for _ in range(2):  # first by a full load (no index for these files yet), then through the name index
        assert redirect_rule("github") == ("github", RedirectRule(name="mine"))
        assert redirect_rule("OCTO") == ("github", RedirectRule(name="mine"))
        assert get_profile("github").name == "Mine"
    assert cache.get_names(_files())["octo"] == str(user_dir / "my-github.yaml")


def test_name_index_goes_stale_when_a_profile_file_changes(user_dir: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = user_dir / "acme.yaml"
    path.write_text("id: acme\nname: Acme\naliases: [roadrunner]\n")
    assert get_profile("roadrunner").id == "acme"
    all_profiles()  # writes the index
    assert cache.get_names(_files())["roadrunner"] == str(path)
    path.write_text("id: acme\nname: Acme\naliases: [coyote]\n")
    os.utime(path, ns=(3, 3))
    assert cache.get_names(_files()) is None
    monkeypatch.setattr(loader, "_registries", {})  # a new process: nothing loaded yet
    assert get_profile("coyote").id == "acme"
    with pytest.raises(UnknownProfile):
        get_profile("roadrunner")


def _files() -> list[Path]:
    from oauthdoctor.profiles.dirs import profile_files

    return profile_files()


# --- the classifier's facts: from the checked cache, the same as from a full load ---------------------------


def _uncached_then_cached(monkeypatch: pytest.MonkeyPatch, read: Callable[[], T]) -> tuple[T, T]:
    """``read()`` once with the cache off (a full load) and once from a freshly filled cache, each as if in a
    new process."""
    monkeypatch.setenv("OAUTHDOCTOR_NO_CACHE", "1")
    full = read()
    monkeypatch.delenv("OAUTHDOCTOR_NO_CACHE")
    monkeypatch.setattr(loader, "_registries", {})
    all_profiles()  # fills the cache
    monkeypatch.setattr(loader, "_registries", {})
    return full, read()


def test_classifier_facts_from_the_cache_equal_a_full_load(monkeypatch: pytest.MonkeyPatch) -> None:
    from oauthdoctor.classifier.facts import ProviderFacts

    full, cached = _uncached_then_cached(monkeypatch, ProviderFacts)
    assert cached._raw and not full._raw  # the two really took different paths
    assert cached.ids == full.ids and cached.ids[-1] == "generic"
    assert cached.by_name == full.by_name and cached.by_name["entra"] == "microsoft"
    assert cached.hosts == full.hosts
    for pid in full.ids:
        assert cached.signatures(pid) == list(full.errors(pid).signatures), pid
        assert cached.errors(pid) == full.errors(pid), pid
    assert cached.errors("no-such-id") is None and cached.signatures("no-such-id") == []


def test_explain_detects_a_provider_supplied_only_as_an_override() -> None:
    from oauthdoctor.classifier import classify
    from oauthdoctor.classifier.book import RuleBook
    from oauthdoctor.profiles.error_schema import ErrorRule, ErrorRules, Signature

    acme = ErrorRules(signatures=[Signature(fields={"acme_trace": ".*"}, weight=9)],
                      rules=[ErrorRule(error=["nope"], failure_class="invalid_client", cause="acme_secret_rotated",
                                       decision="fix_config")])
    book = RuleBook(overrides={"acme": acme})
    result = classify(400, '{"error": "nope", "acme_trace": "t-1"}', rulebook=book)
    assert (result.provider, result.failure_class, result.cause) == ("acme", "invalid_client", "acme_secret_rotated")


def test_env_key_provider_names_from_the_cache_equal_a_full_load(monkeypatch: pytest.MonkeyPatch) -> None:
    from oauthdoctor.config.keys import known_provider_names

    full, cached = _uncached_then_cached(monkeypatch, known_provider_names)
    assert cached == full
    assert full["ENTRA"] == "microsoft" and "GENERIC" not in full and "RFC6749" not in full


def test_classifier_facts_survive_a_cache_entry_the_schema_no_longer_accepts(user_dir: Path) -> None:
    from oauthdoctor.classifier.facts import ProviderFacts

    path = user_dir / "acme.yaml"
    path.write_text("id: acme\nname: Acme\nerrors:\n  signatures:\n    - {error: [acme_down], weight: 3}\n")
    all_profiles()  # fills the cache with what the current schema accepts
    cache.put(path, {"id": "acme", "name": "Acme", "errors": {"signatures": [{"error": "not-a-list"}]}})
    facts = ProviderFacts()
    assert [s.error for s in facts.signatures("acme")] == [["acme_down"]]
    assert facts.errors("acme") is not None and facts.errors("acme").signatures[0].weight == 3


# --- providers list: the summaries a full load computed, kept in one index -----------------------------------


def test_summaries_from_the_index_equal_a_full_load(monkeypatch: pytest.MonkeyPatch) -> None:
    from oauthdoctor.profiles import sections
    from oauthdoctor.profiles.summary import summarize

    full = [summarize(p) for p in all_profiles()]
    assert sections.all_summaries() == full  # computed, and the index written
    assert cache.get_index("summaries", _files(), sections._SUMMARY_CODE) == full
    monkeypatch.setattr(loader, "_registries", {})  # a new process
    monkeypatch.setattr(loader, "all_profiles", lambda: pytest.fail("a warm index needs no full load"))
    assert sections.all_summaries() == full
    assert full[-1]["id"] == "generic"
    google = next(s for s in full if s["id"] == "google")
    assert google["facts"]["total"] == google["facts"]["confirmed"] + google["facts"]["heuristic"] + google[
        "facts"]["unconfirmed"] > 0


def test_summary_index_goes_stale_when_a_profile_or_the_code_that_computed_it_changes(
        user_dir: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from oauthdoctor.profiles import sections

    path = user_dir / "acme.yaml"
    path.write_text("id: acme\nname: Acme\n")
    assert next(s for s in sections.all_summaries() if s["id"] == "acme")["name"] == "Acme"
    path.write_text("id: acme\nname: Acme Corp\n")
    os.utime(path, ns=(4, 4))
    monkeypatch.setattr(loader, "_registries", {})
    assert next(s for s in sections.all_summaries() if s["id"] == "acme")["name"] == "Acme Corp"
    code = tmp_path / "summary.py"
    code.write_text("# stands in for a module that computes summaries\n")
    monkeypatch.setattr(sections, "_SUMMARY_CODE", (*sections._SUMMARY_CODE, code))
    assert cache.get_index("summaries", _files(), sections._SUMMARY_CODE) is None
    sections.all_summaries()
    assert cache.get_index("summaries", _files(), sections._SUMMARY_CODE) is not None
    code.write_text("# edited\n")
    os.utime(code, ns=(5, 5))
    assert cache.get_index("summaries", _files(), sections._SUMMARY_CODE) is None


def test_summary_code_names_existing_modules() -> None:
    from oauthdoctor.profiles import sections

    assert all(path.is_file() for path in sections._SUMMARY_CODE)


def test_diagnose_picks_the_same_profile_from_the_cache_as_from_a_full_load(monkeypatch: pytest.MonkeyPatch) -> None:
    from oauthdoctor.config.sources import resolve
    from oauthdoctor.diagnose.report import pick_profile

    urls = [f"https://{h.replace('*.', 'tenant.')}/token" for p in all_profiles() for h in p.endpoints.hosts]
    urls += ["https://unknown.example/token", "http://127.0.0.1:8080/token", None]

    def picks() -> list[str | None]:
        chosen = []
        for url in urls:
            profile = pick_profile(resolve({"token_url": url}, environ={}))
            chosen.append(profile.id if profile else None)
        return chosen

    full, cached = _uncached_then_cached(monkeypatch, picks)
    assert loader._registries == {}  # the cached picks built only the chosen profiles, never all of them
    assert cached == full
    assert full[-3:] == ["generic", "generic", "generic"] and "google" in full and "microsoft" in full
