"""Readers of existing threat models: OWASP Threat Dragon v2, Open Threat Model 0.2 and
Threagile YAML, each file -> a model fragment with its elements and imported threats."""

from threatdelta.extractors.dfd.otm import OtmExtractor
from threatdelta.extractors.dfd.threagile import ThreagileExtractor
from threatdelta.extractors.dfd.threat_dragon import ThreatDragonExtractor

__all__ = ["OtmExtractor", "ThreagileExtractor", "ThreatDragonExtractor"]
