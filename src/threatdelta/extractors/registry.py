"""The explicit list of extractors (no import-time registration)."""

from __future__ import annotations

from threatdelta.extractors.base import Extractor
from threatdelta.extractors.dfd import OtmExtractor, ThreagileExtractor, ThreatDragonExtractor
from threatdelta.extractors.iac import KubernetesExtractor, TerraformExtractor
from threatdelta.extractors.iac.cloudformation import CloudFormationExtractor
from threatdelta.extractors.iac.compose import ComposeExtractor
from threatdelta.extractors.iac.dockerfile import DockerfileExtractor
from threatdelta.extractors.openapi import OpenApiExtractor
from threatdelta.extractors.web.express import ExpressExtractor
from threatdelta.extractors.web.fastify import FastifyExtractor
from threatdelta.extractors.web.golang import GoExtractor
from threatdelta.extractors.web.graphql import ApolloExtractor, GraphQLPythonExtractor
from threatdelta.extractors.web.koa import KoaExtractor
from threatdelta.extractors.web.nest import NestExtractor
from threatdelta.extractors.web.next import NextExtractor
from threatdelta.extractors.web.python import PythonWebExtractor
from threatdelta.extractors.web.spring import SpringExtractor


def default_extractors() -> tuple[Extractor, ...]:
    """A fresh tuple of the extractors that ship with threatdelta."""
    return (
        OpenApiExtractor(),
        PythonWebExtractor(),
        ExpressExtractor(),
        GraphQLPythonExtractor(),
        ApolloExtractor(),
        GoExtractor(),
        NestExtractor(),
        NextExtractor(),
        FastifyExtractor(),
        KoaExtractor(),
        TerraformExtractor(),
        KubernetesExtractor(),
        ComposeExtractor(),
        DockerfileExtractor(),
        CloudFormationExtractor(),
        SpringExtractor(),
        ThreatDragonExtractor(),
        OtmExtractor(),
        ThreagileExtractor(),
    )
