"""Golden tests: Spring CORS settings to facts."""

from __future__ import annotations

from spring_helpers import endpoint, extract, facts, service

from threatdelta.model import FactKind

CONFIG_PATH = "bank/src/main/java/com/example/bank/config/WebConfig.java"


def test_cross_origin_with_credentials_on_the_class_applies_to_each_handler() -> None:
    fragment = extract(
        """
        @RestController
        @CrossOrigin(origins = "*", allowCredentials = "true")
        class ProfileController {
            @GetMapping("/me")
            String me() { return ""; }
        }
        """
    )
    [fact] = facts(endpoint(fragment, "GET", "/me"), FactKind.CORS_WILDCARD_CREDENTIALS)
    assert (fact.name, fact.location.start_line) == ("@CrossOrigin", 2)


def test_bare_cross_origin_is_a_wildcard_without_credentials() -> None:
    fragment = extract(
        """
        @RestController
        class RatesController {
            @CrossOrigin
            @GetMapping("/rates")
            String rates() { return ""; }
        }
        """
    )
    ep = endpoint(fragment, "GET", "/rates")
    assert [f.location.start_line for f in facts(ep, FactKind.CORS_WILDCARD)] == [3]
    assert not facts(ep, FactKind.CORS_WILDCARD_CREDENTIALS)


def test_cross_origin_listing_origins_is_no_fact() -> None:
    fragment = extract(
        """
        @RestController
        @CrossOrigin(origins = {"https://app.example.com"}, allowCredentials = "true")
        class AppController {
            @GetMapping("/app")
            String app() { return ""; }
        }
        """
    )
    assert endpoint(fragment, "GET", "/app").facts == ()


def test_global_cors_registry_with_any_origin_and_credentials_is_a_service_fact() -> None:
    fragment = extract(
        """
        @Configuration
        class WebConfig implements WebMvcConfigurer {
            @Override
            public void addCorsMappings(CorsRegistry registry) {
                registry.addMapping("/api/**")
                    .allowedOriginPatterns("*")
                    .allowCredentials(true);
            }
        }
        """,
        CONFIG_PATH,
    )
    [fact] = facts(service(fragment), FactKind.CORS_WILDCARD_CREDENTIALS)
    assert (fact.name, fact.location.start_line) == ("allowedOriginPatterns", 6)


def test_cors_configuration_bean_with_a_wildcard_list_is_a_wildcard_fact() -> None:
    fragment = extract(
        """
        @Configuration
        class WebConfig {
            @Bean
            CorsConfigurationSource cors() {
                CorsConfiguration config = new CorsConfiguration();
                config.setAllowedOrigins(List.of("*"));
                config.setAllowCredentials(false);
                return request -> config;
            }
        }
        """,
        CONFIG_PATH,
    )
    assert [f.location.start_line for f in facts(service(fragment), FactKind.CORS_WILDCARD)] == [6]


def test_credentials_of_another_registry_mapping_do_not_count() -> None:
    fragment = extract(
        """
        class WebConfig implements WebMvcConfigurer {
            public void addCorsMappings(CorsRegistry registry) {
                registry.addMapping("/widget/**").allowedOrigins("*");
                registry.addMapping("/api/**").allowedOrigins("https://a.example").allowCredentials(true);
            }
        }
        """,
        CONFIG_PATH,
    )
    assert [f.kind for f in service(fragment).facts] == [FactKind.CORS_WILDCARD]
