package com.example.portal;

import org.springframework.web.bind.annotation.*;

@RestController
public class ProfileController {

    // ruleid: TD-I005
    @CrossOrigin(origins = "*", allowCredentials = "true")
    @GetMapping("/api/profile")
    public String profile() {
        return "{}";
    }

    // ok: TD-I005
    @CrossOrigin
    @GetMapping("/public/rates")
    public String rates() {
        return "{}";
    }
}
