"""threatdelta: continuous, incremental STRIDE threat modelling for pull requests."""

__version__ = "0.1.0"
TOOL_NAME = "threatdelta"

__all__ = ["TOOL_NAME", "__version__"]
