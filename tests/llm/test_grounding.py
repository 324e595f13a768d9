"""Grounding details and the proof of LLM patches, over the refunds fixture and the fake API."""

from __future__ import annotations

from pathlib import Path

from analyst_helpers import APPROVE, REFUNDS, files_of, rules_report, run_analyst, settings_for
from fake_anthropic import FakeAnthropic, fake_anthropic, replies

from threatdelta.findings.threat import Applicability, Stride, Threat, ThreatSource
from threatdelta.llm.analyst import analyse_with_llm
from threatdelta.llm.grounding import normalised
from threatdelta.llm.vector import llm_vector
from threatdelta.remediation.inputs import ScanInputs
from threatdelta.report import ScanReport

__all__ = ["fake_anthropic"]
QUOTE = 'refund["approved_by"] = current_user.id'
GUARD = """--- a/shop/app.py
+++ b/shop/app.py
@@ -20,1 +20,3 @@
+    if refund.get("requested_by") == current_user.id:
+        return jsonify({"error": "you cannot approve your own refund"}), 403
     refund["approved_by"] = current_user.id
"""


def _answer(fake: FakeAnthropic, **threat: object) -> None:
    patch = threat.pop("patch", None)
    quote = str(threat.pop("quote", QUOTE))
    answer = replies.threat(
        APPROVE, "shop/app.py", 20, 20, quote, patch=None if patch is None else str(patch)
    )
    fake.respond_with(replies.by_element({APPROVE: replies.answer([{**answer, **threat}])}))


def _llm(report: ScanReport) -> list[Threat]:
    return [t for t in report.threats if t.source is ThreatSource.LLM]


def test_quote_is_matched_whitespace_normalised(fake_anthropic: FakeAnthropic) -> None:
    _answer(fake_anthropic, quote='refund["approved_by"]   =\n current_user.id')
    assert len(_llm(run_analyst(fake_anthropic, None))) == 1


def test_a_quote_too_short_to_prove_anything_is_dropped(fake_anthropic: FakeAnthropic) -> None:
    _answer(fake_anthropic, quote="id")
    report = run_analyst(fake_anthropic, None)
    assert _llm(report) == []
    assert any("shorter than" in n.message for n in report.notifications)


def test_a_proven_patch_is_attached_as_unsafe(fake_anthropic: FakeAnthropic) -> None:
    _answer(fake_anthropic, patch=GUARD)
    (threat,) = _llm(run_analyst(fake_anthropic, None, patches=True))
    assert threat.fix is not None
    assert threat.fix.applicability is Applicability.UNSAFE
    assert threat.fix.family == "llm-analyst"
    assert threat.fix.patch is not None and "you cannot approve your own refund" in threat.fix.patch
    assert threat.fix.edits[0].start == 20


def test_a_patch_whose_context_is_not_in_the_file_is_dropped(
    fake_anthropic: FakeAnthropic,
) -> None:
    _answer(fake_anthropic, patch=GUARD.replace("current_user.id\n", "g.user.id\n"))
    report = run_analyst(fake_anthropic, None, patches=True)
    (threat,) = _llm(report)
    assert threat.fix is None
    (note,) = [n for n in report.notifications if n.code == "llm-patch-dropped"]
    assert "does not match the analysed text at line 20" in note.message


def test_a_patch_of_another_file_is_dropped(fake_anthropic: FakeAnthropic) -> None:
    _answer(fake_anthropic, patch=GUARD.replace("shop/app.py", "shop/payments.py"))
    report = run_analyst(fake_anthropic, None, patches=True)
    assert _llm(report)[0].fix is None
    assert any("not a file of the threat's evidence" in n.message for n in report.notifications)


def test_a_patch_that_breaks_the_syntax_is_dropped(fake_anthropic: FakeAnthropic) -> None:
    _answer(fake_anthropic, patch=GUARD.replace("        return jsonify", "return jsonify("))
    report = run_analyst(fake_anthropic, None, patches=True)
    assert _llm(report)[0].fix is None
    assert any(n.code == "llm-patch-dropped" for n in report.notifications)


def test_a_patch_whose_proof_cannot_run_is_dropped_and_the_threat_kept(
    fake_anthropic: FakeAnthropic,
) -> None:
    _answer(fake_anthropic, patch=GUARD)
    report = rules_report(REFUNDS)

    def unreadable() -> ScanInputs:
        raise OSError("the analysed folder is gone")

    done = analyse_with_llm(
        report, files_of(REFUNDS, report), settings_for(fake_anthropic), inputs=unreadable
    )
    (threat,) = _llm(done)
    assert threat.fix is None
    (note,) = [n for n in done.notifications if n.code == "llm-patch-dropped"]
    assert "its proof failed (OSError: the analysed folder is gone)" in note.message
    assert not any(n.code == "llm-analyst-crashed" for n in done.notifications)


def test_vector_follows_stride_and_authentication() -> None:
    model = rules_report(REFUNDS).model
    approve = model.element(APPROVE)
    assert approve is not None
    disclosure = llm_vector([Stride.INFORMATION_DISCLOSURE], approve)
    assert disclosure == "CVSS:3.1/AV:N/AC:L/PR:L/UI:N/S:U/C:H/I:N/A:N"
    both = llm_vector([Stride.SPOOFING, Stride.DENIAL_OF_SERVICE], approve)
    assert both == "CVSS:3.1/AV:N/AC:L/PR:L/UI:N/S:U/C:L/I:L/A:H"


def test_normalised_collapses_whitespace() -> None:
    assert normalised("  a \n\t b  ") == "a b"


def test_the_fixture_is_unchanged_by_a_patch_proof(fake_anthropic: FakeAnthropic) -> None:
    before = (REFUNDS / "shop" / "app.py").read_bytes()
    _answer(fake_anthropic, patch=GUARD)
    run_analyst(fake_anthropic, None, patches=True)
    assert (REFUNDS / "shop" / "app.py").read_bytes() == before
    assert not (Path(REFUNDS) / ".threatdelta").exists()
