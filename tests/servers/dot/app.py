"""A one-file Django project serving Django OAuth Toolkit on 127.0.0.1, for tests (run as a subprocess).

Usage: ``python app.py MODE`` with MODE one of

- ``plain``: only DOT's base URL patterns under ``/o/`` — a plain OAuth 2.0 server with no discovery or
  metadata document at any well-known path;
- ``metadata``: the same plus DOT's RFC 8414 metadata view mounted at the site root
  (``/.well-known/oauth-authorization-server`` and its path-component form), OIDC off;
- ``oidc``: ``OIDC_ENABLED`` with an RSA key and DOT's full URL patterns under ``/o/`` (discovery at
  ``/o/.well-known/openid-configuration``, issuer ``…/o``).

Defaults are DOT's own: client secrets are stored hashed, PKCE is required, refresh tokens rotate. The only
change is a PBKDF2 hasher with fewer iterations (same ``pbkdf2_sha256$…`` format), so a client
authentication takes milliseconds instead of ~0.3 s. Applications come from ``clients.json``. The server
prints one ``CLIENTS <json>`` line (each client's id, secret and the hashed value an admin page would show),
then ``READY <port>``, and serves until it is terminated.
"""

from __future__ import annotations

import json
import sys
import tempfile
from pathlib import Path

HERE = Path(__file__).resolve().parent
MODES = ("plain", "metadata", "oidc")


def _rsa_key() -> str:
    from cryptography.hazmat.primitives import serialization
    from cryptography.hazmat.primitives.asymmetric import rsa

    key = rsa.generate_private_key(public_exponent=65537, key_size=2048)
    return key.private_bytes(
        serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8, serialization.NoEncryption()
    ).decode()


def configure(mode: str, db_path: str) -> None:
    """Django settings for one mode (settings are per process, hence one process per mode)."""
    from django.conf import settings

    provider: dict[str, object] = {"PKCE_REQUIRED": True, "SCOPES": {"read": "Read", "write": "Write"}}
    if mode == "oidc":
        provider.update(OIDC_ENABLED=True, OIDC_RSA_PRIVATE_KEY=_rsa_key(),
                        SCOPES={"openid": "OpenID Connect", "read": "Read", "write": "Write"})
    settings.configure(
        DEBUG=False,
        SECRET_KEY="oauthdoctor-tests-only-not-a-secret",
        ALLOWED_HOSTS=["127.0.0.1", "localhost"],
        ROOT_URLCONF=f"urls_{mode}",
        INSTALLED_APPS=[
            "django.contrib.admin", "django.contrib.auth", "django.contrib.contenttypes",
            "django.contrib.sessions", "django.contrib.messages", "oauth2_provider",
        ],
        MIDDLEWARE=[
            "django.contrib.sessions.middleware.SessionMiddleware",
            "django.middleware.common.CommonMiddleware",
            "django.middleware.csrf.CsrfViewMiddleware",
            "django.contrib.auth.middleware.AuthenticationMiddleware",
            "django.contrib.messages.middleware.MessageMiddleware",
        ],
        TEMPLATES=[{
            "BACKEND": "django.template.backends.django.DjangoTemplates",
            "APP_DIRS": True,
            "OPTIONS": {"context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
            ]},
        }],
        DATABASES={"default": {"ENGINE": "django.db.backends.sqlite3", "NAME": db_path}},
        PASSWORD_HASHERS=["hashers.QuickPBKDF2PasswordHasher"],
        DEFAULT_AUTO_FIELD="django.db.models.AutoField",
        USE_TZ=True,
        LOGIN_URL="/admin/login/",
        OAUTH2_PROVIDER=provider,
    )


def create_applications() -> dict[str, dict[str, object]]:
    """The applications of clients.json; returns what a test needs to know about each."""
    from django.contrib.auth import get_user_model
    from oauth2_provider.models import get_application_model

    spec = json.loads((HERE / "clients.json").read_text(encoding="utf-8"))
    user_model = get_user_model()
    owner = user_model.objects.create_superuser("admin", "admin@example.com", "admin-password")
    application = get_application_model()
    out: dict[str, dict[str, object]] = {}
    for name, client in spec["clients"].items():
        public = client["client_type"] == "public"
        redirect = spec["native_redirect_uri"] if public else spec["redirect_uri"]
        fields: dict[str, object] = {
            "name": name, "user": owner, "client_id": client["client_id"], "client_type": client["client_type"],
            "authorization_grant_type": client["grant"],
            "redirect_uris": redirect if client["grant"] == "authorization-code" else "",
        }
        if client["client_secret"]:
            fields["client_secret"] = client["client_secret"]
        app = application.objects.create(**fields)
        out[name] = {
            "client_id": app.client_id,
            "client_secret": client["client_secret"],
            "stored_secret": app.client_secret,  # what the admin page shows: the hash
            "client_type": client["client_type"],
            "grant": client["grant"],
            "redirect_uri": fields["redirect_uris"] or None,
        }
    return out


def serve(mode: str) -> None:
    import django
    from django.core.management import call_command
    from django.core.wsgi import get_wsgi_application
    from werkzeug.serving import make_server

    with tempfile.TemporaryDirectory(prefix=f"dot-{mode}-") as tmp:
        sys.path.insert(0, str(HERE))
        configure(mode, str(Path(tmp) / "db.sqlite3"))
        django.setup()
        call_command("migrate", verbosity=0, interactive=False)
        clients = create_applications()
        server = make_server("127.0.0.1", 0, get_wsgi_application(), threaded=True)
        print("CLIENTS " + json.dumps(clients), flush=True)
        print(f"READY {server.server_port}", flush=True)
        try:
            server.serve_forever()
        except KeyboardInterrupt:  # pragma: no cover - terminate() is the normal end
            pass


if __name__ == "__main__":
    if len(sys.argv) != 2 or sys.argv[1] not in MODES:
        sys.exit(f"usage: python app.py {{{'|'.join(MODES)}}}")
    serve(sys.argv[1])
