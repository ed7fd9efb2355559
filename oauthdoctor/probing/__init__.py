"""What probes are made of, apart from the probes themselves.

- ``contract``: the ``Probe`` protocol every probe module implements, the ``ProbeContext`` it reads, and the
  finding constructors (a probe's status decides a finding's severity the same way everywhere);
- ``target``: where the token endpoint is and whether credentials may go there (the credential guard);
- ``trials``: deliberately invalid token requests and how to read their answers;
- ``discovery_doc``: fetching the discovery document once per run for every probe that needs it.
"""
