"""The .ics export (parsed back per RFC 5545) and the start-at-login entries for all platforms."""

from __future__ import annotations

import configparser
import plistlib
from datetime import UTC, date, datetime

import pytest

from exposure_check import paths, reminders
from exposure_check.core import ics

STAMP = datetime(2026, 5, 20, 8, 30, tzinfo=UTC)


def parse_ics(text: str) -> list[tuple[str, dict[str, str], str]]:
    """A strict little RFC 5545 reader: CRLF only, unfold, split name;params:value, unescape."""
    assert "\n" not in text.replace("\r\n", ""), "bare LF"
    assert text.endswith("\r\n")
    physical = text.split("\r\n")[:-1]
    for line in physical:
        assert len(line.encode("utf-8")) <= 75, line
    logical: list[str] = []
    for line in physical:
        if line.startswith((" ", "\t")):
            logical[-1] += line[1:]
        else:
            logical.append(line)
    out = []
    for line in logical:
        head, _, value = line.partition(":")
        name, *params = head.split(";")
        unescaped = []
        it = iter(value)
        for ch in it:
            if ch == "\\":
                nxt = next(it)
                unescaped.append("\n" if nxt in "nN" else nxt)
            else:
                unescaped.append(ch)
        out.append((name, dict(p.split("=", 1) for p in params), "".join(unescaped)))
    return out


@pytest.mark.parametrize("locale", ["en", "zh_CN"])
def test_ics_parses_back(locale) -> None:
    ev = ics.recheck_event(date(2026, 7, 30), 90, stamp=STAMP, uid="abc@exposure-check.invalid")
    text = ics.to_ics(ev, locale)
    props = parse_ics(text)
    names = [n for n, _, _ in props]
    assert names[0] == "BEGIN" and props[0][2] == "VCALENDAR" and names[-1] == "END"
    assert [v for n, _, v in props if n in ("BEGIN", "END")] == [
        "VCALENDAR", "VEVENT", "VALARM", "VALARM", "VEVENT", "VCALENDAR"]
    get = {n: (p, v) for n, p, v in props}
    assert get["VERSION"][1] == "2.0" and get["PRODID"][1].startswith("-//Exposure Check//")
    assert get["DTSTART"] == ({"VALUE": "DATE"}, "20260730")
    assert get["DTEND"] == ({"VALUE": "DATE"}, "20260731")
    assert get["RRULE"][1] == "FREQ=DAILY;INTERVAL=90"
    assert get["DTSTAMP"][1] == "20260520T083000Z"
    assert get["UID"][1] == "abc@exposure-check.invalid"
    summary = get["SUMMARY"][1]
    assert summary == ("Exposure Check: time to re-check" if locale == "en" else "暴露自查：该复查了")
    # The long description was folded on writing and unfolds to the original text.
    description = next(v for n, _, v in props if n == "DESCRIPTION")
    assert description == ics._TEXTS[locale][1]
    assert len(("DESCRIPTION:" + ics.escape_text(description)).encode()) > 75
    assert "\r\n " in text


def test_ics_text_escaping_and_folding() -> None:
    assert ics.escape_text('a,b;c\\d\ne') == "a\\,b\\;c\\\\d\\ne"
    long = "X" * 70 + "码" * 20  # multibyte characters are never split across a fold
    folded = ics.fold("DESCRIPTION:" + long)
    for part in folded.split("\r\n"):
        assert len(part.encode("utf-8")) <= 75
        part.encode("utf-8").decode("utf-8")
    assert folded.replace("\r\n ", "") == "DESCRIPTION:" + long
    with pytest.raises(ValueError):
        ics.recheck_event(date(2026, 1, 1), 0, stamp=STAMP)


COMMAND = ["/opt/Exposure Check/exposure-check", "remind", "--data-dir", "/home/a b/100% \"data\"$x"]


def test_xdg_autostart_entry() -> None:
    text = reminders.xdg_desktop_entry(COMMAND)
    cp = configparser.RawConfigParser(interpolation=None, strict=True)
    cp.optionxform = str  # type: ignore[assignment,method-assign]
    cp.read_string(text)
    entry = cp["Desktop Entry"]
    assert entry["Type"] == "Application" and entry["Terminal"] == "false"
    # Undo the desktop-entry string escaping, then %% and the Exec quoting: the argv comes back.
    exec_value = entry["Exec"].replace("\\\\", "\\")
    assert "%%" in exec_value
    assert split_exec(exec_value) == COMMAND


def split_exec(value: str) -> list[str]:
    """The Desktop Entry Spec's Exec rules: space-separated, double quotes, \\ escapes in quotes
    for " ` $ and \\, and %% for a literal %."""
    args: list[str] = []
    cur: list[str] | None = None
    quoted = False
    it = iter(value)
    for ch in it:
        if quoted:
            if ch == "\\":
                nxt = next(it)
                assert nxt in '"`$\\', nxt
                cur.append(nxt)  # type: ignore[union-attr]
            elif ch == '"':
                quoted = False
            else:
                cur.append(ch)  # type: ignore[union-attr]
        elif ch == " ":
            if cur is not None:
                args.append("".join(cur))
            cur = None
        elif ch == '"':
            quoted, cur = True, cur if cur is not None else []
        else:
            assert ch not in '\\`$"', f"unquoted reserved character {ch!r}"
            cur = (cur or []) + [ch]
    if cur is not None:
        args.append("".join(cur))
    return [a.replace("%%", "%") for a in args]


def test_launch_agent_plist() -> None:
    data = plistlib.loads(reminders.launch_agent_plist(COMMAND))
    assert data == {"Label": reminders.LAUNCH_AGENT_LABEL, "ProgramArguments": COMMAND,
                    "RunAtLoad": True, "ProcessType": "Background"}


def test_windows_run_value() -> None:
    value = reminders.windows_run_value([r"C:\Program Files\Exposure Check\exposure-check.exe",
                                         "remind"])
    assert value == r'"C:\Program Files\Exposure Check\exposure-check.exe" remind'
    entry = reminders.autostart_entry("win32", ["x.exe", "remind"])
    assert entry.location.startswith("HKEY_CURRENT_USER\\Software\\Microsoft\\Windows\\"
                                     "CurrentVersion\\Run\\")


def test_autostart_locations(monkeypatch, tmp_path) -> None:
    monkeypatch.delenv("EXPOSURE_CHECK_AUTOSTART_DIR", raising=False)
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path / "xdg"))
    assert paths.autostart_dir("linux") == tmp_path / "xdg" / "autostart"
    assert reminders.autostart_entry("darwin", COMMAND).location.endswith(
        "Library/LaunchAgents/org.exposurecheck.remind.plist")


@pytest.mark.skipif(not __import__("sys").platform.startswith("linux"), reason="writes XDG files")
def test_enable_and_disable_autostart_on_linux(monkeypatch, tmp_path) -> None:
    monkeypatch.setenv("EXPOSURE_CHECK_AUTOSTART_DIR", str(tmp_path / "autostart"))
    assert not reminders.autostart_enabled()
    entry = reminders.enable_autostart(["/usr/bin/exposure-check", "remind"])
    written = tmp_path / "autostart" / reminders.DESKTOP_FILE
    assert entry.location == str(written) and written.read_bytes() == entry.content
    assert "Exec=/usr/bin/exposure-check remind" in written.read_text()
    assert reminders.autostart_enabled()
    reminders.disable_autostart()
    assert not written.exists() and not reminders.autostart_enabled()
    reminders.disable_autostart()  # twice is fine


def test_remind_command_runs_the_module() -> None:
    argv = reminders.remind_command(paths.data_dir())
    assert argv[1:4] == ["-m", "exposure_check", "remind"] and argv[-2] == "--data-dir"


class FakeVault:
    def __init__(self, days: object = None) -> None:
        self.days = days

    def get_setting(self, key: str, default: object = None) -> object:
        return self.days if key == "recheck_days" else default


def test_vault_recheck_days_precedence() -> None:
    from types import SimpleNamespace

    from exposure_check.policy import Policy

    none = Policy()
    org = SimpleNamespace(org_settings={"recheck_days": 60}, locked_settings=())
    org_locked = SimpleNamespace(org_settings={"recheck_days": 60}, locked_settings=("recheck_days",))
    days = reminders.vault_recheck_days
    assert days(FakeVault(), None, none) == 90
    assert days(FakeVault(30), None, none) == 30
    assert days(FakeVault(), org, none) == 60  # type: ignore[arg-type]
    assert days(FakeVault(30), org, none) == 30  # type: ignore[arg-type]
    assert days(FakeVault(30), org_locked, none) == 60  # type: ignore[arg-type]
    assert days(FakeVault("30"), None, none) == 90  # junk is ignored
    assert days(FakeVault(0), None, none) == 90
    assert days(FakeVault(30), None, Policy(defaults={"recheck_days": 45})) == 30
    assert days(FakeVault(), None, Policy(defaults={"recheck_days": 45})) == 45
    assert days(FakeVault(30), org_locked, Policy(locked={"recheck_days": 14})) == 14  # type: ignore[arg-type]
