package com.example.audit;

import java.util.List;
import org.springframework.data.domain.Page;
import org.springframework.data.domain.Pageable;
import org.springframework.web.bind.annotation.*;

@RestController
@RequestMapping("/audit-trail")
public class AuditController {

    // ruleid: TD-D002
    @GetMapping
    public List<AuditEntry> all() {
        return List.of();
    }

    // ok: TD-D002
    @GetMapping("/paged")
    public Page<AuditEntry> paged(Pageable pageable) {
        return Page.empty();
    }
}

record AuditEntry(Long id, String actor, String action) {}
