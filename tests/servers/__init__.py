"""Real servers on 127.0.0.1 for oauthdoctor's tests; tests/conftest.py exposes them as fixtures."""
