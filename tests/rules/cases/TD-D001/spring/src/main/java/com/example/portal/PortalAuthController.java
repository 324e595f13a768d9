package com.example.portal;

import io.github.resilience4j.ratelimiter.annotation.RateLimiter;
import org.springframework.web.bind.annotation.*;

@RestController
@RequestMapping("/portal")
public class PortalAuthController {

    // ruleid: TD-D001
    @PostMapping("/login")
    public String login(@RequestParam String username, @RequestParam String password) {
        return "token";
    }

    // ok: TD-D001
    @RateLimiter(name = "password-reset")
    @PostMapping("/password-reset")
    public String reset(@RequestParam String email) {
        return "sent";
    }
}
