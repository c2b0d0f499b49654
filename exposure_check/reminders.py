"""Reminders without a server: is a re-check due, and start-at-login entries that ask that.

At login the system runs `exposure-check remind`, which shows a notification only when a re-check
is due. The entry is an XDG autostart file on Linux, a LaunchAgent plist on macOS and a value
under the Run key (HKCU\\Software\\Microsoft\\Windows\\CurrentVersion\\Run) on Windows. The content
for every platform is generated here as text so all three are tested anywhere; writing happens
only for the running platform. No Qt here.
"""

from __future__ import annotations

import contextlib
import os
import plistlib
import subprocess
import sys
import tempfile
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import Any

from . import APP_ID, APP_NAME, paths
from .core import history
from .core.model import Pack, fold_progress

RUN_KEY = r"Software\Microsoft\Windows\CurrentVersion\Run"
LAUNCH_AGENT_LABEL = "org.exposurecheck.remind"
DESKTOP_FILE = f"{APP_ID}-remind.desktop"


def vault_recheck_days(vault: Any, pack: Pack | None = None, policy: Any = None) -> int:
    """The re-check interval for this vault, with the precedence every setting has (see
    `policy.effective_setting`): a locked policy or org pack, else the vault's own `recheck_days`
    setting, else the policy's and the org pack's defaults, else 90 days."""
    from .policy import effective_setting, load_policy

    setting = effective_setting("recheck_days", {"recheck_days": vault.get_setting("recheck_days")},
                                load_policy() if policy is None else policy, pack)
    value = setting.value
    assert isinstance(value, int)  # effective_setting checked it
    return value


def vault_status(vault: Any, now: datetime, recheck_days: int,
                 pack: Pack | None = None) -> history.RecheckStatus:
    """Whether a re-check is due, from the vault's audits and plan progress (public API only)."""
    dates = [a.created for a in vault.list_audits(skip_damaged=True)]
    progress = fold_progress(vault.progress_events(skip_damaged=True))
    return history.recheck_status(dates, now, recheck_days, progress, pack)


# --- the command that runs at login -----------------------------------------------------------------

def remind_command(data_dir: Path | None = None) -> list[str]:
    """argv for `exposure-check remind`, for a frozen bundle or a Python install."""
    if getattr(sys, "frozen", False):
        argv = [sys.executable, "remind"]
    else:
        argv = [sys.executable, "-m", "exposure_check", "remind"]
    if data_dir is not None:
        argv += ["--data-dir", str(data_dir)]
    return argv


def _desktop_exec_arg(arg: str) -> str:
    """Quote one argument for a desktop entry's Exec key (Desktop Entry Spec, "The Exec key")."""
    arg = arg.replace("%", "%%")
    if arg and not any(c in arg for c in ' \t\n"\'\\><~|&;$*?#()`'):
        return arg
    inner = "".join("\\" + c if c in '"`$\\' else c for c in arg)
    return f'"{inner}"'


def _desktop_string(value: str) -> str:
    """The desktop entry `string` escaping applied on top of Exec's own quoting."""
    return (value.replace("\\", "\\\\").replace("\n", "\\n").replace("\t", "\\t")
            .replace("\r", "\\r"))


def xdg_desktop_entry(command: Sequence[str], name: str = APP_NAME,
                      comment: str = "Reminds you when a re-check is due") -> str:
    exec_line = " ".join(_desktop_exec_arg(a) for a in command)
    return "\n".join([
        "[Desktop Entry]",
        "Type=Application",
        "Version=1.0",
        f"Name={_desktop_string(name)}",
        f"Comment={_desktop_string(comment)}",
        f"Exec={_desktop_string(exec_line)}",
        f"Icon={APP_ID}",
        "Terminal=false",
        "NoDisplay=true",
        "X-GNOME-Autostart-enabled=true",
        "",
    ])


def launch_agent_plist(command: Sequence[str]) -> bytes:
    data: dict[str, Any] = {
        "Label": LAUNCH_AGENT_LABEL,
        "ProgramArguments": list(command),
        "RunAtLoad": True,
        "ProcessType": "Background",
    }
    return plistlib.dumps(data, fmt=plistlib.FMT_XML, sort_keys=True)


def windows_run_value(command: Sequence[str]) -> str:
    """The Run-key value: one command line with Windows (MSVCRT) quoting."""
    return subprocess.list2cmdline(list(command))


@dataclass(frozen=True)
class AutostartEntry:
    platform: str  # "linux", "darwin" or "win32"
    location: str  # a file path, or the registry key and value name
    content: bytes


def autostart_entry(platform: str | None = None,
                    command: Sequence[str] | None = None) -> AutostartEntry:
    platform = _platform(platform)
    command = list(command) if command is not None else remind_command()
    if platform == "darwin":
        return AutostartEntry(platform, str(paths.autostart_dir(platform) /
                                            f"{LAUNCH_AGENT_LABEL}.plist"),
                              launch_agent_plist(command))
    if platform == "win32":
        return AutostartEntry(platform, f"HKEY_CURRENT_USER\\{RUN_KEY}\\{APP_NAME}",
                              windows_run_value(command).encode("utf-8"))
    return AutostartEntry(platform, str(paths.autostart_dir(platform) / DESKTOP_FILE),
                          xdg_desktop_entry(command).encode("utf-8"))


def _platform(platform: str | None) -> str:
    platform = platform or sys.platform
    if platform.startswith("linux") or platform.startswith("freebsd"):
        return "linux"
    if platform not in ("darwin", "win32"):
        return "linux"  # other Unix desktops follow XDG too
    return platform


def _write_atomic(path: Path, content: bytes) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.")
    try:
        with os.fdopen(fd, "wb") as fh:
            fh.write(content)
            fh.flush()
            os.fsync(fh.fileno())
        os.chmod(tmp, 0o644)
        os.replace(tmp, path)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(tmp)
        raise


def _winreg() -> Any:  # pragma: no cover - Windows only
    import importlib

    return importlib.import_module("winreg")


def enable_autostart(command: Sequence[str] | None = None) -> AutostartEntry:
    """Start `exposure-check remind` at login on this platform."""
    entry = autostart_entry(None, command)
    if entry.platform == "win32":  # pragma: no cover - Windows only
        winreg = _winreg()
        with winreg.CreateKey(winreg.HKEY_CURRENT_USER, RUN_KEY) as key:
            winreg.SetValueEx(key, APP_NAME, 0, winreg.REG_SZ, entry.content.decode("utf-8"))
    else:
        _write_atomic(Path(entry.location), entry.content)
    return entry


def disable_autostart() -> None:
    entry = autostart_entry()
    if entry.platform == "win32":  # pragma: no cover - Windows only
        winreg = _winreg()
        with contextlib.suppress(FileNotFoundError), \
                winreg.OpenKey(winreg.HKEY_CURRENT_USER, RUN_KEY, 0, winreg.KEY_SET_VALUE) as key:
            winreg.DeleteValue(key, APP_NAME)
        return
    with contextlib.suppress(FileNotFoundError):
        Path(entry.location).unlink()


def autostart_enabled() -> bool:
    entry = autostart_entry()
    if entry.platform == "win32":  # pragma: no cover - Windows only
        winreg = _winreg()
        try:
            with winreg.OpenKey(winreg.HKEY_CURRENT_USER, RUN_KEY) as key:
                winreg.QueryValueEx(key, APP_NAME)
            return True
        except FileNotFoundError:
            return False
    return Path(entry.location).exists()


def notification_text(status: history.RecheckStatus, now: datetime) -> str:
    """A one-line, English explanation (the CLI's; the UI words its own through tr())."""
    if status.last_audit is None:
        return "You have not completed an audit yet."
    parts = []
    overdue = status.days_overdue(now)
    if status.due_at is not None and now >= status.due_at:
        parts.append(f"Your last audit was on {status.last_audit.date().isoformat()}; a re-check "
                     f"was due {overdue} day{'s' if overdue != 1 else ''} ago."
                     if overdue else
                     f"Your last audit was on {status.last_audit.date().isoformat()}; a re-check "
                     f"is due today.")
    if status.stale:
        n = len(status.stale)
        parts.append(f"{n} item{'s' if n != 1 else ''} marked done need{'s' if n == 1 else ''} "
                     f"re-checking.")
    if not parts and status.due_at is not None:
        parts.append(f"The next re-check is due on {status.due_at.date().isoformat()}.")
    return " ".join(parts)
