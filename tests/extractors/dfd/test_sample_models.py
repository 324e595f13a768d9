"""The sample models of fixtures/dfd-models, one system in three formats, read whole."""

from __future__ import annotations

from pathlib import Path

from threatdelta.model.base import Tri
from threatdelta.pipeline import scan

SAMPLES = Path(__file__).resolve().parents[3] / "fixtures" / "dfd-models"


def test_the_three_sample_models_are_read_without_notifications() -> None:
    report = scan(SAMPLES)
    assert report.notifications == ()
    assert report.stats.files_analysed == 3
    by_file: dict[str, set[str]] = {}
    for t in report.model.imported_threats:
        by_file.setdefault(t.evidence[0].location.path, set()).add(t.status.value)
    assert by_file == {
        "threat-dragon.json": {"open", "mitigated", "not-applicable"},
        "otm.yaml": {"mitigated", "open", "accepted"},
        "threagile.yaml": {"accepted", "open", "mitigated"},
    }


def test_each_format_gives_the_portal_its_database_flow() -> None:
    report = scan(SAMPLES)
    flows = {f.key: f for f in report.model.flows}
    assert (
        flows["flow:service:Portal->datastore:postgres:Patient records:postgres"].encrypted
        is Tri.NO
    )
    otm = flows["flow:service:Portal->datastore:postgresql-database:Patient records:postgres"]
    assert otm.encrypted is Tri.NO
    threagile = flows["flow:service:Portal->datastore:database:Patient Records:jdbc"]
    assert (threagile.encrypted, threagile.crosses) == (Tri.NO, ("boundary:DB Subnet",))
    assert {b.key for b in report.model.boundaries} >= {
        "boundary:Clinic VPC",
        "boundary:Internet",
        "boundary:internet",
        "boundary:DB Subnet",
    }
