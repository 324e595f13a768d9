"""Golden tests: method security annotations and Spring Security configuration."""

from __future__ import annotations

import textwrap
from pathlib import Path

from spring_helpers import endpoint, extract, facts, service

from threatdelta.model import Endpoint, FactKind, Tri
from threatdelta.pipeline import scan

CONFIG_PATH = "bank/src/main/java/com/example/bank/config/SecurityConfig.java"


def test_pre_authorize_on_a_method_requires_authentication() -> None:
    fragment = extract(
        """
        @RestController
        class AdminController {
            @PreAuthorize("hasRole('ADMIN')")
            @PostMapping("/admin/users")
            void create() { }
        }
        """
    )
    ep = endpoint(fragment, "POST", "/admin/users")
    assert ep.authentication is Tri.YES
    assert ep.object_authorization is Tri.YES
    assert ep.guards == ("PreAuthorize",)


def test_secured_on_the_class_applies_to_every_handler() -> None:
    fragment = extract(
        """
        @RestController
        @Secured("ROLE_USER")
        class ProfileController {
            @GetMapping("/me")
            String me() { return ""; }
        }
        """
    )
    assert endpoint(fragment, "GET", "/me").authentication is Tri.YES


def test_is_authenticated_says_nothing_about_the_object() -> None:
    fragment = extract(
        """
        @RestController
        class DocController {
            @PreAuthorize("isAuthenticated()")
            @GetMapping("/docs/{id}")
            String doc(@PathVariable Long id) { return ""; }
        }
        """
    )
    ep = endpoint(fragment, "GET", "/docs/{id}")
    assert (ep.authentication, ep.object_authorization) == (Tri.YES, Tri.UNKNOWN)


def test_principal_expression_is_object_level_authorization() -> None:
    fragment = extract(
        """
        @RestController
        class AccountController {
            @PreAuthorize("#id == principal.id")
            @GetMapping("/accounts/{id}")
            String get(@PathVariable Long id) { return ""; }
        }
        """
    )
    assert endpoint(fragment, "GET", "/accounts/{id}").object_authorization is Tri.YES


def test_pre_authorize_permit_all_opens_the_handler_with_a_fact() -> None:
    fragment = extract(
        """
        @RestController
        class SignupController {
            @PreAuthorize("permitAll()")
            @PostMapping("/signup")
            void signup() { }
        }
        """
    )
    ep = endpoint(fragment, "POST", "/signup")
    assert ep.authentication is Tri.NO
    [fact] = facts(ep, FactKind.PERMIT_ALL)
    assert fact.location.start_line == 3


def test_lambda_dsl_matchers_become_ordered_access_rules() -> None:
    fragment = extract(
        """
        @Configuration
        class SecurityConfig {
            @Bean
            SecurityFilterChain chain(HttpSecurity http) throws Exception {
                http.authorizeHttpRequests(auth -> auth
                    .requestMatchers(HttpMethod.GET, "/api/public/**").permitAll()
                    .requestMatchers("/admin/**").hasRole("ADMIN")
                    .anyRequest().authenticated());
                return http.build();
            }
        }
        """,
        CONFIG_PATH,
    )
    rules = [
        (r.order, r.patterns, r.methods, r.access, r.authentication) for r in fragment.access_rules
    ]
    assert rules == [
        (0, ("/api/public/**",), ("GET",), "permitAll", Tri.NO),
        (1, ("/admin/**",), (), "hasRole", Tri.YES),
        (2, (), (), "authenticated", Tri.YES),
    ]
    assert [r.location.start_line for r in fragment.access_rules] == [6, 7, 8]
    assert {r.service for r in fragment.access_rules} == {"bank"}


def test_older_ant_matchers_in_a_configurer_adapter_are_read() -> None:
    fragment = extract(
        """
        @EnableWebSecurity
        class LegacySecurity extends WebSecurityConfigurerAdapter {
            @Override
            protected void configure(HttpSecurity http) throws Exception {
                http.authorizeRequests()
                    .antMatchers("/health", "/login").permitAll()
                    .anyRequest().authenticated();
            }
        }
        """,
        CONFIG_PATH,
    )
    assert [(r.patterns, r.access) for r in fragment.access_rules] == [
        (("/health", "/login"), "permitAll"),
        ((), "authenticated"),
    ]
    assert service(fragment).framework == "spring"


def test_each_csrf_disable_spelling_is_a_fact_on_the_service() -> None:
    fragment = extract(
        """
        class SecurityConfig {
            SecurityFilterChain a(HttpSecurity http) throws Exception {
                http.csrf().disable();
                http.csrf(c -> c.disable());
                http.csrf(AbstractHttpConfigurer::disable);
                http.csrf(c -> c.ignoringRequestMatchers("/webhooks/**"));
                return http.build();
            }
        }
        """,
        CONFIG_PATH,
    )
    found = facts(service(fragment), FactKind.CSRF_DISABLED)
    assert [f.location.start_line for f in found] == [3, 4, 5]


def test_noop_in_memory_user_is_a_plaintext_password_named_by_user() -> None:
    fragment = extract(
        """
        class Users {
            @Bean
            UserDetailsService users() {
                return new InMemoryUserDetailsManager(User.withUsername("admin")
                    .password("{noop}secret-pass").roles("ADMIN").build());
            }
        }
        """,
        CONFIG_PATH,
    )
    [fact] = facts(service(fragment), FactKind.PLAINTEXT_PASSWORD)
    assert (fact.name, fact.location.start_line) == ("admin", 5)


ADMIN_PATH = "bank/src/main/java/com/example/bank/web/AdminController.java"
ADMIN_CONTROLLER = """
@RestController
class AdminController {
    @PreAuthorize("hasRole('ADMIN')")
    @DeleteMapping("/admin/users/{id}")
    void delete(@PathVariable Long id) { }
}
"""


def _endpoint(root: Path, key: str) -> Endpoint:
    found = [ep for ep in scan(root).model.endpoints if ep.key == key]
    assert len(found) == 1, key
    return found[0]


def _write(root: Path, path: str, text: str) -> None:
    target = root / path
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_text(textwrap.dedent(text).lstrip("\n"), encoding="utf-8")


def test_linker_applies_the_first_matching_rule_to_the_services_endpoints(tmp_path: Path) -> None:
    _write(
        tmp_path,
        CONFIG_PATH,
        """
        class SecurityConfig {
            SecurityFilterChain chain(HttpSecurity http) throws Exception {
                http.authorizeHttpRequests(a -> a
                    .requestMatchers("/api/public/**").permitAll()
                    .anyRequest().authenticated());
                return http.build();
            }
        }
        """,
    )
    _write(
        tmp_path,
        "bank/src/main/java/com/example/bank/web/PublicController.java",
        """
        @RestController
        class PublicController {
            @PostMapping("/api/public/feedback")
            void feedback(@RequestBody String text) { }

            @PostMapping("/api/transfers")
            void transfer(@RequestBody String text) { }
        }
        """,
    )
    opened = _endpoint(tmp_path, "endpoint:POST /api/public/feedback")
    closed = _endpoint(tmp_path, "endpoint:POST /api/transfers")
    assert opened.authentication is Tri.NO
    assert "permitAll" in opened.guards
    assert [f.location.start_line for f in facts(opened, FactKind.PERMIT_ALL)] == [4]
    assert closed.authentication is Tri.YES
    assert not facts(closed, FactKind.PERMIT_ALL)


def test_method_security_wins_over_a_permit_all_matcher(tmp_path: Path) -> None:
    _write(
        tmp_path,
        CONFIG_PATH,
        """
        @EnableMethodSecurity
        class SecurityConfig {
            SecurityFilterChain chain(HttpSecurity http) throws Exception {
                http.authorizeHttpRequests(a -> a.anyRequest().permitAll());
                return http.build();
            }
        }
        """,
    )
    _write(tmp_path, ADMIN_PATH, ADMIN_CONTROLLER)
    ep = _endpoint(tmp_path, "endpoint:DELETE /admin/users/{id}")
    assert ep.authentication is Tri.YES
    assert not facts(ep, FactKind.PERMIT_ALL)


def test_pre_authorize_without_enabled_method_security_decides_nothing(tmp_path: Path) -> None:
    _write(
        tmp_path,
        CONFIG_PATH,
        """
        @EnableWebSecurity
        @EnableGlobalMethodSecurity(securedEnabled = true)
        class SecurityConfig {
            SecurityFilterChain chain(HttpSecurity http) throws Exception {
                http.authorizeHttpRequests(a -> a.anyRequest().permitAll());
                return http.build();
            }
        }
        """,
    )
    _write(tmp_path, ADMIN_PATH, ADMIN_CONTROLLER)
    ep = _endpoint(tmp_path, "endpoint:DELETE /admin/users/{id}")
    assert ep.authentication is Tri.NO  # the chain's permitAll decides
    assert [f.location.start_line for f in facts(ep, FactKind.PERMIT_ALL)] == [5]


def test_enable_method_security_families_are_service_facts() -> None:
    fragment = extract(
        """
        @Configuration
        @EnableMethodSecurity(securedEnabled = true)
        class MethodSecurityConfig { }
        """,
        CONFIG_PATH,
    )
    found = [f.name for f in facts(service(fragment), FactKind.METHOD_SECURITY_ENABLED)]
    assert found == ["prePost", "secured"]


def test_matchers_built_with_ant_matcher_helpers_give_their_patterns_and_methods() -> None:
    fragment = extract(
        """
        class SecurityConfig {
            SecurityFilterChain chain(HttpSecurity http) throws Exception {
                http.authorizeHttpRequests(a -> a
                    .requestMatchers(antMatcher("/h2-console/**")).permitAll()
                    .requestMatchers(new AntPathRequestMatcher("/api/orders", "POST"))
                        .authenticated()
                    .requestMatchers(PathRequest.toStaticResources().atCommonLocations()).permitAll()
                    .anyRequest().denyAll());
                return http.build();
            }
        }
        """,
        CONFIG_PATH,
    )
    assert [(r.patterns, r.methods, r.access) for r in fragment.access_rules] == [
        (("/h2-console/**",), (), "permitAll"),
        (("/api/orders",), ("POST",), "authenticated"),
        ((), (), "denyAll"),
    ]


def test_http_basic_and_form_login_are_the_rules_auth_schemes_unless_disabled() -> None:
    fragment = extract(
        """
        class SecurityConfig {
            SecurityFilterChain chain(HttpSecurity http) throws Exception {
                http.httpBasic(Customizer.withDefaults())
                    .formLogin(AbstractHttpConfigurer::disable)
                    .oauth2ResourceServer(o -> o.jwt(Customizer.withDefaults()))
                    .authorizeHttpRequests(a -> a.anyRequest().authenticated());
                return http.build();
            }
        }
        """,
        CONFIG_PATH,
    )
    [rule] = fragment.access_rules
    assert rule.auth_schemes == ("basic", "bearer")


def test_linker_gives_the_chains_schemes_to_endpoints_it_authenticates(tmp_path: Path) -> None:
    _write(
        tmp_path,
        CONFIG_PATH,
        """
        class SecurityConfig {
            SecurityFilterChain chain(HttpSecurity http) throws Exception {
                http.httpBasic(b -> { })
                    .authorizeHttpRequests(a -> a
                        .requestMatchers("/public/**").permitAll()
                        .anyRequest().authenticated());
                return http.build();
            }
        }
        """,
    )
    _write(
        tmp_path,
        "bank/src/main/java/com/example/bank/web/C.java",
        """
        @RestController
        class C {
            @GetMapping("/public/rates")
            String rates() { return ""; }

            @GetMapping("/accounts")
            String accounts() { return ""; }
        }
        """,
    )
    assert _endpoint(tmp_path, "endpoint:GET /accounts").auth_schemes == ("basic",)
    assert _endpoint(tmp_path, "endpoint:GET /public/rates").auth_schemes == ()
