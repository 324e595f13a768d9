package com.example.portal;

import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.*;

@RestController
public class CatalogController {

    // ok: TD-E016
    @PreAuthorize("permitAll()")
    @GetMapping("/api/catalog")
    public String catalog() {
        return "[]";
    }

    // ruleid: TD-E016
    @PreAuthorize("permitAll()")
    @PostMapping("/internal/reindex")
    public String reindex() {
        return "ok";
    }

    // ok: TD-E016
    @PreAuthorize("hasRole('ADMIN')")
    @DeleteMapping("/admin/users/{id}")
    public void deleteUser(@PathVariable Long id) {
    }
}
