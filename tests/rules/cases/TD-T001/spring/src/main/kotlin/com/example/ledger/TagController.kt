package com.example.ledger

import org.springframework.jdbc.core.JdbcTemplate
import org.springframework.web.bind.annotation.*

@RestController
@RequestMapping("/api/tags")
class TagController(private val jdbc: JdbcTemplate) {

    @GetMapping
    fun find(@RequestParam tag: String): List<Map<String, Any>> {
        // ruleid: TD-T001
        return jdbc.queryForList("SELECT * FROM tags WHERE name = '$tag'")
    }

    @GetMapping("/bound")
    fun bound(@RequestParam tag: String): List<Map<String, Any>> {
        // ok: TD-T001
        return jdbc.queryForList("SELECT * FROM tags WHERE name = ?", tag)
    }
}
