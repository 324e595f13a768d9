"""Meta-tests on the rule catalogue: every module listed, documented, scored, unique."""

from __future__ import annotations

import importlib
import pkgutil

import pytest

import threatdelta.rules as rules_pkg
from threatdelta.findings.scoring import cvss_score
from threatdelta.rules.registry import RULES
from threatdelta.rules.spec import DOC_SECTIONS, rule_doc_sections

_NOT_RULES = {"spec", "registry", "predicates", "catalogue", "container_settings", "iac_match"}


def _rule_modules() -> set[str]:
    names = set()
    for info in pkgutil.walk_packages(rules_pkg.__path__, rules_pkg.__name__ + "."):
        short = info.name.rsplit(".", 1)[-1]
        if info.ispkg or short in _NOT_RULES:
            continue
        names.add(info.name)
    return names


def test_every_rule_module_is_listed_in_the_registry() -> None:
    listed = {r.__name__ for r in RULES}
    assert _rule_modules() == listed


def test_rule_ids_and_names_are_unique() -> None:
    ids = [r.SPEC.id for r in RULES]
    names = [r.SPEC.name for r in RULES]
    assert len(ids) == len(set(ids))
    assert len(names) == len(set(names))


@pytest.mark.parametrize("rule", RULES, ids=lambda r: r.SPEC.id)
def test_rule_docstring_has_every_section(rule) -> None:  # type: ignore[no-untyped-def]
    sections = rule_doc_sections(rule)
    missing = [s for s in DOC_SECTIONS if not sections.get(s)]
    assert not missing, f"{rule.SPEC.id} docstring lacks {missing}"


@pytest.mark.parametrize("rule", RULES, ids=lambda r: r.SPEC.id)
def test_rule_lives_under_its_primary_stride_package(rule) -> None:  # type: ignore[no-untyped-def]
    package = rule.__name__.split(".")[-2]
    letter = rule.SPEC.stride[0].value
    assert rule.SPEC.id[3] == letter
    assert package.replace("_", " ") == rule.SPEC.stride[0].label.lower()


@pytest.mark.parametrize("rule", RULES, ids=lambda r: r.SPEC.id)
def test_rule_vector_scores(rule) -> None:  # type: ignore[no-untyped-def]
    score, _ = cvss_score(rule.SPEC.cvss_vector)
    assert 0.0 < score <= 10.0


def test_catalogue_covers_all_six_stride_letters_with_thirty_rules() -> None:
    assert len(RULES) >= 30
    assert {r.SPEC.stride[0].value for r in RULES} == set("STRIDE")


def test_rule_modules_import_without_side_effects() -> None:
    for name in _rule_modules():
        module = importlib.import_module(name)
        assert hasattr(module, "SPEC") and hasattr(module, "check")
