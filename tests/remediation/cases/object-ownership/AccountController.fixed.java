package com.example.bank.web;

import java.security.Principal;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

@RestController
@RequestMapping("/api/accounts")
public class AccountController {
    private final AccountRepository accountRepository;

    public AccountController(AccountRepository accountRepository) {
        this.accountRepository = accountRepository;
    }

    @GetMapping("/{id}")
    public Account get(@PathVariable Long id, Principal principal) {
        // ruleid: TD-E001
        Account account = accountRepository.findById(id).orElseThrow();
        if (!account.getOwner().equals(principal.getName())) {
            throw new AccessDeniedException("not your account");
        }
        return account;
    }

    @GetMapping("/{id}/details")
    public Account details(@PathVariable Long id, Principal principal) {
        Account account = accountRepository.findById(id).orElseThrow();
        if (!account.getOwner().equals(principal.getName())) {
            throw new AccessDeniedException("not your account");
        }
        return account;
    }
}
