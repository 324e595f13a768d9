"""Which Spring service a file belongs to: the project folder that holds `src/main/`."""

from __future__ import annotations

from threatdelta.model.elements import service_name_for

EXTRACTOR = "spring"
FRAMEWORK = "spring"
_MAIN = "src/main/"


def spring_service_name(path: str) -> str:
    """`bank/src/main/java/com/x/A.java` -> `bank`; `src/main/...` at the top -> `root`;
    a file outside a Maven/Gradle layout belongs to its folder."""
    if path.startswith(_MAIN):
        return "root"
    head, found, _ = path.partition("/" + _MAIN)
    return head if found else service_name_for(path)
