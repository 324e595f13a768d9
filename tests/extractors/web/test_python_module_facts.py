"""Module-level facts on the service: debug, secrets, cookies, CORS, JWT, password
hashing, security headers; helper-function facts go on the service too."""

from __future__ import annotations

from python_web_helpers import endpoint, extract, facts, service_facts

from threatdelta.model import FactKind, Location, Tri


def test_debug_mode_in_run_config_and_fastapi_constructor() -> None:
    flask = extract(
        """
        from flask import Flask
        app = Flask(__name__)
        app.config["DEBUG"] = True
        if __name__ == "__main__":
            app.run(host="0.0.0.0", debug=True)
        """
    )
    assert [
        (f.name, f.location.start_line, f.from_input)
        for f in service_facts(flask, FactKind.DEBUG_ENABLED)
    ] == [
        ("DEBUG", 4, Tri.NO),
        ("app.run", 6, Tri.NO),
    ]
    fastapi = extract("from fastapi import FastAPI\napp = FastAPI(debug=True)\n")
    assert [f.name for f in service_facts(fastapi, FactKind.DEBUG_ENABLED)] == ["FastAPI"]


def test_hardcoded_secrets_and_known_tokens_but_not_placeholders_or_env_lookups() -> None:
    frag = extract(
        """
        import os
        SECRET_KEY = "s3cr3t-signing-key-123"
        JWT_SECRET = os.environ["JWT_SECRET"]
        DB_PASSWORD = "changeme"
        ADMIN_PASSWORD = "changethis"
        PASSWORD_MIN_LENGTH = "12345678"
        API_TOKEN = os.getenv("API_TOKEN", "dev-token-4242")
        AWS = "AKIAABCDEFGHIJKLMNOP"

        class TestingConfig:
            SECRET_KEY = "test-only-secret-key"
        """,
        path="svc/config.py",
    )
    found = [
        (f.name, f.location.start_line) for f in service_facts(frag, FactKind.HARDCODED_SECRET)
    ]
    assert found == [("SECRET_KEY", 3), ("API_TOKEN", 8), ("AWS", 9)]
    (service,) = frag.services
    assert service.name == "svc" and service.framework == ""


def test_insecure_session_cookie_settings() -> None:
    frag = extract(
        """
        SESSION_COOKIE_SECURE = False
        SESSION_COOKIE_HTTPONLY = True
        SESSION_COOKIE_SAMESITE = None
        """
    )
    assert [(f.name, f.detail) for f in service_facts(frag, FactKind.INSECURE_COOKIE)] == [
        ("SESSION_COOKIE_SECURE", "missing Secure"),
        ("SESSION_COOKIE_SAMESITE", "missing SameSite"),
    ]


def test_flask_cors_wildcard_with_and_without_credentials() -> None:
    frag = extract(
        """
        from flask import Flask
        from flask_cors import CORS
        app = Flask(__name__)
        CORS(app, supports_credentials=True)
        CORS(app, resources={r"/api/*": {"origins": "*"}})
        CORS(app, origins=["https://shop.example"], supports_credentials=True)
        """
    )
    assert [(f.kind, f.location.start_line) for f in frag.services[0].facts] == [
        (FactKind.CORS_WILDCARD_CREDENTIALS, 5),
        (FactKind.CORS_WILDCARD, 6),
    ]


def test_fastapi_cors_middleware_wildcard_with_credentials() -> None:
    frag = extract(
        """
        from fastapi import FastAPI
        from fastapi.middleware.cors import CORSMiddleware
        app = FastAPI()
        ORIGINS = ["*"]
        app.add_middleware(CORSMiddleware, allow_origins=ORIGINS, allow_credentials=True)
        """
    )
    (fact,) = service_facts(frag, FactKind.CORS_WILDCARD_CREDENTIALS)
    assert (fact.name, fact.location) == (
        "CORSMiddleware",
        Location(path="app.py", start_line=6, end_line=6),
    )


def test_jwt_decode_without_verification_or_with_none_algorithm_in_a_helper() -> None:
    frag = extract(
        """
        import jwt

        def claims(token):
            return jwt.decode(token, options={"verify_signature": False})

        def lenient(token, key):
            return jwt.decode(token, key, algorithms=["HS256", "none"])

        def strict(token, key):
            return jwt.decode(token, key, algorithms=["HS256"])
        """
    )
    assert [f.location.start_line for f in service_facts(frag, FactKind.JWT_UNVERIFIED)] == [5]
    assert [f.location.start_line for f in service_facts(frag, FactKind.JWT_NONE_ALGORITHM)] == [8]


def test_weak_password_hashes_and_crypto_inventory() -> None:
    frag = extract(
        """
        import hashlib

        def legacy(password):
            return hashlib.md5(password.encode()).hexdigest()

        def salted(password, salt):
            return hashlib.sha256(salt + password.encode()).hexdigest()

        def unsalted(password):
            return hashlib.sha256(password.encode()).hexdigest()

        def etag(body):
            return hashlib.md5(body).hexdigest()
        """
    )
    weak = service_facts(frag, FactKind.WEAK_PASSWORD_HASH)
    assert [(f.name, f.location.start_line, f.detail) for f in weak] == [
        ("hashlib.md5", 5, "md5 of a password"),
        ("hashlib.sha256", 11, "unsalted sha256 of a password"),
    ]
    assert len(service_facts(frag, FactKind.CRYPTO)) == 4


def test_talisman_marks_security_headers() -> None:
    frag = extract(
        """
        from flask import Flask
        from flask_talisman import Talisman
        app = Flask(__name__)
        Talisman(app)
        """
    )
    (service,) = frag.services
    assert service.security_headers is Tri.YES
    assert [f.name for f in service.facts if f.kind is FactKind.SECURITY_HEADERS] == ["Talisman"]
    plain = extract("from flask import Flask\napp = Flask(__name__)\n")
    assert plain.services[0].security_headers is Tri.UNKNOWN


def test_secret_inside_a_handler_goes_on_the_endpoint_and_helper_sql_on_the_service() -> None:
    frag = extract(
        """
        import jwt
        from flask import Flask
        app = Flask(__name__)

        @app.post("/token")
        def token():
            return jwt.encode({"sub": "1"}, "hard-coded-signing-key", algorithm="HS256")

        def find(db, name):
            return db.execute("SELECT * FROM t WHERE n = '" + name + "'")
        """
    )
    ep = endpoint(frag, "POST", "/token")
    assert [f.name for f in facts(ep, FactKind.HARDCODED_SECRET)] == ["jwt.encode"]
    assert service_facts(frag, FactKind.HARDCODED_SECRET) == []
    (sql,) = service_facts(frag, FactKind.SQL_RAW)
    assert (sql.location.start_line, sql.from_input) == (11, Tri.UNKNOWN)


def test_password_fed_to_a_weak_hash_object_by_update() -> None:
    frag = extract(
        """
        import hashlib

        def legacy(password):
            h = hashlib.sha1()
            h.update(password.encode())
            return h.hexdigest()

        def seeded(password, salt):
            h = hashlib.sha256(salt)
            h.update(password.encode())
            return h.hexdigest()
        """
    )
    weak = service_facts(frag, FactKind.WEAK_PASSWORD_HASH)
    assert [(f.name, f.location.start_line, f.from_input) for f in weak] == [
        ("hashlib.sha1", 6, Tri.UNKNOWN)
    ]


def test_identifiers_regexes_cookie_jars_and_object_debug_flags_are_not_findings() -> None:
    frag = extract(
        """
        GRANT_TYPE_REFRESH_TOKEN = "refresh_token"
        ENV_API_KEY = "ANTHROPIC_API_KEY"
        token = r"[-!#$%&'*+.^_`|~0-9a-zA-Z]+"

        class Parser:
            def enable(self, jar, cookie):
                self.debug = True
                jar.set_cookie(cookie)
        """
    )
    assert frag.services == ()


def test_helper_file_and_url_access_is_not_a_service_fact_but_shell_commands_are() -> None:
    frag = extract(
        """
        import os, subprocess, requests

        def read(name):
            return open(os.path.join("/data", name)).read()

        def fetch(url):
            return requests.get(url, timeout=3)

        def convert(path):
            subprocess.run(f"convert {path}", shell=True)
        """
    )
    assert [(f.kind, f.location.start_line, f.from_input) for f in frag.services[0].facts] == [
        (FactKind.COMMAND_EXEC, 11, Tri.UNKNOWN)
    ]
