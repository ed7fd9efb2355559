"""Django OAuth Toolkit as a test server: start ``dot/app.py MODE`` in its own process and wait for it.

One process per mode because Django's settings are per process: ``plain`` (no metadata at any well-known
path), ``metadata`` (RFC 8414 at the site root, OIDC off) and ``oidc`` (OIDC discovery under ``/o/``). Client
secrets are stored hashed, PKCE is required, refresh tokens rotate: DOT's own defaults.
"""

from __future__ import annotations

import json
import subprocess
import sys
import tempfile
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

DOT_DIR = Path(__file__).parent / "dot"
STARTUP_TIMEOUT = 60.0


@dataclass(frozen=True)
class DotClient:
    """One DOT application; ``stored_secret`` is the hash DOT keeps (what its admin page shows)."""

    name: str
    client_id: str
    client_secret: str | None
    stored_secret: str
    client_type: str
    grant: str
    redirect_uri: str | None


@dataclass(frozen=True)
class DotServer:
    """A running DOT site: its base URL, mode and applications."""

    base: str
    mode: str
    clients: dict[str, DotClient]

    @property
    def token_url(self) -> str:
        return f"{self.base}/o/token/"

    @property
    def authorize_url(self) -> str:
        return f"{self.base}/o/authorize/"

    @property
    def issuer(self) -> str:
        """DOT's own issuer: the mount point (``…/o``), as its metadata documents say."""
        return f"{self.base}/o"


def require_django_oauth_toolkit() -> None:
    """Fail (not skip) without the test extras: CI installs them, so a skip would hide a broken install."""
    try:
        import django  # noqa: F401
        import oauth2_provider  # noqa: F401
    except ImportError as exc:
        raise RuntimeError(
            f"django-oauth-toolkit is not installed ({exc}): pip install -e '.[test]'"
        ) from None


@contextmanager
def start_dot_server(mode: str) -> Iterator[DotServer]:
    """Run ``python dot/app.py MODE``; read its CLIENTS and READY lines; terminate it afterwards."""
    require_django_oauth_toolkit()
    log = tempfile.NamedTemporaryFile(prefix=f"dot-{mode}-", suffix=".log", delete=False)  # noqa: SIM115
    process = subprocess.Popen(
        [sys.executable, str(DOT_DIR / "app.py"), mode], cwd=DOT_DIR, stdout=subprocess.PIPE, stderr=log, text=True
    )
    try:
        clients, port = _wait_ready(process, log.name)
        yield DotServer(base=f"http://127.0.0.1:{port}", mode=mode, clients=clients)
    finally:
        process.terminate()
        try:
            process.wait(timeout=5)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()
        log.close()


def _wait_ready(process: subprocess.Popen[str], log_path: str) -> tuple[dict[str, DotClient], int]:
    found: dict[str, object] = {}

    def read() -> None:
        assert process.stdout is not None
        for line in process.stdout:
            if line.startswith("CLIENTS "):
                found["clients"] = json.loads(line[len("CLIENTS "):])
            elif line.startswith("READY "):
                found["port"] = int(line.split()[1])
                return

    reader = threading.Thread(target=read, daemon=True)
    reader.start()
    reader.join(STARTUP_TIMEOUT)
    if "port" not in found or "clients" not in found:
        process.kill()
        log = Path(log_path).read_text(encoding="utf-8", errors="replace")[-2000:]
        raise RuntimeError(f"the DOT test server did not start within {STARTUP_TIMEOUT:g} s:\n{log}")
    raw = found["clients"]
    assert isinstance(raw, dict)
    clients = {name: DotClient(name=name, **spec) for name, spec in raw.items()}
    return clients, int(found["port"])  # type: ignore[call-overload]
