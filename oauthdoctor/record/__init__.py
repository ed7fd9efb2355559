"""``oauthdoctor.record``: append your app's token-endpoint exchanges to an exchange log that is safe to share.

``ExchangeRecorder`` (in ``recorder``) hooks httpx or requests; ``wire`` says what on the OAuth wire is a secret
and how it becomes a fingerprint — the one table the recorder writes with and ``trace`` reads HARs with.
"""

from __future__ import annotations

from oauthdoctor.record.recorder import ExchangeRecorder

__all__ = ["ExchangeRecorder"]
