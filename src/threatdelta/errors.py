"""One exception hierarchy for threatdelta.

ThreatdeltaError
├── UsageError          bad command line or arguments (exit 2)
└── ConfigError         invalid settings file or action input (exit 2)

Bad repository content is never an exception: it becomes a notification and the run goes on.
"""


class ThreatdeltaError(Exception):
    """Base class for every error threatdelta raises on purpose."""


class UsageError(ThreatdeltaError):
    """The command line or its arguments are wrong."""


class ConfigError(ThreatdeltaError):
    """A settings file or action input is invalid."""
