package com.example.accounts;

import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.*;

@RestController
@RequestMapping("/members")
public class UserController {

    // ruleid: TD-I006
    @GetMapping("/{id}")
    public ResponseEntity<UserRecord> get(@PathVariable Long id) {
        return ResponseEntity.ok(null);
    }

    // ok: TD-I006
    @GetMapping("/{id}/profile")
    public ResponseEntity<UserProfile> profile(@PathVariable Long id) {
        return ResponseEntity.ok(null);
    }
}

record UserRecord(Long id, String email, String passwordHash) {}

record UserProfile(Long id, String displayName) {}
