package com.example.shop;

import org.springframework.web.bind.annotation.*;

@RestController
@RequestMapping("/api/public")
public class PublicController {

    // ok: TD-S001
    @GetMapping("/rates")
    public String rates() {
        return "{}";
    }

    // ruleid: TD-S001
    @PostMapping("/feedback")
    public String feedback(@RequestBody String text) {
        return "thanks";
    }
}
