"""Named imports in JavaScript and TypeScript modules (`import { a, b } from 'module'`)."""

from __future__ import annotations

import re

from threatdelta.findings.edit import TextEdit


def named_import_edit(
    path: str, lines: tuple[str, ...], quote: str, module: str, names: list[str]
) -> TextEdit | None:
    """`names` added to the file's one-line `import { ... } from 'module'` (in name order when
    it is sorted), else a new import after the last one; None when nothing is missing or the
    file has no imports."""
    pattern = re.compile(
        rf"^import\s*\{{(?P<names>[^}}]*)\}}\s*from\s*['\"]{re.escape(module)}['\"]"
    )
    for number, text in enumerate(lines, start=1):
        found = pattern.match(text)
        if found is None:
            continue
        have = [n.strip() for n in found.group("names").split(",") if n.strip()]
        missing = [n for n in names if n not in have]
        if not missing:
            return None
        merged = sorted([*have, *missing]) if have == sorted(have) else [*have, *missing]
        head, _, rest = text.partition("{")
        updated = f"{head}{{ {', '.join(merged)} }}{rest.partition('}')[2]}"
        return TextEdit(path=path, start=number, end=number, lines=(updated,))
    imports = [n for n, t in enumerate(lines, start=1) if t.startswith("import ")]
    if not imports:
        return None
    line = f"import {{ {', '.join(names)} }} from {quote}{module}{quote};"
    return TextEdit(path=path, start=imports[-1] + 1, end=imports[-1], lines=(line,))
