"""Golden tests: Spring MVC / WebFlux request mappings to endpoints (one idiom each)."""

from __future__ import annotations

from spring_helpers import endpoint, extract, keys

from threatdelta.model import FactKind, ParamLocation, Tri


def test_class_request_mapping_prefixes_method_shortcut_mappings() -> None:
    fragment = extract(
        """
        @RestController
        @RequestMapping("/api/accounts")
        public class AccountController {
            @GetMapping("/{id}")
            public Account get(@PathVariable Long id) { return null; }

            @DeleteMapping(path = "/{id}")
            public void delete(@PathVariable("id") Long accountId) { }
        }
        """
    )
    assert keys(fragment) == ["DELETE /api/accounts/{id}", "GET /api/accounts/{id}"]
    ep = endpoint(fragment, "GET", "/api/accounts/{id}")
    assert ep.handler is not None and (ep.handler.start_line, ep.handler.end_line) == (4, 5)
    assert ep.handler_name == "AccountController.get"
    assert ep.sources == ("spring",)
    assert ep.service == "bank"


def test_request_mapping_with_method_and_path_arrays_gives_each_combination() -> None:
    fragment = extract(
        """
        @Controller
        @RequestMapping({"/v1", "/v2"})
        class TransferController {
            @RequestMapping(value = "/transfers", method = {RequestMethod.POST, RequestMethod.PUT})
            String transfer() { return "ok"; }
        }
        """
    )
    assert keys(fragment) == [
        "POST /v1/transfers",
        "POST /v2/transfers",
        "PUT /v1/transfers",
        "PUT /v2/transfers",
    ]


def test_request_mapping_without_a_method_is_reported_as_get_and_post() -> None:
    fragment = extract(
        """
        @RestController
        class PingController {
            @RequestMapping("/ping")
            String ping() { return "pong"; }
        }
        """
    )
    assert keys(fragment) == ["GET /ping", "POST /ping"]


def test_regex_path_variable_becomes_a_plain_parameter() -> None:
    fragment = extract(
        """
        @RestController
        class FileController {
            @GetMapping("/files/{name:.+}")
            String get(@PathVariable String name) { return name; }
        }
        """
    )
    assert keys(fragment) == ["GET /files/{name}"]


def test_path_query_and_header_parameters_are_declared() -> None:
    fragment = extract(
        """
        @RestController
        class SearchController {
            @GetMapping("/search/{scope}")
            String search(@PathVariable String scope,
                          @RequestParam(value = "q") String query,
                          @RequestParam(required = false) Integer page,
                          @RequestHeader("X-Api-Key") String apiKey) { return ""; }
        }
        """
    )
    params = {
        (p.name, p.location, p.required)
        for p in endpoint(fragment, "GET", "/search/{scope}").parameters
    }
    assert params == {
        ("scope", ParamLocation.PATH, True),
        ("q", ParamLocation.QUERY, True),
        ("page", ParamLocation.QUERY, False),
        ("X-Api-Key", ParamLocation.HEADER, True),
    }


def test_valid_request_body_record_in_the_same_file_gives_fields_and_a_schema() -> None:
    fragment = extract(
        """
        @RestController
        class UserController {
            @PostMapping("/users")
            User create(@Valid @RequestBody CreateUser body) { return null; }
        }

        record CreateUser(String email, String password, String displayName) {}
        """
    )
    ep = endpoint(fragment, "POST", "/users")
    assert ep.request_fields == ("email", "password", "displayName")
    assert ep.request_schema is Tri.YES
    assert ep.request_data  # email and password are sensitive classes


def test_request_body_class_fields_without_valid_leave_the_schema_unknown() -> None:
    fragment = extract(
        """
        @RestController
        class NoteController {
            @PutMapping("/notes/{id}")
            void update(@PathVariable Long id, @RequestBody Note note) { }
        }

        class Note {
            private static final long serialVersionUID = 1L;
            private String title;
            private String body;
        }
        """
    )
    ep = endpoint(fragment, "PUT", "/notes/{id}")
    assert ep.request_fields == ("title", "body")
    assert ep.request_schema is Tri.UNKNOWN


def test_map_request_body_has_no_schema() -> None:
    fragment = extract(
        """
        @RestController
        class SettingsController {
            @PatchMapping("/settings")
            void patch(@RequestBody Map<String, Object> changes) { }
        }
        """
    )
    assert endpoint(fragment, "PATCH", "/settings").request_schema is Tri.NO


def test_webflux_annotated_controller_is_read_like_mvc() -> None:
    fragment = extract(
        """
        @RestController
        @RequestMapping("/reactive")
        class QuoteController {
            @GetMapping("/quotes/{id}")
            Mono<Quote> quote(@PathVariable String id) { return Mono.empty(); }
        }
        """
    )
    assert keys(fragment) == ["GET /reactive/quotes/{id}"]


def test_class_without_controller_annotation_gives_no_endpoints() -> None:
    fragment = extract(
        """
        @Service
        @RequestMapping("/not-a-controller")
        class Helper {
            @GetMapping("/x")
            String x() { return ""; }
        }
        """
    )
    assert keys(fragment) == []


FUNCTIONAL_PATH = "quotes/src/main/java/com/example/quotes/Routes.java"


def test_functional_route_predicates_and_nest_prefixes_become_endpoints() -> None:
    fragment = extract(
        """
        @Configuration
        class Routes {
            @Bean
            RouterFunction<ServerResponse> routes(QuoteHandler h) {
                return nest(path("/v1"),
                    route(GET("/quotes/{id}").and(accept(APPLICATION_JSON)), h::get)
                        .andRoute(POST("/quotes"), h::create));
            }
        }
        """,
        FUNCTIONAL_PATH,
    )
    assert keys(fragment) == ["GET /v1/quotes/{id}", "POST /v1/quotes"]
    assert endpoint(fragment, "POST", "/v1/quotes").handler_name == "h::create"


def test_functional_builder_with_path_prefix_resolves_same_file_handlers() -> None:
    fragment = extract(
        """
        @Configuration
        class Routes {
            @Bean
            RouterFunction<ServerResponse> routes() {
                return RouterFunctions.route()
                    .path("/api", b -> b.GET("/search", this::search))
                    .DELETE("/cache", this::flush)
                    .build();
            }

            Mono<ServerResponse> search(ServerRequest request) {
                String q = request.queryParam("q").orElse("");
                String sql = "select * from t where n = '" + q + "'";
                return ok().bodyValue(jdbcTemplate.queryForList(sql));
            }
        }
        """,
        FUNCTIONAL_PATH,
    )
    assert keys(fragment) == ["DELETE /cache", "GET /api/search"]
    search = endpoint(fragment, "GET", "/api/search")
    assert search.handler is not None and search.handler.start_line == 11
    assert [(f.kind, f.from_input) for f in search.facts] == [(FactKind.SQL_RAW, Tri.YES)]
    flush = endpoint(fragment, "DELETE", "/cache")
    assert flush.handler is not None and flush.handler.start_line == 7


def test_response_record_in_the_same_file_gives_response_fields_and_classes() -> None:
    fragment = extract(
        """
        @RestController
        class UserController {
            @GetMapping("/users/{id}")
            ResponseEntity<UserView> get(@PathVariable Long id) { return null; }
        }

        record UserView(String email, String passwordHash) {}
        """
    )
    ep = endpoint(fragment, "GET", "/users/{id}")
    assert ep.response_fields == ("email", "passwordHash")
    assert ep.response_data
    assert ep.returns_collection is Tri.NO


def test_list_result_without_page_parameters_is_an_unpaginated_collection() -> None:
    fragment = extract(
        """
        @RestController
        class AuditController {
            @GetMapping("/audit")
            List<AuditEntry> all(@RequestParam String actor) { return null; }

            @GetMapping("/audit/paged")
            Page<AuditEntry> paged(Pageable pageable) { return null; }

            @GetMapping("/audit/limited")
            Flux<AuditEntry> limited(@RequestParam int limit) { return null; }
        }
        """
    )
    every = endpoint(fragment, "GET", "/audit")
    assert (every.returns_collection, every.paginated) == (Tri.YES, Tri.NO)
    assert endpoint(fragment, "GET", "/audit/paged").paginated is Tri.YES
    assert endpoint(fragment, "GET", "/audit/limited").paginated is Tri.YES


def test_rate_limiter_annotation_or_bucket_call_rate_limits_the_handler() -> None:
    fragment = extract(
        """
        @RestController
        class LoginController {
            @RateLimiter(name = "login")
            @PostMapping("/login")
            String login() { return ""; }

            @PostMapping("/otp")
            String otp() {
                if (!bucket.tryConsume(1)) { throw new TooManyRequests(); }
                return "";
            }

            @PostMapping("/register")
            String register() { return ""; }
        }
        """
    )
    assert endpoint(fragment, "POST", "/login").rate_limited is Tri.YES
    assert "RateLimiter" in endpoint(fragment, "POST", "/login").guards
    assert endpoint(fragment, "POST", "/otp").rate_limited is Tri.YES
    assert endpoint(fragment, "POST", "/register").rate_limited is Tri.UNKNOWN
