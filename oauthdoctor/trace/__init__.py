"""``oauthdoctor trace``: the OAuth failures that only show over time, found in recorded traffic.

Inputs are HAR captures and exchange logs (``oauthdoctor.record``); ``run.trace_files`` reads them onto one
timeline, runs the detections (``detections/``) and returns the shared ``model.Report``. Nothing here
sends a request. Import the submodules you need: this package imports nothing itself, so the recorder's
use of ``trace.wire`` stays light.
"""
