"""``oauthdoctor trace``: the OAuth failures that only show over time, found in recorded traffic.

Inputs are HAR captures and exchange logs (``oauthdoctor.record``); ``run.trace_files`` reads them onto one
timeline, runs the detections (``detections/``) and returns the shared ``model.Report``. Nothing here
sends a request. What counts as a secret on the wire comes from ``record.wire``, the table the recorder
writes with, so a HAR and a recorded log name the same value alike.
"""
