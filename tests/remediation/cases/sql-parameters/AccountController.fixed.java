package com.example.bank.web;

import java.util.List;
import java.util.Map;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

@RestController
public class AccountController {
    private final JdbcTemplate jdbcTemplate;

    public AccountController(JdbcTemplate jdbcTemplate) {
        this.jdbcTemplate = jdbcTemplate;
    }

    @GetMapping("/api/accounts/search")
    public List<Map<String, Object>> search(@RequestParam String owner) {
        String sql = "SELECT id, iban FROM accounts WHERE owner = ?";
        // ruleid: TD-T001
        return jdbcTemplate.queryForList(sql, owner);
    }
}
