"""An iCalendar (RFC 5545) file with one recurring all-day "re-check" event, for calendar users.

Written by hand: CRLF line ends, TEXT values escaped (backslash, semicolon, comma, newline) and
content lines folded at 75 octets without splitting a UTF-8 character. No personal data goes in:
only the dates, the interval and a fixed summary.
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta

from .. import __version__

_TEXTS = {
    "en": ("Exposure Check: time to re-check",
           "Re-check what you reveal online about your work. Open Exposure Check and start a "
           "re-check; your last answers are filled in for you to confirm."),
    "zh_CN": ("暴露自查：该复查了",
              "复查你在网上透露的工作信息。打开“暴露自查”并开始复查；上次的回答会预先填好，请逐条确认。"),
}


def escape_text(value: str) -> str:
    """RFC 5545 §3.3.11 TEXT escaping."""
    return (value.replace("\\", "\\\\").replace(";", "\\;").replace(",", "\\,")
            .replace("\r\n", "\\n").replace("\n", "\\n").replace("\r", "\\n"))


def fold(line: str) -> str:
    """RFC 5545 §3.1: lines longer than 75 octets continue on lines that start with a space."""
    out: list[str] = []
    current = ""
    size = 0
    limit = 75
    for ch in line:
        n = len(ch.encode("utf-8"))
        if size + n > limit:
            out.append(current)
            current, size, limit = " ", 1, 75
        current += ch
        size += n
    out.append(current)
    return "\r\n".join(out)


@dataclass(frozen=True)
class RecheckEvent:
    first: date  # the first due date
    interval_days: int
    uid: str
    stamp: datetime  # DTSTAMP, UTC


def recheck_event(first: date, interval_days: int, *, stamp: datetime,
                  uid: str | None = None) -> RecheckEvent:
    if interval_days < 1:
        raise ValueError("the re-check interval must be at least one day")
    return RecheckEvent(first, interval_days, uid or f"{uuid.uuid4()}@exposure-check.invalid", stamp)


def _utc(d: datetime) -> str:
    d = d.astimezone(UTC) if d.tzinfo is not None else d  # naive times are taken as UTC
    return d.strftime("%Y%m%dT%H%M%SZ")


def to_ics(event: RecheckEvent, locale: str = "en") -> str:
    summary, description = _TEXTS.get(locale, _TEXTS["en"])
    end = event.first + timedelta(days=1)
    lines = [
        "BEGIN:VCALENDAR",
        "VERSION:2.0",
        f"PRODID:-//Exposure Check//Exposure Check {__version__}//EN",
        "CALSCALE:GREGORIAN",
        "METHOD:PUBLISH",
        "BEGIN:VEVENT",
        f"UID:{event.uid}",
        f"DTSTAMP:{_utc(event.stamp)}",
        f"DTSTART;VALUE=DATE:{event.first.strftime('%Y%m%d')}",
        f"DTEND;VALUE=DATE:{end.strftime('%Y%m%d')}",
        f"RRULE:FREQ=DAILY;INTERVAL={event.interval_days}",
        f"SUMMARY:{escape_text(summary)}",
        f"DESCRIPTION:{escape_text(description)}",
        "TRANSP:TRANSPARENT",
        "BEGIN:VALARM",
        "ACTION:DISPLAY",
        f"DESCRIPTION:{escape_text(summary)}",
        "TRIGGER:PT9H",
        "END:VALARM",
        "END:VEVENT",
        "END:VCALENDAR",
    ]
    return "".join(fold(line) + "\r\n" for line in lines)
