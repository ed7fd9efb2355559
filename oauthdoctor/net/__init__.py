"""Network layer for the live probes: HTTP, NTP and clock reading, with typed failures.

Only network code paths import these modules; ``httpx`` and ``ntplib`` are imported inside them so that the
offline commands start fast.
"""
