"""Golden tests: Spring Boot settings files and MyBatis mapper annotations."""

from __future__ import annotations

from spring_helpers import extract, facts, service

from threatdelta.extractors.base import SourceFile
from threatdelta.extractors.web.spring import SpringExtractor
from threatdelta.model import FactKind, Tri

PROPS = "bank/src/main/resources/application.properties"
YAML = "bank/src/main/resources/application.yml"


def test_actuator_exposure_in_properties_is_a_service_fact_named_by_its_list() -> None:
    fragment = extract(
        """
        spring.application.name=bank
        management.endpoints.web.exposure.include = health, env
        """,
        PROPS,
    )
    [fact] = facts(service(fragment), FactKind.MANAGEMENT_ENDPOINTS_EXPOSED)
    assert (fact.name, fact.location.start_line) == ("health,env", 2)
    assert service(fragment).name == "bank"


def test_actuator_exposure_list_in_yaml_is_joined() -> None:
    fragment = extract(
        """
        management:
          endpoints:
            web:
              exposure:
                include:
                  - health
                  - heapdump
        """,
        YAML,
    )
    [fact] = facts(service(fragment), FactKind.MANAGEMENT_ENDPOINTS_EXPOSED)
    assert (fact.name, fact.location.start_line) == ("health,heapdump", 5)


def test_literal_datasource_password_is_a_hardcoded_secret_and_a_placeholder_is_not() -> None:
    fragment = extract(
        """
        spring:
          datasource:
            url: jdbc:postgresql://db:5432/bank
            password: Pr0d-DB-pass!
        jwt:
          secret: ${JWT_SECRET}
        """,
        YAML,
    )
    found = facts(service(fragment), FactKind.HARDCODED_SECRET)
    assert [(f.name, f.location.start_line) for f in found] == [("spring.datasource.password", 4)]


def test_default_user_password_literal_is_a_plaintext_password() -> None:
    fragment = extract(
        """
        # the default user
        spring.security.user.name=ops
        spring.security.user.password=letmein-123
        """,
        PROPS,
    )
    [fact] = facts(service(fragment), FactKind.PLAINTEXT_PASSWORD)
    assert (fact.name, fact.location.start_line) == ("ops", 3)


def test_continued_property_lines_are_one_setting() -> None:
    fragment = extract(
        """
        management.endpoints.web.exposure.include=health,\\
            info,env
        """,
        PROPS,
    )
    [fact] = facts(service(fragment), FactKind.MANAGEMENT_ENDPOINTS_EXPOSED)
    assert fact.name == "health,info,env"


def test_settings_file_without_findings_gives_no_service() -> None:
    assert extract("server.port=8080\n", PROPS).services == ()


def test_only_application_and_bootstrap_settings_files_are_claimed() -> None:
    extractor = SpringExtractor()
    assert extractor.claims(SourceFile(path=YAML, text="a: 1"))
    assert extractor.claims(
        SourceFile(path="svc/src/main/resources/application-prod.yaml", text="")
    )
    assert not extractor.claims(SourceFile(path="svc/config/logback.properties", text=""))


def test_mybatis_dollar_interpolation_is_raw_sql_from_input_on_the_service() -> None:
    fragment = extract(
        """
        @Mapper
        public interface AccountMapper {
            @Select("SELECT * FROM accounts ORDER BY ${sort}")
            List<Account> sorted(@Param("sort") String sort);

            @Select("SELECT * FROM accounts WHERE id = #{id}")
            Account byId(@Param("id") long id);
        }
        """,
        "bank/src/main/java/com/example/bank/repo/AccountMapper.java",
    )
    [fact] = facts(service(fragment), FactKind.SQL_RAW)
    assert (fact.name, fact.from_input, fact.location.start_line) == (
        "AccountMapper.sorted",
        Tri.YES,
        3,
    )


MAPPER_XML = """\
<?xml version="1.0" encoding="UTF-8" ?>
<!DOCTYPE mapper PUBLIC "-//mybatis.org//DTD Mapper 3.0//EN" "http://mybatis.org/dtd/mybatis-3-mapper.dtd">
<mapper namespace="com.example.bank.repo.AccountMapper">
  <!-- ${ignored} in a comment -->
  <select id="search" resultType="map">
    SELECT * FROM accounts
    WHERE owner = #{owner}
    ORDER BY ${sort} ${direction}
  </select>
  <select id="byId" resultType="map">
    SELECT * FROM accounts WHERE id = #{id}
  </select>
</mapper>
"""


def test_mybatis_xml_statement_with_dollar_interpolation_is_raw_sql() -> None:
    path = "bank/src/main/resources/mapper/AccountMapper.xml"
    extractor = SpringExtractor()
    source = SourceFile(path=path, text=MAPPER_XML)
    assert extractor.claims(source)
    [fact] = facts(service(extractor.extract(source)), FactKind.SQL_RAW)
    assert (fact.name, fact.from_input, fact.location.start_line) == (
        "AccountMapper.search",
        Tri.YES,
        8,
    )
    assert "sort, direction" in fact.detail


def test_xml_file_named_like_a_mapper_without_a_mapper_element_is_not_claimed() -> None:
    source = SourceFile(path="bank/config/FieldMapper.xml", text="<beans/>")
    assert not SpringExtractor().claims(source)


def test_session_cookie_and_error_settings_that_switch_protections_off_are_facts() -> None:
    fragment = extract(
        """
        server:
          servlet:
            session:
              cookie:
                secure: false
                http-only: true
          error:
            include-stacktrace: always
            include-message: never
        spring:
          h2:
            console:
              enabled: true
        """,
        YAML,
    )
    found = [(f.kind, f.name, f.location.start_line) for f in service(fragment).facts]
    assert found == [
        (FactKind.INSECURE_COOKIE, "server.servlet.session.cookie.secure", 5),
        (FactKind.ERROR_TEXT_RETURNED, "server.error.include-stacktrace", 8),
        (FactKind.DEBUG_ENABLED, "spring.h2.console.enabled", 13),
    ]
