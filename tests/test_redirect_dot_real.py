"""The django-oauth-toolkit profile's redirect rule against the installed DOT release's own matcher.

DOT's ``check_redirect_to_uri_allowed`` (the function its authorization endpoint calls) runs in a subprocess with
minimal Django settings, on the same (registered, sent) pairs ``compare(provider="django-oauth-toolkit")`` judges;
the two must agree on every pair. This caught the profile still modelling DOT 3.4.0 (a registered query was a
subset of the sent one, userinfo ignored) while 3.4.1, the release the tests install, matches the query exactly
and refuses userinfo and fragments.
"""

from __future__ import annotations

import json
import subprocess
import sys

import pytest

from oauthdoctor.redirect import compare

# (registered, sent): DOT's urlsplit-based comparison, component by component
PAIRS = [
    ("https://a.example/cb", "https://a.example/cb"),
    ("https://a.example/cb?a=1", "https://a.example/cb?a=1"),
    ("https://a.example/cb?a=1", "https://a.example/cb?b=2&a=1"),  # 3.4.0: accepted (subset)
    ("https://a.example/cb?a=1", "https://a.example/cb?a=1&b=2"),
    ("https://a.example/cb", "https://a.example/cb?"),  # an empty query is a query component
    ("https://a.example/cb", "https://a.example/cb?x=1"),
    ("https://a.example/cb", "https://user@a.example/cb"),  # 3.4.0: accepted (userinfo ignored)
    ("https://a.example/cb", "https://a.example/cb#top"),
    ("https://a.example/cb", "HTTPS://A.EXAMPLE/cb"),
    ("https://a.example/cb", "https://a.example/CB"),
    ("https://a.example/cb", "https://a.example:443/cb"),
    ("https://a.example/cb", "https://a.example/cb/"),
    ("https://a.example/cb", "https://b.example/cb"),
    ("https://a.example/cb", "http://a.example/cb"),
    ("https://a.example/cb", "https://a.example/cb;x=1"),
    ("http://127.0.0.1:8000/cb", "http://127.0.0.1:9000/cb"),
    ("http://127.0.0.1/cb", "http://127.0.0.1:51234/cb"),
    ("http://[::1]/cb", "http://[::1]:51234/cb"),
    ("http://localhost:8000/cb", "http://localhost:9000/cb"),
    ("https://127.0.0.1:8000/cb", "https://127.0.0.1:9000/cb"),
    ("com.example.app:/cb", "com.example.app:/cb"),
    ("com.example.app:/cb", "com.example.app:/other"),
]

_DOT = """
import json, sys
from django.conf import settings
settings.configure(INSTALLED_APPS=["django.contrib.auth", "django.contrib.contenttypes", "oauth2_provider"],
                   DATABASES={}, USE_TZ=True, SECRET_KEY="test-only")
import django
django.setup()
from oauth2_provider.models import redirect_to_uri_allowed
pairs = json.loads(sys.stdin.read())
print(json.dumps([redirect_to_uri_allowed(sent, [registered]) for registered, sent in pairs]))
"""


@pytest.fixture(scope="module")
def dot_answers() -> list[bool]:
    done = subprocess.run([sys.executable, "-c", _DOT], input=json.dumps(PAIRS), capture_output=True, text=True,
                          timeout=120, check=True)
    answers: list[bool] = json.loads(done.stdout)
    return answers


def test_dot_release_is_the_one_the_profile_models() -> None:
    from importlib.metadata import version

    assert tuple(int(p) for p in version("django-oauth-toolkit").split(".")[:3]) >= (3, 4, 1)


@pytest.mark.parametrize("index", range(len(PAIRS)), ids=[f"{r} <- {s}" for r, s in PAIRS])
def test_profile_agrees_with_dot_itself(dot_answers: list[bool], index: int) -> None:
    registered, sent = PAIRS[index]
    assert compare([registered], sent, provider="django-oauth-toolkit").accepted is dot_answers[index]
