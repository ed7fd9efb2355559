"""The detections, in report order: one table, so ``--help``, SARIF rules and docs read the same list."""

from __future__ import annotations

from oauthdoctor.trace.detections import answers, clock, code_flow, refresh
from oauthdoctor.trace.detections.base import Detection

DETECTIONS: tuple[Detection, ...] = (
    Detection(code_flow.CODE_REUSE, code_flow.code_reuse),
    Detection(code_flow.REDIRECT_URI_DRIFT, code_flow.redirect_uri_drift),
    Detection(refresh.REFRESH_RACE, refresh.refresh_race),
    Detection(refresh.STALE_REFRESH_TOKEN, refresh.stale_refresh_token),
    Detection(refresh.LOST_REFRESH_TOKEN, refresh.lost_refresh_token),
    Detection(answers.RETRY_STORM, answers.retry_storm),
    Detection(answers.LATE_REFRESH, answers.late_refresh),
    Detection(answers.ERROR_IN_200, answers.error_in_200),
    Detection(code_flow.STATE_MISMATCH, code_flow.state_mismatch),
    Detection(code_flow.PKCE_MISMATCH, code_flow.pkce_mismatch),
    Detection(clock.CLOCK_SKEW, clock.clock_skew),
    Detection(answers.TOKEN_ERROR, answers.token_error),
)
DETECTION_IDS = tuple(d.meta.id for d in DETECTIONS)
