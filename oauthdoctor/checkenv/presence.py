"""File rules about whether the file configures OAuth at all."""

from __future__ import annotations

from oauthdoctor.checkenv.context import EnvFileCheck
from oauthdoctor.checkenv.registry import finding, rule
from oauthdoctor.model import Finding, Location, Severity


@rule("no-oauth-config", "No OAuth configuration recognised",
      "Does the file contain OAUTH_* keys, framework names (AUTH_GITHUB_ID, GOOGLE_CLIENT_ID), a tool's names "
      "(OAUTH2_PROXY_CLIENT_ID, GF_AUTH_GITHUB_CLIENT_ID, ...) or the --prefix keys?", Severity.INFO, scope="file")
def no_oauth_config(check: EnvFileCheck) -> list[Finding]:
    if check.has_config:
        return []
    return [finding("no-oauth-config", Location(check.path, 1, 1), "no OAuth keys recognised in this file",
                    fix="Use OAUTH_* names or a tool's names (see 'oauthdoctor check-env --list-dialects'), pass "
                        "--prefix (e.g. --prefix GOOGLE_), or --provider.")]
