"""Generators of the large inputs that the hostile-input tests and ``bench/large_inputs.py`` both feed the commands:
a file of one line repeated to a size, and a HAR of page traffic with one failing token exchange in the middle.
Written in streaming chunks, so a 100 MB input never sits in memory."""

from __future__ import annotations

import json
from pathlib import Path


def write_lines(path: Path, line: bytes, size: int) -> Path:
    """``line`` repeated until the file holds at least ``size`` bytes."""
    with open(path, "wb") as handle:
        block = line * max(1, (1 << 20) // len(line))
        written = 0
        while written < size:
            handle.write(block)
            written += len(block)
    return path


def page_har(path: Path, size: int) -> Path:
    """A HAR of page traffic (~20 kB bodies, the headers browsers send) with one failing token exchange in the
    middle, about ``size`` bytes long."""
    entry = {"startedDateTime": "2026-12-05T10:00:00.000Z", "time": 12.5,
             "request": {"method": "GET", "url": "https://app.example.com/static/app.js",
                         "headers": [{"name": "Accept", "value": "*/*"}]},
             "response": {"status": 200, "headers": [{"name": "Date", "value": "Sat, 05 Dec 2026 10:00:00 GMT"}],
                          "content": {"mimeType": "text/javascript", "text": "x" * 20_000}}}
    token = {"startedDateTime": "2026-12-05T10:00:01.000Z", "time": 40,
             "request": {"method": "POST", "url": "https://idp.example.com/oauth/token",
                         "postData": {"mimeType": "application/x-www-form-urlencoded",
                                      "text": "grant_type=refresh_token&refresh_token=rt-1&client_id=app"}},
             "response": {"status": 400, "content": {"mimeType": "application/json",
                                                     "text": '{"error":"invalid_grant"}'}}}
    one, failing = json.dumps(entry).encode(), json.dumps(token).encode()
    count = size // (len(one) + 1)
    with open(path, "wb") as handle:
        handle.write(b'{"log": {"version": "1.2", "creator": {"name": "test", "version": "1"}, "entries": [')
        for i in range(count):
            handle.write((b"," if i else b"") + (failing if i == count // 2 else one))
        handle.write(b"]}}")
    return path
