"""Golden tests: operations in Java handler bodies to code facts (one idiom each)."""

from __future__ import annotations

from spring_helpers import endpoint, extract, facts

from threatdelta.model import FactKind, Tri


def _handler(body: str, signature: str = "@PathVariable String id", verb: str = "Get") -> str:
    return f"""
        @RestController
        class C {{
            @{verb}Mapping("/x/{{id}}")
            Object handle({signature}) throws Exception {{
{body}
            }}
        }}
        """


def _facts(body: str, kind: FactKind, **kwargs: str) -> list[tuple[str, Tri, int]]:
    fragment = extract(_handler(body, **kwargs))
    verb = kwargs.get("verb", "Get").upper()
    ep = endpoint(fragment, verb, "/x/{id}")
    return [(f.name, f.from_input, f.location.start_line) for f in facts(ep, kind)]


def test_jdbc_query_of_a_string_concatenated_from_a_path_variable_is_raw_sql() -> None:
    body = """
                String sql = "SELECT * FROM accounts WHERE id = " + id;
                return jdbcTemplate.queryForList(sql);"""
    assert _facts(body, FactKind.SQL_RAW) == [("jdbcTemplate.queryForList", Tri.YES, 7)]


def test_jdbc_query_with_a_literal_and_bound_arguments_is_not_raw_sql() -> None:
    body = """
                return jdbcTemplate.query("SELECT * FROM accounts WHERE id = ?", mapper, id);"""
    assert _facts(body, FactKind.SQL_RAW) == []


def test_string_builder_appending_input_makes_a_native_query_raw_sql() -> None:
    body = """
                StringBuilder sb = new StringBuilder("select * from t where name = '");
                sb.append(id).append("'");
                return entityManager.createNativeQuery(sb.toString()).getResultList();"""
    assert _facts(body, FactKind.SQL_RAW) == [("entityManager.createNativeQuery", Tri.YES, 8)]


def test_sql_concatenated_from_constants_only_is_not_from_input() -> None:
    body = """
                return jdbcTemplate.queryForList("SELECT * FROM " + TABLE + " WHERE a = 1");"""
    assert _facts(body, FactKind.SQL_RAW) == [("jdbcTemplate.queryForList", Tri.NO, 6)]


def test_statement_execute_query_with_string_format_is_raw_sql() -> None:
    body = """
                Statement st = connection.createStatement();
                return st.executeQuery(String.format("select * from t where id = '%s'", id));"""
    assert _facts(body, FactKind.SQL_RAW) == [("st.executeQuery", Tri.YES, 7)]


def test_runtime_exec_of_input_is_a_command() -> None:
    body = """
                return Runtime.getRuntime().exec("ping -c 1 " + id);"""
    assert _facts(body, FactKind.COMMAND_EXEC) == [("Runtime.exec", Tri.YES, 6)]


def test_process_builder_of_literals_is_a_command_not_from_input() -> None:
    body = """
                return new ProcessBuilder("uptime").start();"""
    assert _facts(body, FactKind.COMMAND_EXEC) == [("ProcessBuilder", Tri.NO, 6)]


def test_rest_template_with_a_url_from_a_request_param_is_outbound_http() -> None:
    body = """
                return restTemplate.getForObject(url, String.class);"""
    found = _facts(body, FactKind.OUTBOUND_HTTP, signature="@RequestParam String url")
    assert found == [("restTemplate.getForObject", Tri.YES, 6)]


def test_new_file_from_input_is_file_access() -> None:
    body = """
                return new File("/srv/reports", id);"""
    assert _facts(body, FactKind.FILE_ACCESS) == [("File", Tri.YES, 6)]


def test_a_normalised_path_checked_against_its_folder_is_no_file_access() -> None:
    body = """
                Path base = Paths.get("/srv/reports").normalize();
                Path file = base.resolve(id).normalize();
                if (!file.startsWith(base)) {
                    throw new ResponseStatusException(HttpStatus.NOT_FOUND);
                }
                return Files.readAllBytes(file);"""
    assert _facts(body, FactKind.FILE_ACCESS) == []


def test_a_prefix_check_on_a_path_not_normalised_or_not_leaving_confines_nothing() -> None:
    body = """
                Path base = Paths.get("/srv/reports");
                Path file = base.resolve(id);
                if (!file.startsWith(base)) {
                    throw new ResponseStatusException(HttpStatus.NOT_FOUND);
                }
                Path other = base.resolve(id).normalize();
                if (!other.startsWith(base)) {
                    log.warn("outside");
                }
                Files.readAllBytes(other);
                return Files.readAllBytes(file);"""
    assert _facts(body, FactKind.FILE_ACCESS) == [
        ("Files.readAllBytes", Tri.YES, 15),
        ("Files.readAllBytes", Tri.YES, 16),
    ]


def test_paths_get_from_input_is_file_access_and_a_literal_path_is_not() -> None:
    body = """
                Files.readAllBytes(Paths.get("/etc/app.conf"));
                return Files.readAllBytes(Paths.get("/srv/docs", id));"""
    assert _facts(body, FactKind.FILE_ACCESS) == [("Paths.get", Tri.YES, 7)]


def test_exception_message_in_the_response_is_error_text() -> None:
    body = """
                try { return service.run(id); }
                catch (Exception e) { return ResponseEntity.status(500).body(e.getMessage()); }"""
    assert _facts(body, FactKind.ERROR_TEXT_RETURNED) == [("e.getMessage", Tri.UNKNOWN, 7)]


def test_object_input_stream_read_object_is_unsafe_deserialization() -> None:
    body = """
                ObjectInputStream in = new ObjectInputStream(request.getInputStream());
                return in.readObject();"""
    found = _facts(body, FactKind.UNSAFE_DESERIALIZATION, signature="HttpServletRequest request")
    assert found == [("ObjectInputStream.readObject", Tri.YES, 7)]


def test_logger_call_in_a_state_changing_handler_is_an_audit_log() -> None:
    fragment = extract(
        _handler(
            '                log.info("closing {}", id);\n                return null;', verb="Post"
        )
    )
    ep = endpoint(fragment, "POST", "/x/{id}")
    assert ep.audit_logged is Tri.YES
    assert [f.name for f in facts(ep, FactKind.AUDIT_LOG)] == ["log.info"]


def test_state_changing_handler_without_a_logger_is_not_audit_logged() -> None:
    fragment = extract(_handler("                return null;", verb="Delete"))
    assert endpoint(fragment, "DELETE", "/x/{id}").audit_logged is Tri.NO


def test_repository_find_by_path_id_without_ownership_check_lacks_object_authorization() -> None:
    fragment = extract(_handler("                return accountRepository.findById(id);"))
    ep = endpoint(fragment, "GET", "/x/{id}")
    assert [f.name for f in facts(ep, FactKind.OBJECT_LOOKUP_BY_ID)] == [
        "accountRepository.findById"
    ]
    assert ep.object_authorization is Tri.NO


def test_owner_compared_with_the_principal_is_an_ownership_check() -> None:
    body = """
                Account a = accountRepository.findById(id).orElseThrow();
                if (!a.getOwner().equals(principal.getName())) { throw new Denied(); }
                return a;"""
    fragment = extract(_handler(body, signature="@PathVariable String id, Principal principal"))
    ep = endpoint(fragment, "GET", "/x/{id}")
    assert facts(ep, FactKind.OWNERSHIP_CHECK)
    assert ep.object_authorization is Tri.YES


def test_authentication_principal_parameter_is_not_request_input() -> None:
    body = """
                return jdbcTemplate.queryForList("select * from t where owner = '" + user + "'");"""
    found = _facts(body, FactKind.SQL_RAW, signature="@AuthenticationPrincipal String user")
    assert found == [("jdbcTemplate.queryForList", Tri.UNKNOWN, 6)]


def test_stack_trace_of_the_caught_exception_is_error_text_and_another_message_is_not() -> None:
    body = """
                try { return service.run(id); }
                catch (IllegalStateException ex) {
                    return ResponseEntity.badRequest().body(ExceptionUtils.getStackTrace(ex));
                }
                catch (RuntimeException ignored) { return template.getMessage(); }"""
    found = _facts(body, FactKind.ERROR_TEXT_RETURNED)
    assert found == [("ExceptionUtils.getStackTrace", Tri.UNKNOWN, 8)]


def test_controller_advice_returning_the_handled_exception_message_is_a_service_fact() -> None:
    fragment = extract(
        """
        @RestControllerAdvice
        class Errors {
            @ExceptionHandler(DataAccessException.class)
            ResponseEntity<String> db(DataAccessException ex) {
                return ResponseEntity.status(500).body(ex.getMessage());
            }

            @ExceptionHandler(IllegalArgumentException.class)
            ResponseEntity<String> bad(IllegalArgumentException ex) {
                log.warn("bad request: {}", ex.getMessage());
                return ResponseEntity.badRequest().body("invalid request");
            }
        }
        """,
        "bank/src/main/java/com/example/bank/web/Errors.java",
    )
    [svc] = fragment.services
    found = [(f.name, f.location.start_line) for f in facts(svc, FactKind.ERROR_TEXT_RETURNED)]
    assert found == [("ex.getMessage", 5)]


def test_web_client_to_a_literal_partner_url_records_the_url_for_the_flow_linker() -> None:
    fragment = extract(
        _handler(
            '                return webClient.get().uri("https://api.partner.example/r/" + id)'
            ".retrieve().bodyToMono(String.class);"
        )
    )
    [fact] = facts(endpoint(fragment, "GET", "/x/{id}"), FactKind.OUTBOUND_HTTP)
    assert (fact.name, fact.from_input) == ("webClient.uri", Tri.YES)
    assert fact.detail == "request to https://api.partner.example/r/"
