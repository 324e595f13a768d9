"""Module-level facts of Express files, on the service: helmet, CORS, cookies, debug
error pages, hard-coded secrets, token handling and password hashing."""

from __future__ import annotations

from express_helpers import extract, facts, service, summary

from threatdelta.model import FactKind, Tri

_APP = "const express = require('express');\nconst app = express();\n"


def _app(code: str) -> list[tuple[str, str, int, int, str]]:
    """Module facts of an app file whose own code starts at line 3."""
    svc = service(extract(_APP + code.strip("\n") + "\n"))
    return [summary(f) for f in svc.facts]


def test_helmet_applied_sets_security_headers_and_its_absence_is_no() -> None:
    with_helmet = service(extract(_APP + "const helmet = require('helmet');\napp.use(helmet());\n"))
    without = service(extract(_APP + "app.use(express.json());\n"))
    custom = service(extract(_APP + "app.use(securityHeaders);\n"))
    assert with_helmet.security_headers is Tri.YES
    assert [summary(f) for f in with_helmet.facts] == [("security-headers", "helmet", 4, 4, "no")]
    assert (without.security_headers, without.facts) == (Tri.NO, ())
    assert custom.security_headers is Tri.UNKNOWN


def test_cors_wildcards_with_and_without_credentials() -> None:
    assert _app(
        """
        const cors = require('cors');
        app.use(cors());
        app.use(cors({ origin: '*' }));
        app.use(cors({ origin: true, credentials: true }));
        const opts = { origin: ['*'], credentials: true };
        app.use(cors(opts));
        app.use(cors({ origin: ['https://shop.example.com'], credentials: true }));
        app.use(cors(originFromConfig));
        """
    ) == [
        ("cors-wildcard", "cors", 4, 4, "no"),
        ("cors-wildcard", "cors", 5, 5, "no"),
        ("cors-wildcard-credentials", "cors", 6, 6, "no"),
        ("cors-wildcard-credentials", "cors", 8, 8, "no"),
    ]


def test_session_and_response_cookies_name_their_missing_flags() -> None:
    svc = service(
        extract(
            _APP
            + """const session = require('express-session');
app.use(session({
  secret: process.env.SESSION_SECRET,
  cookie: { secure: false, httpOnly: true },
}));
app.use(session({ secret: process.env.S, name: 'sid', cookie: { secure: true } }));
app.post('/login', (req, res) => {
  res.cookie('auth_token', 't', { httpOnly: true });
  res.cookie('theme', 'dark', { httpOnly: true, secure: true, sameSite: 'lax' });
  res.end();
});
"""
        )
    )
    cookies = facts(svc, FactKind.INSECURE_COOKIE)
    assert [summary(f) for f in cookies] == [
        ("insecure-cookie", "express-session:connect.sid", 4, 7, "no"),
        ("insecure-cookie", "auth_token", 10, 10, "no"),
    ]
    assert [f.detail for f in cookies] == ["missing Secure", "missing Secure, SameSite"]


def test_hardcoded_secrets_in_names_options_and_signing_calls_but_not_placeholders() -> None:
    assert _app(
        """
        const jwt = require('jsonwebtoken');
        const JWT_SECRET = 'd8f7a6s5d4f3g2h1';
        const apiKey = process.env.API_KEY || 'live-9f8e7d6c5b4a';
        const config = { clientSecret: 's3cr3t-Value-123' };
        const token = jwt.sign({ sub: 1 }, 'another-signing-key-42');
        const placeholder = { secret: 'changeme-please' };
        const fromEnv = process.env.JWT_SECRET;
        const passwordField = 'password-input-field';
        const message = { password: 'Password must be long enough' };
        const TOKEN_KEY = 'access_token_v2';
        const apiKeyHeader = { apiKey: 'x-api-key' };
        """
    ) == [
        ("hardcoded-secret", "jsonwebtoken.sign", 7, 7, "no"),
        ("hardcoded-secret", "clientSecret", 6, 6, "no"),
        ("hardcoded-secret", "JWT_SECRET", 4, 4, "no"),
        ("hardcoded-secret", "apiKey", 5, 5, "no"),
    ]


def test_known_token_formats_are_secrets_wherever_they_are() -> None:
    facts_found = _app("const cfg = ['AKIAABCDEFGHIJKLMNOP'];\n// ghp_" + "a" * 36 + "\n")
    assert facts_found == [
        ("hardcoded-secret", "aws-access-key-id", 3, 3, "no"),
        ("hardcoded-secret", "github-token", 4, 4, "no"),
    ]


def test_errorhandler_and_development_env_enable_debug_unless_guarded() -> None:
    assert _app(
        """
        const errorhandler = require('errorhandler');
        app.use(errorhandler());
        if (process.env.NODE_ENV === 'development') {
          app.use(errorhandler());
        }
        app.set('env', 'development');
        """
    ) == [
        ("debug-enabled", "errorhandler", 4, 4, "no"),
        ("debug-enabled", "env", 8, 8, "no"),
    ]


def test_error_handling_middleware_that_sends_the_stack_leaks_error_text() -> None:
    assert _app(
        """
        app.use((err, req, res, next) => {
          res.status(500).send({ message: 'failed', stack: err.stack });
        });
        app.use((err, req, res, next) => res.status(500).json({ error: 'internal' }));
        """
    ) == [("error-text-returned", "err.stack", 4, 4, "unknown")]


def test_jwt_decode_without_verify_on_a_request_token_and_none_algorithm() -> None:
    svc = service(
        extract(
            """
            const jwt = require('jsonwebtoken');
            function currentUser(req, res, next) {
              const token = req.cookies.session;
              req.user = jwt.decode(token);
              next();
            }
            function verified(req, res, next) {
              const claims = jwt.decode(req.headers.authorization);
              req.user = jwt.verify(req.headers.authorization, process.env.KEY, {
                algorithms: ['HS256', 'none'],
              });
              next();
            }
            const expiry = (token) => jwt.decode(token).exp;
            """,
            path="src/middleware/auth.js",
        )
    )
    assert svc.name == "src/middleware"
    assert svc.framework == ""
    assert svc.security_headers is Tri.UNKNOWN
    assert [summary(f) for f in svc.facts] == [
        ("jwt-unverified", "jwt.decode", 4, 4, "yes"),
        ("jwt-none-algorithm", "algorithms", 10, 10, "no"),
    ]


def test_fast_digests_of_passwords_are_weak_hashes_but_other_digests_are_not() -> None:
    svc = service(
        extract(
            """
            import crypto from 'crypto';
            export const legacy = (password: string) =>
              crypto.createHash('md5').update(password).digest('hex');
            export const unsalted = (user: { password: string }) =>
              crypto.createHash('sha256').update(user.password).digest('hex');
            export const etag = (body: string) => crypto.createHash('md5').update(body).digest();
            """,
            path="src/services/passwords.ts",
        )
    )
    found = facts(svc, FactKind.WEAK_PASSWORD_HASH)
    assert [summary(f) for f in found] == [
        ("weak-password-hash", "crypto.createHash('md5')", 3, 3, "no"),
        ("weak-password-hash", "crypto.createHash('sha256')", 5, 5, "no"),
    ]
    assert found[0].detail == "md5 digest of password"


def test_a_file_without_module_facts_or_app_has_no_service() -> None:
    frag = extract(
        """
        const { Router } = require('express');
        const router = Router();
        router.get('/', (req, res) => res.end());
        module.exports = router;
        """
    )
    assert frag.services == ()
