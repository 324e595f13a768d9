"""Golden tests: Next.js API routes, one idiom each."""

from __future__ import annotations

from next_helpers import endpoints, extract, fact_lines, only

from threatdelta.extractors.base import SourceFile
from threatdelta.extractors.web.next import NextExtractor
from threatdelta.model import FactKind, ParamLocation, Tri


def test_pages_api_dynamic_segment_and_method_checks() -> None:
    fragment = extract(
        """
        export default async function handler(req, res) {
          if (req.method === 'GET') {
            return res.json({ id: req.query.id });
          }
          if (req.method === 'DELETE') {
            return res.status(204).end();
          }
          res.status(405).end();
        }
        """,
        path="pages/api/users/[id].ts",
    )
    assert endpoints(fragment) == [("GET", "/api/users/{id}"), ("DELETE", "/api/users/{id}")]
    ep = fragment.endpoints[0].endpoint
    assert ep.sources == ("nextjs",) and ep.service == "root"
    assert [(p.name, p.location) for p in ep.parameters] == [("id", ParamLocation.PATH)]
    assert ep.handler is not None and ep.handler.start_line == 1


def test_switch_on_method_and_catch_all_segment() -> None:
    fragment = extract(
        """
        export default function files(req, res) {
          switch (req.method) {
            case 'PUT':
              return res.end();
            case 'POST':
              return res.end();
          }
        }
        """,
        path="web/src/pages/api/files/[...slug].js",
    )
    assert endpoints(fragment) == [("PUT", "/api/files/{slug}"), ("POST", "/api/files/{slug}")]
    assert fragment.endpoints[0].endpoint.service == "web"


def test_handler_without_method_check_answers_any_method() -> None:
    fragment = extract(
        """
        export default (req, res) => {
          res.status(200).json({ ok: true });
        };
        """,
        path="pages/api/index.ts",
    )
    assert endpoints(fragment) == [("ANY", "/api")]


def test_body_reaches_a_raw_sql_query_and_auth_unknown_without_a_session_check() -> None:
    fragment = extract(
        """
        import { db } from '../../lib/db';

        export default async function handler(req, res) {
          if (req.method !== 'POST') return res.status(405).end();
          const { email } = req.body;
          await db.query(`INSERT INTO subscribers (email) VALUES ('${email}')`);
          res.status(201).end();
        }
        """,
        path="pages/api/subscribe.ts",
    )
    ep = only(fragment)
    assert ep.method == "POST"
    assert fact_lines(ep, FactKind.SQL_RAW) == [("db.query", 6, "yes")]
    assert ep.request_fields == ("email",)
    assert ep.authentication is Tri.UNKNOWN


def test_session_check_in_the_handler_authenticates() -> None:
    fragment = extract(
        """
        import { getServerSession } from 'next-auth/next';

        export default async function handler(req, res) {
          const session = await getServerSession(req, res, authOptions);
          if (!session) return res.status(401).end();
          res.json({ user: session.user });
        }
        """,
        path="pages/api/me.ts",
    )
    ep = only(fragment)
    assert (ep.authentication, ep.auth_schemes) == (Tri.YES, ("session",))


def test_auth_wrapper_around_the_default_export() -> None:
    fragment = extract(
        """
        async function handler(req, res) {
          res.json({});
        }
        export default withApiAuthRequired(handler);
        """,
        path="pages/api/orders.ts",
    )
    ep = only(fragment)
    assert ep.authentication is Tri.YES
    assert ep.guards == ("withApiAuthRequired",)
    assert ep.handler is not None and ep.handler.start_line == 1


def test_app_router_exports_one_endpoint_per_method() -> None:
    fragment = extract(
        """
        import { NextResponse } from 'next/server';
        import { exec } from 'child_process';

        export async function GET(request: Request) {
          return NextResponse.json([]);
        }

        export async function POST(request: Request, { params }) {
          const body = await request.json();
          exec(`convert ${body.file} ${params.id}.png`);
          return NextResponse.json({ ok: true });
        }
        """,
        path="app/api/images/[id]/route.ts",
    )
    assert endpoints(fragment) == [("GET", "/api/images/{id}"), ("POST", "/api/images/{id}")]
    post = fragment.endpoints[1].endpoint
    assert fact_lines(post, FactKind.COMMAND_EXEC) == [("child_process.exec", 10, "yes")]


def test_app_router_const_export_and_route_group() -> None:
    fragment = extract(
        """
        export const DELETE = async (req: Request) => new Response(null, { status: 204 });
        """,
        path="src/app/(shop)/api/cart/route.ts",
    )
    assert endpoints(fragment) == [("DELETE", "/api/cart")]


def test_claims_only_api_route_files() -> None:
    extractor = NextExtractor()
    text = "export default function h(req, res) {}"
    assert extractor.claims(SourceFile(path="pages/api/a.ts", text=text))
    assert extractor.claims(SourceFile(path="app/api/a/route.ts", text=text))
    assert not extractor.claims(SourceFile(path="pages/index.tsx", text=text))
    assert not extractor.claims(SourceFile(path="app/api/a/page.tsx", text=text))
    assert not extractor.claims(SourceFile(path="pages/api/__tests__/a.ts", text=text))


def test_syntax_error_and_missing_handler_are_notifications() -> None:
    fragment = extract(
        """
        const x = (;
        """,
        path="pages/api/broken.ts",
    )
    assert [n.code for n in fragment.notifications] == ["parse-error", "no-route-handler"]
    assert fragment.endpoints == ()


def test_each_method_keeps_only_the_facts_of_its_own_branch() -> None:
    fragment = extract(
        """
        import { db } from '../../lib/db';

        export default async function handler(req, res) {
          if (req.method === 'GET') {
            return res.json(await db.query('SELECT * FROM notes'));
          }
          switch (req.method) {
            case 'DELETE':
              await db.query(`DELETE FROM notes WHERE id = ${req.query.id}`);
              return res.status(204).end();
          }
          await db.query(`INSERT INTO log (m) VALUES ('${req.method}')`);
        }
        """,
        path="pages/api/notes.ts",
    )
    lines = {
        r.endpoint.method: sorted(
            f.location.start_line for f in r.endpoint.facts if f.kind is FactKind.SQL_RAW
        )
        for r in fragment.endpoints
    }
    assert lines == {"GET": [12], "DELETE": [9, 12]}
