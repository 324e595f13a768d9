package com.example.bank.web;

import java.security.Principal;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.web.bind.annotation.*;

@RestController
@RequestMapping("/api/accounts")
public class AccountController {

    private static final Logger log = LoggerFactory.getLogger(AccountController.class);

    // ruleid: TD-R001
    @PostMapping("/{id}/close")
    public void close(@PathVariable Long id, Principal principal) {
        log.info("audit: POST /api/accounts/{id}/close by {}", principal.getName());
        accounts.close(id, principal.getName());
    }
}
