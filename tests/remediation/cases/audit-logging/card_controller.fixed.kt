package com.example.bank.web

import org.slf4j.LoggerFactory
import org.springframework.jdbc.core.JdbcTemplate
import org.springframework.security.access.prepost.PreAuthorize
import org.springframework.web.bind.annotation.*

@RestController
@RequestMapping("/api/cards")
class CardController(private val jdbc: JdbcTemplate) {

    private val log = LoggerFactory.getLogger(CardController::class.java)

    // ruleid: TD-R001
    @PreAuthorize("hasRole('ADMIN')")
    @DeleteMapping("/{id}")
    fun revoke(@PathVariable id: Long) {
        log.info("audit: DELETE /api/cards/{id}")
        jdbc.update("UPDATE cards SET revoked = true WHERE id = ?", id)
    }
}
