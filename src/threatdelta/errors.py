"""One exception hierarchy for threatdelta.

ThreatdeltaError
├── UsageError          bad command line or arguments (exit 2)
├── ConfigError         invalid settings file or action input (exit 2)
└── InputError          a repository file we cannot read or parse (becomes a notification)
"""


class ThreatdeltaError(Exception):
    """Base class for every error threatdelta raises on purpose."""


class UsageError(ThreatdeltaError):
    """The command line or its arguments are wrong."""


class ConfigError(ThreatdeltaError):
    """A settings file or action input is invalid."""


class InputError(ThreatdeltaError):
    """A repository file cannot be read or parsed; the run goes on without it."""
