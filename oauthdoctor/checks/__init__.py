"""Pure checks shared by ``diagnose`` (the ``config``, ``redirect_uri`` and ``token_policy`` probes) and
``check-env`` (its rules): one function per check, so the two commands give the same answer for the same value.

- ``values``: stray characters in a value (whitespace, line breaks, quotes, invisible characters), placeholders;
- ``credentials``: the client id's shape for the provider, the client secret's expiry;
- ``endpoints``: whether an endpoint host belongs to the provider;
- ``redirects``: a redirect URI's shape, and how many callback URLs one client may register.

Each returns data (problems with positions), never findings: the caller words them for its own report.
"""
