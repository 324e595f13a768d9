package com.example.bank.web

import org.springframework.jdbc.core.JdbcTemplate
import org.springframework.web.bind.annotation.GetMapping
import org.springframework.web.bind.annotation.RequestParam
import org.springframework.web.bind.annotation.RestController

@RestController
class CardController(private val jdbc: JdbcTemplate) {
    @GetMapping("/api/cards/lookup")
    fun lookup(@RequestParam last4: String): List<Map<String, Any>> {
        // ruleid: TD-T001
        return jdbc.queryForList("SELECT id, holder FROM cards WHERE pan_last4 = ?", last4)
    }
}
