"""`exposure-check selfsearch plan|status|record`: from a file or the vault, clear errors."""

from __future__ import annotations

import io
import json
from pathlib import Path

import pytest

from exposure_check.cli import main
from exposure_check.core.model import DeclaredFacts, Pack, Profile
from exposure_check.core.selfsearch import load_findings, suggest_answers
from exposure_check.storage import keys
from exposure_check.storage.vault import Vault

PASS = "correct horse battery staple"


def run(args: list[str], capsys: pytest.CaptureFixture[str]) -> tuple[int, str, str]:
    code = main(args)
    out, err = capsys.readouterr()
    return code, out, err


@pytest.fixture
def declared(tmp_path: Path, facts: DeclaredFacts) -> Path:
    path = tmp_path / "declared.json"
    path.write_text(json.dumps(facts.to_dict(), ensure_ascii=False), "utf-8")
    return path


def test_plan_json_from_a_file(pack_dir: Path, declared: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, out, err = run(["selfsearch", "plan", "--json", "--declared", str(declared),
                          "--pack", str(pack_dir), "--locale", "zh_CN"], capsys)
    assert code == 0, err
    data = json.loads(out)
    first = data["groups"][0]
    assert first["values"] == {"name": "张伟", "employer": "北方研究所"}
    assert first["queries"][0] == {
        "key": first["queries"][0]["key"], "engine": "baidu", "engine_name": "百度", "kind": "engine",
        "platform": "", "query": '"张伟" "北方研究所"',
        "url": "https://www.baidu.com/s?wd=%22%E5%BC%A0%E4%BC%9F%22%20%22%E5%8C%97%E6%96%B9%E7%A0%94%E7%A9%B6%E6%89%80%22",
        "note": ""}
    assert data["groups"][-1]["facts"] == ["photo"]


def test_plan_text(pack_dir: Path, declared: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(["selfsearch", "plan", "--declared", str(declared), "--pack", str(pack_dir)],
                       capsys)
    assert code == 0
    assert "Exposure Check itself sends nothing" in out
    assert '"Wei Zhang" "Northwind Research Institute"' in out
    assert "https://www.google.com/search?q=%22Wei%20Zhang%22%20%22Northwind%20Research%20Institute%22" in out


def test_plan_with_the_built_in_pack(declared: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, out, err = run(["selfsearch", "plan", "--json", "--declared", str(declared)], capsys)
    assert code == 0, err
    engines = {q["engine"] for g in json.loads(out)["groups"] for q in g["queries"]}
    assert {"google", "baidu", "bing", "duckduckgo", "sogou-wechat", "linkedin", "weibo", "zhihu",
            "maimai-baidu", "github-users", "google-scholar", "cnki-baidu",
            "people-search-google", "google-lens"} <= engines


@pytest.mark.parametrize(("content", "message"), [
    (None, "no such file"),
    ("{not json", ":1: not valid JSON"),
    ('["Wei"]', "expected a JSON object"),
    ('{"names": [1, 2]}', "'names' must be a list of strings"),
    ('{"nmaes": ["Wei"]}', "unknown field(s) nmaes"),
    (b"\xff\xfe{}", "not UTF-8"),
])
def test_bad_declared_file(tmp_path: Path, pack_dir: Path, content: str | bytes | None, message: str,
                           capsys: pytest.CaptureFixture[str]) -> None:
    path = tmp_path / "declared.json"
    if isinstance(content, bytes):
        path.write_bytes(content)
    elif content is not None:
        path.write_text(content, "utf-8")
    code, out, err = run(["selfsearch", "plan", "--declared", str(path), "--pack", str(pack_dir)], capsys)
    assert code == 1
    assert out == ""
    assert str(path) in err and message in err
    assert "Traceback" not in err


def test_no_vault_says_what_to_do(pack_dir: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, _, err = run(["selfsearch", "plan", "--pack", str(pack_dir)], capsys)
    assert code == 4
    assert "--declared" in err


def test_vault_plan_record_status(pack: Pack, pack_dir: Path, facts: DeclaredFacts,
                                  monkeypatch: pytest.MonkeyPatch,
                                  capsys: pytest.CaptureFixture[str]) -> None:
    fast = keys.KdfParams(iterations=1, memory_kib=8 * 1024, lanes=1)
    vault, _ = Vault.create(passphrase=PASS, use_keyring=False, kdf=fast)
    vault.save_profile(Profile({}), facts)
    vault.close()
    monkeypatch.setenv("EXPOSURE_CHECK_PASSPHRASE", PASS)

    monkeypatch.setattr("sys.stdin", io.StringIO(PASS + "\n"))
    code, out, err = run(["selfsearch", "plan", "--json", "--pack", str(pack_dir), "--passphrase-stdin"],
                         capsys)
    assert code == 0, err
    linkedin = next(q for g in json.loads(out)["groups"] for q in g["queries"] if q["engine"] == "linkedin")

    code, out, err = run(["selfsearch", "record", linkedin["key"], "--found", "employer,title",
                          "--note", "old headline", "--pack", str(pack_dir)], capsys)
    assert code == 0, err
    code, _, err = run(["selfsearch", "record", "nope", "--nothing", "--pack", str(pack_dir)], capsys)
    assert code == 1 and "no search with key" in err
    code, _, err = run(["selfsearch", "record", linkedin["key"], "--found", "shoe", "--pack",
                        str(pack_dir)], capsys)
    assert code == 2 and "employer" in err

    code, out, err = run(["selfsearch", "status", "--json", "--pack", str(pack_dir)], capsys)
    assert code == 0, err
    status = {s["key"]: s for s in json.loads(out)["searches"]}
    assert status[linkedin["key"]]["days_ago"] == 0 and status[linkedin["key"]]["due"] is False
    assert status[linkedin["key"]]["kinds"] == ["employer", "title"]
    assert sum(1 for s in status.values() if s["due"]) == len(status) - 1

    vault = Vault.open_locked().unlock_with_passphrase(PASS)
    try:
        ids = [s.item_id for s in suggest_answers(pack, load_findings(vault))]
    finally:
        vault.close()
    assert ids == ["affiliation.linkedin.employer-visible", "position.linkedin.title-detail"]


def test_search_names_and_notes_are_translated(pack_dir: Path, declared: Path,
                                               capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(["selfsearch", "plan", "--json", "--declared", str(declared),
                        "--pack", str(pack_dir), "--locale", "zh_CN"], capsys)
    assert code == 0
    sogou = next(q for q in json.loads(out)["groups"][0]["queries"] if q["engine"] == "sogou-wechat")
    assert sogou["engine_name"] == "搜狗微信文章搜索"
    assert sogou["note"].startswith("查找提到你的微信公众号文章")
    code, out, _ = run(["selfsearch", "plan", "--json", "--declared", str(declared),
                        "--pack", str(pack_dir)], capsys)
    baidu = next(q for q in json.loads(out)["groups"][0]["queries"] if q["engine"] == "baidu")
    assert baidu["engine_name"] == "Baidu"  # English falls back to the source text
