package com.example.web;

import java.util.Map;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

@RestController
public class SpringNoLogger {
    @GetMapping("/balance")
    public Map<String, Object> balance() {
        try {
            return Map.of("balance", 10);
        } catch (RuntimeException e) {
            // ruleid: TD-I001
            return Map.of("error", e.getMessage());
        }
    }
}
