package com.example.ledger;

import java.util.List;
import jakarta.persistence.EntityManager;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.web.bind.annotation.*;

@RestController
@RequestMapping("/api/entries")
public class EntryController {

    private final JdbcTemplate jdbcTemplate;
    private final EntityManager entityManager;

    public EntryController(JdbcTemplate jdbcTemplate, EntityManager entityManager) {
        this.jdbcTemplate = jdbcTemplate;
        this.entityManager = entityManager;
    }

    @GetMapping("/{id}")
    public List<?> byId(@PathVariable String id) {
        String sql = "SELECT * FROM entries WHERE id = " + id;
        // ruleid: TD-T001
        return jdbcTemplate.queryForList(sql);
    }

    @GetMapping
    public List<?> search(@RequestParam String memo) {
        // ruleid: TD-T001
        return entityManager.createQuery("select e from Entry e where e.memo like '%" + memo + "%'")
                .getResultList();
    }

    @GetMapping("/bound/{id}")
    public List<?> bound(@PathVariable String id) {
        // ok: TD-T001
        return jdbcTemplate.queryForList("SELECT * FROM entries WHERE id = ?", id);
    }
}
