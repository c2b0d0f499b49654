"""The profile reviewer: importers, detectors, findings and redaction (no Qt).

Entry point: `review([ReviewInput.file(path), ReviewInput.pasted(text)], declared, pack=pack)`.
"""

from __future__ import annotations

from .detectors import Detection, Detectors
from .engine import ReviewInput, ReviewResult, review, review_text
from .findings import Finding, Suggestion, redact
from .importers import Cancelled, Issue, Limits, SourceInfo

__all__ = ["Cancelled", "Detection", "Detectors", "Finding", "Issue", "Limits", "ReviewInput",
           "ReviewResult", "SourceInfo", "Suggestion", "redact", "review", "review_text"]
