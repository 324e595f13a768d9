"""Secrets are redacted before any repository text reaches a prompt, and every line keeps its
number."""

from __future__ import annotations

import pytest

from threatdelta.llm.redact import redact, shannon_entropy

GITHUB = "ghp_" + "A1b2C3d4E5f6G7h8I9j0K1l2M3n4O5p6Q7r8"
SLACK = "xoxb-" + "1234567890-0987654321-AbCdEfGhIjKlMnOpQrStUvWx"
STRIPE = "sk_live_" + "51HqLyjWDarjtT1zdp7dcXYZ"
JWT = (
    "eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJzdWIiOiIxMjM0NTY3ODkwIiwibmFtZSI6IkpvaG4ifQ"
    ".SflKxwRJSMeKKF2QT4fwpMeJf36POk6yJV_adQssw5c"
)
ANTHROPIC = "sk-ant-api03-" + "Zx9Qw8Er7Ty6Ui5Op4As3Df2Gh1Jk0LzXcVbNm-_Qa1Ws2Ed3Rf4Tg5"
AZURE = "Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq"
SENDGRID = "SG." + "ngeVfQFYQlKU0ufo8x5d1A" + "." + "TwL2iGABf9DHoTf-09kqeF8tAmbihYzrnopKc-1s5cr"
HUGGINGFACE = "hf_" + "jXqPzKLmNoRsTuVwXyZaBcDeFgHiJkLmNo"
OPENAI = "sk-proj-" + "T3BlbkFJ8x7c6v5b4n3m2l1k0j9h8g7f6d5s4a3q2w1e0r"


@pytest.mark.parametrize(
    ("source", "secret", "kind"),
    [
        ('aws_key = "AKIAIOSFODNN7EXAMPLE"', "AKIAIOSFODNN7EXAMPLE", "aws-access-key-id"),
        (
            "aws_secret_access_key = wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY",
            "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY",
            "secret-assignment",
        ),
        (f'GITHUB = "{GITHUB}"', GITHUB, "github-token"),
        (f"slack_client = WebClient(token='{SLACK}')", SLACK, "slack-token"),
        (f"stripe.api_key = '{STRIPE}'", STRIPE, "stripe-key"),
        (f"headers = {{'x-session': '{JWT}'}}", JWT, "jwt"),
        (f"ANTHROPIC_API_KEY: {ANTHROPIC}", ANTHROPIC, "anthropic-api-key"),
        (f"client = OpenAI(api_key='{OPENAI}')", OPENAI, "openai-api-key"),
        ('password = "hunter22!"', "hunter22!", "secret-assignment"),
        ('"db_password": "s3cr"', "s3cr", "secret-assignment"),
        ("JWT_SECRET=correcthorsebattery", "correcthorsebattery", "secret-assignment"),
        ("client_secret: 9f8e7d6c5b4a", "9f8e7d6c5b4a", "secret-assignment"),
        (
            'DATABASE_URL = "postgresql://app:Sup3rS3cret@db.internal:5432/clinic"',
            "Sup3rS3cret",
            "connection-password",
        ),
        (
            "fetch(url, {headers: {Authorization: 'Bearer 9aF3kL0pQz7Xc2Vb8Nm4Rt6Yu1Io5'}})",
            "9aF3kL0pQz7Xc2Vb8Nm4Rt6Yu1Io5",
            "bearer-token",
        ),
        ("<password>Sup3rS3cret!</password>", "Sup3rS3cret!", "secret-assignment"),
        (
            "spring.datasource.password=hunter2secret",
            "hunter2secret",
            "secret-assignment",
        ),
        (
            "conn = 'DefaultEndpointsProtocol=https;AccountName=a;AccountKey=" + AZURE + "==;'",
            AZURE,
            "azure-storage-key",
        ),
        (f"SENDGRID = '{SENDGRID}'", SENDGRID, "sendgrid-api-key"),
        (f"HF_TOKEN: {HUGGINGFACE}", HUGGINGFACE, "huggingface-token"),
        (
            "WEBHOOK = 'https://hooks.slack.com/services/T000/B000/XXXXXXXXXXXXXXXXXXXXXXXX'",
            "XXXXXXXXXXXXXXXXXXXXXXXX",
            "slack-webhook",
        ),
    ],
)
def test_each_secret_kind_is_replaced_by_its_marker(source: str, secret: str, kind: str) -> None:
    text, count = redact(f"before\n{source}\nafter\n")

    assert secret not in text
    assert f"[REDACTED:{kind}]" in text.split("\n")[1]
    assert count >= 1
    assert text.split("\n")[0] == "before" and text.split("\n")[2] == "after"


def test_private_key_block_keeps_every_line_number() -> None:
    source = (
        "KEY = '''\n-----BEGIN RSA PRIVATE KEY-----\nMIIEowIBAAKCAQEA7\nq2w3e4r5t6y7\n"
        "-----END RSA PRIVATE KEY-----\n'''\nprint('after')\n"
    )

    text, count = redact(source)

    assert count == 1
    assert "MIIEowIBAAKCAQEA7" not in text and "q2w3e4r5t6y7" not in text
    assert text.count("\n") == source.count("\n")
    assert text.split("\n")[6] == "print('after')"
    assert text.split("\n")[1] == "[REDACTED:private-key]"


@pytest.mark.parametrize(
    "source",
    [
        "password = request.form['password']",
        "SECRET_KEY = os.environ['SECRET_KEY']",
        "db_password = settings.DB_PASSWORD",
        "const user = { password: hashedPassword }",
        'url = "postgres://app:${DB_PASSWORD}@db/app"',
        "PASSWORD_MIN_LENGTH = 12",
        'token_url = "https://auth.example.com/token"',
        'password = "changeme"',
        "Authorization: Bearer aaaaaaaaaaaaaaaaaaaaaaaa",
        "<db.password>${DB_PASS}</db.password>",
        "return scheme === 'Bearer' && token ? token : undefined;",
        "const token = req.cookies?.cw_session;",
        "return { token: `${email}:${password.length}` };",
        '"api-key": "apiKey",',
        'credentials = "AllowCredentials" in fields',
        '_DEFAULT_USER_PASSWORD = "spring.security.user.password"',
        'github_token: SecretStr = SecretStr("")',
        'HARDCODED_SECRET = "hardcoded-secret"',
        "configured without credentials: the password\nredis with no requirepass",
        "A literal used as a secret: assigned to a secret-like name",
        "# scheme://user:password@host is the form",
        "<name>Password</name>",
    ],
)
def test_code_references_and_placeholders_are_kept(source: str) -> None:
    assert redact(source) == (source, 0)


@pytest.mark.parametrize(
    ("source", "secret", "kind"),
    [
        ('ledger_token = "tok_live_9f8e7d6c5b4a3f2e1d0c"', "9f8e7d6c5b4a", "secret-assignment"),
        ('ledgerToken = "tok_live_9f8e7d6c5b4a3f2e1d0c"', "9f8e7d6c5b4a", "secret-assignment"),
        ('# staging ledger: api_key = "Zx81kQ-pp02"', "Zx81kQ-pp02", "secret-assignment"),
        ("// old ledger: password = 'hunter22!'", "hunter22!", "secret-assignment"),
        ('The staging api_key is "a9s8d7f6g5h4j3k2" for now', "a9s8d7f6g5h4", "secret-assignment"),
        ("export FOO_TOKEN=abc123def456ghi789", "abc123def456", "secret-assignment"),
        ('export FOO_TOKEN="abc123def456ghi789"', "abc123def456", "secret-assignment"),
        ("SMTP_PASS=9f8e7d6c5b", "9f8e7d6c5b", "secret-assignment"),
        ("  token: 8d7f6e5a4b3c2d1e0f", "8d7f6e5a4b3c", "secret-assignment"),
        ('{"apiKey": "8d7f6e5a4b3c2d1e0f"}', "8d7f6e5a4b3c", "secret-assignment"),
        ('db_credential = "a9s8d7f6g5h4j3k2"', "a9s8d7f6g5h4", "secret-assignment"),
        ('session_auth = "a9s8d7f6g5h4"', "a9s8d7f6g5h4", "secret-assignment"),
        ("user_session: 'tok_live_9f8e7d6c5b4a3f2e'", "9f8e7d6c5b4a", "secret-assignment"),
        (
            'headers["Authorization"] = "Basic dXNlcjpzM2NyM3Q="',
            "dXNlcjpzM2NyM3Q=",
            "basic-credentials",
        ),
        (
            "curl https://api.example.com/v1/me?access_token=8d7f6e5a4b3c2d1e0f9a",
            "8d7f6e5a4b3c",
            "url-query-secret",
        ),
        (
            'src="https://maps.example.com/js?q=1&key=AbCd3fGh1jKlMn0pQrSt"',
            "AbCd3fGh1jKlMn0pQrSt",
            "url-query-secret",
        ),
        ("curl https://bob:hunter2x@example.com/x", "hunter2x", "connection-password"),
    ],
)
def test_secrets_in_comments_prose_shell_and_urls_are_replaced(
    source: str, secret: str, kind: str
) -> None:
    text, count = redact(f"start\n{source}\nend")

    assert secret not in text
    assert f"[REDACTED:{kind}]" in text.split("\n")[1]
    assert count == 1
    assert text.split("\n")[0] == "start" and text.split("\n")[2] == "end"


@pytest.mark.parametrize(
    "source",
    [
        'auth: "basic"',
        "session: 'cookie'",
        'credential = "service-account-json"',
        "session = requests.Session()",
        "the password is stored in Vault",
        "the token is required",
        'the api_key is "apiKey" in the JSON body',
        "Authorization: Basic dXNlcjpwYXNzd29yZA==",
        "See the Basic authentication scheme",
        'link = "https://example.com/search?q=term&key=value"',
        'url = f"https://api.example.com/me?access_token={token}"',
        "def check(user_session: str) -> bool:",
        'ORDER_TOKEN_PREFIX = "order_token_"',
    ],
)
def test_settings_words_and_references_near_new_names_are_kept(source: str) -> None:
    assert redact(source) == (source, 0)


def test_line_numbers_survive_many_secrets() -> None:
    lines = [
        f'key_{n} = "AKIAIOSFODNN7EXAMPL{n}"' if n % 3 == 0 else f"x{n} = {n}" for n in range(10)
    ]
    source = "\n".join(lines)

    text, count = redact(source)

    assert count == 4
    assert text.count("\n") == source.count("\n")
    assert text.split("\n")[4] == "x4 = 4"


def test_entropy_of_repeated_characters_is_zero() -> None:
    assert shannon_entropy("aaaa") == 0.0
    assert shannon_entropy("abcd") == 2.0


def test_value_longer_than_a_secret_is_skipped_and_the_rest_of_the_line_still_read() -> None:
    blob = "Ab1" * 300
    source = f'blob_token={blob} password="hunter22!"'

    text, count = redact(source)

    assert text == f'blob_token={blob} password="[REDACTED:secret-assignment]"'
    assert count == 1
