"""Express extractor on awkward input: TypeScript syntax, JSX, syntax errors, garbage,
deep nesting; and which files it claims."""

from __future__ import annotations

from express_helpers import endpoint, extract

from threatdelta.extractors.base import SourceFile
from threatdelta.extractors.web.express import ExpressExtractor
from threatdelta.model import Level, Tri


def test_typescript_types_decorators_and_generics_parse_without_notification() -> None:
    frag = extract(
        """
        import express, { Request, Response, NextFunction } from 'express';
        type Body = { name: string };
        @Injectable()
        class Service { constructor(@Inject() private readonly repo: Repo<User>) {} }
        const app = express();
        app.post('/users', async (req: Request<{}, {}, Body>, res: Response): Promise<void> => {
          const user = await User.create(req.body as Body);
          res.status(201).json({ id: user.id });
        });
        """,
        path="src/app.ts",
    )
    assert frag.notifications == ()
    ep = endpoint(frag, "POST", "/users")
    assert [f.kind.value for f in ep.facts] == ["orm-query", "mass-assignment"]


def test_jsx_in_tsx_and_jsx_files_parses() -> None:
    source = """
        const express = require('express');
        const app = express();
        const Page = ({ name }) => <div className="page">{name}</div>;
        app.get('/page', (req, res) => res.send(render(<Page name="x" />)));
        """
    for path in ("src/server.tsx", "src/server.jsx"):
        frag = extract(source, path=path)
        assert frag.notifications == (), path
        assert [e.endpoint.path for e in frag.endpoints] == ["/page"]


def test_syntax_error_is_one_warning_naming_its_line_and_the_rest_is_extracted() -> None:
    frag = extract(
        """
        const express = require('express');
        const app = express();
        app.get('/before', (req, res) => res.end());
        const broken = ;
        app.post('/after', (req, res) => res.end());
        """
    )
    [note] = frag.notifications
    assert (note.level, note.code, note.path) == (Level.WARNING, "parse-error", "src/app.js")
    assert "line 4" in note.message
    assert sorted(e.endpoint.path for e in frag.endpoints) == ["/after", "/before"]


def test_binary_looking_content_is_a_notification_not_a_crash() -> None:
    garbage = "express" + "".join(chr(c) for c in range(1, 9)) * 200
    frag = ExpressExtractor().extract(SourceFile(path="blob.js", text=garbage))
    assert [(n.code, n.level) for n in frag.notifications] == [("binary-file", Level.WARNING)]
    assert frag.endpoints == () and frag.services == ()


def test_deeply_nested_input_does_not_exhaust_the_stack() -> None:
    depth = 3000
    nested = "[" * depth + "'/x'" + "]" * depth
    concatenated = " + ".join(["'/a'"] * 3000)
    text = (
        "const express = require('express');\nconst app = express();\n"
        f"app.get({nested}, (req, res) => res.end());\n"
        f"app.get({concatenated}, (req, res) => res.end());\n"
        "app.post('/q', (req, res) => "
        f"db.query('SELECT * FROM t WHERE a = ' + {concatenated} + req.body.x));\n"
    )
    frag = ExpressExtractor().extract(SourceFile(path="deep.js", text=text))
    assert [n.code for n in frag.notifications] == ["unreadable-route-path"] * 2
    [ep] = [r.endpoint for r in frag.endpoints]
    assert (ep.method, ep.path) == ("POST", "/q")
    assert [(f.kind.value, f.from_input) for f in ep.facts] == [("sql-raw", Tri.YES)]


def test_claims_js_and_ts_files_that_mention_express_or_a_fact_but_not_others() -> None:
    extractor = ExpressExtractor()

    def claims(path: str, text: str) -> bool:
        return extractor.claims(SourceFile(path=path, text=text))

    assert claims("a.mjs", "import express from 'express';")
    assert claims("b.cts", "const jwt = require('jsonwebtoken');")
    assert claims("c.ts", "export const API_SECRET = 'x';")
    assert not claims("d.js", "export const add = (a, b) => a + b;")
    assert not claims("e.py", "import express")
    for test_path in ("src/app.test.ts", "test/app.js", "src/__tests__/a.js", "src/types.d.ts"):
        assert not claims(test_path, "import express from 'express';"), test_path
    assert {".js", ".mjs", ".cjs", ".jsx", ".ts", ".mts", ".cts", ".tsx"} == set(extractor.suffixes)
