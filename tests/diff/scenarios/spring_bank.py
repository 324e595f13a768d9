"""A Spring service: a security filter chain in one file, controllers in others."""

from __future__ import annotations

from scenarios.builder import PullRequest
from scenarios.catalogue import Scenario

SECURITY = """\
package com.example.bank;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.web.SecurityFilterChain;

@Configuration
public class SecurityConfig {

    @Bean
    SecurityFilterChain filterChain(HttpSecurity http) throws Exception {
        http.authorizeHttpRequests(auth -> auth
                .requestMatchers("/api/public/**").permitAll()
                .anyRequest().authenticated());
        return http.build();
    }
}
"""

# The PR opens the transfers API to anonymous callers "for the partner integration".
SECURITY_OPENED = SECURITY.replace(
    """                .requestMatchers("/api/public/**").permitAll()
""",
    """                .requestMatchers("/api/public/**").permitAll()
                .requestMatchers("/api/transfers/**").permitAll()
""",
)

TRANSFERS = """\
package com.example.bank;

import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.web.bind.annotation.*;

@RestController
@RequestMapping("/api/transfers")
public class TransferController {

    private static final Logger log = LoggerFactory.getLogger(TransferController.class);
    private final JdbcTemplate jdbcTemplate;

    public TransferController(JdbcTemplate jdbcTemplate) {
        this.jdbcTemplate = jdbcTemplate;
    }

    @PostMapping
    public Map<String, String> create(@RequestParam String iban, @RequestParam long cents) {
        log.info("transfer to {}", iban);
        jdbcTemplate.update("INSERT INTO transfers (iban, cents) VALUES (?, ?)", iban, cents);
        return Map.of("status", "queued");
    }

    @GetMapping("/search")
    public List<Map<String, Object>> search(@RequestParam String iban) {
        return jdbcTemplate.queryForList("SELECT * FROM transfers WHERE iban = '" + iban + "'");
    }
}
"""

# The PR also binds the search parameter instead of concatenating it.
TRANSFERS_BOUND = TRANSFERS.replace(
    """jdbcTemplate.queryForList("SELECT * FROM transfers WHERE iban = '" + iban + "'")""",
    """jdbcTemplate.queryForList("SELECT * FROM transfers WHERE iban = ?", iban)""",
)

ROOT = "bank/src/main/java/com/example/bank"
FILES = {
    f"{ROOT}/SecurityConfig.java": SECURITY,
    f"{ROOT}/TransferController.java": TRANSFERS,
    "bank/README.md": "# bank\n\nThe transfers API.\n",
}

TRANSFERS_OPENED_AND_SEARCH_BOUND = Scenario(
    "spring-transfers-opened-search-bound",
    FILES,
    PullRequest(
        write={
            f"{ROOT}/SecurityConfig.java": SECURITY_OPENED,
            f"{ROOT}/TransferController.java": TRANSFERS_BOUND,
        }
    ),
)
