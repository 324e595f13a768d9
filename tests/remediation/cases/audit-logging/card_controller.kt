package com.example.bank.web

import org.springframework.jdbc.core.JdbcTemplate
import org.springframework.security.access.prepost.PreAuthorize
import org.springframework.web.bind.annotation.*

@RestController
@RequestMapping("/api/cards")
class CardController(private val jdbc: JdbcTemplate) {

    // ruleid: TD-R001
    @PreAuthorize("hasRole('ADMIN')")
    @DeleteMapping("/{id}")
    fun revoke(@PathVariable id: Long) {
        jdbc.update("UPDATE cards SET revoked = true WHERE id = ?", id)
    }
}
