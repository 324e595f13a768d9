"""Golden tests: Spring controllers written in Kotlin."""

from __future__ import annotations

import textwrap
from pathlib import Path

from spring_helpers import endpoint, extract, facts, keys

from threatdelta.model import FactKind, ParamLocation, Tri
from threatdelta.pipeline import scan

KOTLIN_PATH = "cards/src/main/kotlin/com/example/cards/CardController.kt"


def test_kotlin_controller_routes_with_class_prefix_and_array_paths() -> None:
    fragment = extract(
        """
        package com.example.cards

        @RestController
        @RequestMapping("/api/cards")
        class CardController(private val repo: CardRepository) {
            @GetMapping("/{id}")
            fun get(@PathVariable id: Long): Card = repo.findById(id).get()

            @RequestMapping(value = ["/block", "/freeze"], method = [RequestMethod.POST])
            fun block(@RequestParam(required = false) reason: String?) { }
        }
        """,
        KOTLIN_PATH,
    )
    assert keys(fragment) == [
        "GET /api/cards/{id}",
        "POST /api/cards/block",
        "POST /api/cards/freeze",
    ]
    ep = endpoint(fragment, "GET", "/api/cards/{id}")
    assert ep.handler is not None and ep.handler.start_line == 6
    assert [(p.name, p.location) for p in ep.parameters] == [("id", ParamLocation.PATH)]
    assert ep.object_authorization is Tri.NO
    block = endpoint(fragment, "POST", "/api/cards/block")
    assert [(p.name, p.required) for p in block.parameters] == [("reason", False)]


def test_kotlin_pre_authorize_and_valid_data_class_body() -> None:
    fragment = extract(
        """
        package com.example.cards

        @RestController
        class LimitController {
            @PreAuthorize("hasRole('ADMIN')")
            @PutMapping("/limits")
            fun set(@Valid @RequestBody body: LimitRequest) { }
        }

        data class LimitRequest(val cardNumber: String, val amount: Long)
        """,
        KOTLIN_PATH,
    )
    ep = endpoint(fragment, "PUT", "/limits")
    assert ep.authentication is Tri.YES
    assert ep.request_fields == ("cardNumber", "amount")
    assert ep.request_schema is Tri.YES


def test_kotlin_string_template_query_from_input_is_raw_sql() -> None:
    fragment = extract(
        """
        package com.example.cards

        @RestController
        class SearchController(private val jdbc: JdbcTemplate) {
            @GetMapping("/search")
            fun search(@RequestParam q: String): List<Map<String, Any>> {
                val sql = "SELECT * FROM cards WHERE holder LIKE '%${q}%'"
                log.info("search")
                return jdbc.queryForList(sql)
            }
        }
        """,
        KOTLIN_PATH,
    )
    ep = endpoint(fragment, "GET", "/search")
    found = [(f.name, f.from_input, f.location.start_line) for f in facts(ep, FactKind.SQL_RAW)]
    assert found == [("jdbc.queryForList", Tri.YES, 9)]
    assert ep.audit_logged is Tri.YES


SECURITY_PATH = "cards/src/main/kotlin/com/example/cards/SecurityConfig.kt"


def test_kotlin_security_dsl_authorize_calls_become_ordered_access_rules() -> None:
    fragment = extract(
        """
        package com.example.cards

        @Configuration
        class SecurityConfig {
            @Bean
            fun chain(http: HttpSecurity): SecurityFilterChain {
                http {
                    csrf { disable() }
                    authorizeHttpRequests {
                        authorize("/public/**", permitAll)
                        authorize(HttpMethod.DELETE, "/cards/**", hasRole("ADMIN"))
                        authorize(anyRequest, authenticated)
                    }
                }
                return http.build()
            }
        }
        """,
        SECURITY_PATH,
    )
    rules = [(r.patterns, r.methods, r.access, r.authentication) for r in fragment.access_rules]
    assert rules == [
        (("/public/**",), (), "permitAll", Tri.NO),
        (("/cards/**",), ("DELETE",), "hasRole", Tri.YES),
        ((), (), "authenticated", Tri.YES),
    ]
    [service] = fragment.services
    [csrf] = facts(service, FactKind.CSRF_DISABLED)
    assert csrf.location.start_line == 8


def test_kotlin_java_style_chain_and_noop_user_are_read() -> None:
    fragment = extract(
        """
        package com.example.cards

        class SecurityConfig {
            fun chain(http: HttpSecurity): SecurityFilterChain {
                http.csrf { it.disable() }
                    .authorizeHttpRequests {
                        it.requestMatchers("/actuator/**").permitAll()
                            .anyRequest().authenticated()
                    }
                return http.build()
            }

            fun users() = InMemoryUserDetailsManager(
                User.withUsername("ops")
                    .password("{noop}ops-secret")
                    .build()
            )
        }
        """,
        SECURITY_PATH,
    )
    assert [(r.patterns, r.access) for r in fragment.access_rules] == [
        (("/actuator/**",), "permitAll"),
        ((), "authenticated"),
    ]
    [service] = fragment.services
    assert [f.location.start_line for f in facts(service, FactKind.CSRF_DISABLED)] == [5]
    [password] = facts(service, FactKind.PLAINTEXT_PASSWORD)
    assert (password.name, password.location.start_line) == ("ops", 15)


def test_kotlin_chain_with_ant_matcher_and_csrf_lambda_parameter() -> None:
    fragment = extract(
        """
        package com.example.cards

        class SecurityConfig {
            fun chain(http: HttpSecurity): SecurityFilterChain {
                http
                    .csrf { csrf -> csrf.disable() }
                    .authorizeHttpRequests { auth ->
                        auth
                            .requestMatchers(antMatcher("/**"))
                            .permitAll()
                    }
                return http.build()
            }
        }
        """,
        SECURITY_PATH,
    )
    assert [(r.patterns, r.access) for r in fragment.access_rules] == [(("/**",), "permitAll")]
    [service] = fragment.services
    assert [f.location.start_line for f in facts(service, FactKind.CSRF_DISABLED)] == [6]


def _kotlin_facts(body: str, kind: FactKind) -> list[tuple[str, Tri, int]]:
    fragment = extract(
        f"""
        package com.example.cards

        @RestController
        class ToolController(val restTemplate: RestTemplate, val jdbc: JdbcTemplate) {{
            @PostMapping("/tools")
            fun run(@RequestParam target: String): Any {{
{body}
            }}
        }}
        """,
        KOTLIN_PATH,
    )
    ep = endpoint(fragment, "POST", "/tools")
    return [(f.name, f.from_input, f.location.start_line) for f in facts(ep, kind)]


def test_kotlin_rest_template_with_input_url_is_outbound_http() -> None:
    body = "                return restTemplate.getForObject(target, String::class.java)"
    assert _kotlin_facts(body, FactKind.OUTBOUND_HTTP) == [
        ("restTemplate.getForObject", Tri.YES, 7)
    ]


def test_kotlin_file_from_input_is_file_access_and_a_literal_is_not() -> None:
    body = """                File("/etc/hosts").readText()
                return File("/srv/exports", target).readBytes()"""
    assert _kotlin_facts(body, FactKind.FILE_ACCESS) == [("File", Tri.YES, 8)]


def test_kotlin_sql_variable_built_from_input_then_queried() -> None:
    body = """                val sql = "DELETE FROM jobs WHERE name = '" + target + "'"
                return jdbc.update(sql)"""
    assert _kotlin_facts(body, FactKind.SQL_RAW) == [("jdbc.update", Tri.YES, 8)]


def test_kotlin_caught_exception_message_in_the_response_is_error_text() -> None:
    body = """                try {
                    return jdbc.queryForList("SELECT 1")
                } catch (ex: DataAccessException) {
                    logger.warn(ex.message)
                    return ResponseEntity.status(500).body(ex.message)
                }"""
    assert _kotlin_facts(body, FactKind.ERROR_TEXT_RETURNED) == [("ex.message", Tri.UNKNOWN, 11)]


def test_kotlin_http_basic_block_is_a_scheme_and_a_disabled_one_is_not() -> None:
    fragment = extract(
        """
        package com.example.cards

        class SecurityConfig {
            fun chain(http: HttpSecurity): SecurityFilterChain {
                http {
                    httpBasic { }
                    formLogin { disable() }
                    authorizeHttpRequests { authorize(anyRequest, authenticated) }
                }
                return http.build()
            }
        }
        """,
        SECURITY_PATH,
    )
    [rule] = fragment.access_rules
    assert rule.auth_schemes == ("basic",)


def test_kotlin_entity_repository_and_controller_give_a_flow_to_the_table(tmp_path: Path) -> None:
    files = {
        "cards/src/main/kotlin/com/example/cards/model/Card.kt": """
            package com.example.cards.model

            @Entity
            @Table(name = "cards")
            class Card(
                @Id @GeneratedValue var id: Long? = null,
                @Column(name = "holder_name") var holder: String = "",
                var panLast4: String = "",
                @Transient var cache: String = ""
            )
            """,
        "cards/src/main/kotlin/com/example/cards/repo/CardRepository.kt": """
            package com.example.cards.repo

            import com.example.cards.model.Card

            interface CardRepository : JpaRepository<Card, Long>
            """,
        "cards/src/main/kotlin/com/example/cards/web/CardController.kt": """
            package com.example.cards.web

            import com.example.cards.repo.CardRepository

            @RestController
            class CardController(private val cards: CardRepository) {
                @GetMapping("/cards/{id}")
                fun get(@PathVariable id: Long) = cards.findById(id)
            }
            """,
    }
    for path, body in files.items():
        target = tmp_path / path
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(textwrap.dedent(body).lstrip("\n"), encoding="utf-8")
    model = scan(tmp_path).model
    [store] = [s for s in model.datastores if s.key == "datastore:sql:cards"]
    assert store.fields == ("id", "holder_name", "pan_last4")
    flows = [(f.source, f.target) for f in model.flows if f.target.startswith("datastore:")]
    assert flows == [("endpoint:GET /cards/{id}", "datastore:sql:cards")]


def test_kotlin_cross_origin_with_credentials_and_rate_limiter_annotations() -> None:
    fragment = extract(
        """
        package com.example.cards

        @RestController
        @CrossOrigin(origins = ["*"], allowCredentials = "true")
        class WalletController {
            @RateLimiter(name = "topup")
            @PostMapping("/wallet/topup")
            fun topUp(@RequestParam amount: Long) { }
        }
        """,
        KOTLIN_PATH,
    )
    ep = endpoint(fragment, "POST", "/wallet/topup")
    [cors] = facts(ep, FactKind.CORS_WILDCARD_CREDENTIALS)
    assert cors.location.start_line == 4
    assert ep.rate_limited is Tri.YES
