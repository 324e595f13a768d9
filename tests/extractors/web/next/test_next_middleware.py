"""Golden tests: a Next.js `middleware.ts` as access rules over the project's API routes."""

from __future__ import annotations

from pathlib import Path

from next_helpers import extract

from threatdelta.model import Tri
from threatdelta.pipeline import scan


def test_next_auth_middleware_with_a_matcher_is_an_authentication_rule() -> None:
    fragment = extract(
        """
        import { withAuth } from 'next-auth/middleware';

        export default withAuth({ pages: { signIn: '/login' } });

        export const config = { matcher: ['/api/admin/:path*', '/api/orders/:id'] };
        """,
        path="web/src/middleware.ts",
    )
    (rule,) = fragment.access_rules
    assert (rule.service, rule.patterns) == ("web", ("/api/admin/**", "/api/orders/*"))
    assert (rule.authentication, rule.auth_schemes) == (Tri.YES, ("session",))
    assert rule.location.start_line == 5


def test_token_check_in_the_middleware_function_without_matcher_covers_every_path() -> None:
    fragment = extract(
        """
        import { NextResponse } from 'next/server';
        import { getToken } from 'next-auth/jwt';

        export async function middleware(req) {
          const token = await getToken({ req });
          if (!token) return NextResponse.redirect(new URL('/login', req.url));
          return NextResponse.next();
        }
        """,
        path="middleware.ts",
    )
    (rule,) = fragment.access_rules
    assert (rule.service, rule.patterns, rule.auth_schemes) == ("root", (), ("jwt",))


def test_middleware_that_does_not_authenticate_is_no_rule() -> None:
    fragment = extract(
        """
        import { NextResponse } from 'next/server';

        export function middleware(req) {
          return NextResponse.next({ headers: { 'x-request-id': crypto.randomUUID() } });
        }
        """,
        path="middleware.ts",
    )
    assert fragment.access_rules == ()


def test_regular_expression_matcher_is_a_note_and_no_rule() -> None:
    fragment = extract(
        """
        export { auth as middleware } from './auth';
        import NextAuth from 'next-auth';

        export const config = { matcher: ['/((?!_next/static|favicon.ico).*)'] };
        """,
        path="middleware.ts",
    )
    assert fragment.access_rules == ()
    assert [n.code for n in fragment.notifications] == ["unreadable-matcher"]


def test_scan_applies_the_middleware_to_matched_api_routes_only(tmp_path: Path) -> None:
    (tmp_path / "pages" / "api" / "admin").mkdir(parents=True)
    (tmp_path / "middleware.ts").write_text(
        "import { withAuth } from 'next-auth/middleware';\n"
        "export default withAuth({});\n"
        "export const config = { matcher: ['/api/admin/:path*'] };\n",
        encoding="utf-8",
    )
    handler = "export default function h(req, res) {\n  if (req.method === 'POST') res.end();\n}\n"
    (tmp_path / "pages" / "api" / "admin" / "users.ts").write_text(handler, encoding="utf-8")
    (tmp_path / "pages" / "api" / "contact.ts").write_text(handler, encoding="utf-8")
    auth = {e.path: e.authentication for e in scan(tmp_path).model.endpoints}
    assert auth == {"/api/admin/users": Tri.YES, "/api/contact": Tri.UNKNOWN}
