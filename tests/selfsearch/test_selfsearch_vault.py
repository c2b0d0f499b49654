"""Findings in the real vault: recorded, still there after a restart, suggesting, due later."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from pathlib import Path

from exposure_check.core.model import DeclaredFacts, Pack, Profile
from exposure_check.core.selfsearch import (
    RECORD_KIND,
    build_plan,
    latest_findings,
    load_findings,
    new_finding,
    query_status,
    record_finding,
    suggest_answers,
)
from exposure_check.storage import keys
from exposure_check.storage import vault as vault_mod

FAST_KDF = keys.KdfParams(iterations=1, memory_kib=8 * 1024, lanes=1)
PASS = "correct horse battery staple"
T0 = datetime(2026, 8, 25, 9, 30, tzinfo=UTC)


def test_finding_survives_a_restart_and_is_due_at_the_next_recheck(
        pack: Pack, facts: DeclaredFacts, tmp_path: Path) -> None:
    data = tmp_path / "vault"
    vault, _recovery = vault_mod.Vault.create(data, passphrase=PASS, use_keyring=False, kdf=FAST_KDF)
    vault.save_profile(Profile({"platforms": ("linkedin",)}), facts)
    plan = build_plan(pack, facts, "en")
    q = next(q for q in plan.queries() if q.engine_id == "linkedin")
    assert suggest_answers(pack, load_findings(vault)) == []
    record_finding(vault, new_finding(q, "found", ["employer"], note="still says Northwind", at=T0))
    assert [s.item_id for s in suggest_answers(pack, load_findings(vault))] == [
        "affiliation.linkedin.employer-visible"]
    vault.close()

    # restart: a new process would open the vault from disk the same way
    vault = vault_mod.Vault.open_locked(data).unlock_with_passphrase(PASS)
    try:
        loaded = vault.load_profile()
        assert loaded is not None
        plan_again = build_plan(pack, loaded[1], "en")
        assert plan_again.query(q.key) == q  # the same query, matched by its stable key
        findings = load_findings(vault)
        assert len(findings) == 1 and findings[0].note == "still says Northwind"
        assert [s.item_id for s in suggest_answers(pack, findings)] == [
            "affiliation.linkedin.employer-visible"]
        status = query_status(q, latest_findings(findings), T0 + timedelta(days=94), 90)
        assert (status.days_ago, status.due) == (94, True)
        assert not query_status(q, latest_findings(findings), T0 + timedelta(days=10), 90).due
        # the record ID carries nothing about the user; the payload is only in the ciphertext
        [(rid, _payload)] = vault.list_records(RECORD_KIND)
        assert "linkedin" not in rid and "Northwind" not in rid
    finally:
        vault.close()
    raw = b"".join(p.read_bytes() for p in data.rglob("*") if p.is_file())
    assert b"Northwind" not in raw and b"still says" not in raw
