package com.example.enforced;

import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.*;

@RestController
@RequestMapping("/ledger")
public class LedgerController {

    // ok: TD-S001
    @PreAuthorize("hasRole('ACCOUNTANT')")
    @PostMapping("/close-month")
    public String closeMonth() {
        return "closed";
    }
}
