package com.example.shop;

import org.springframework.web.bind.annotation.*;

@RestController
@RequestMapping("/api/orders")
public class OrderController {

    // ok: TD-S001
    @PostMapping
    public String create(@RequestBody String order) {
        return "created";
    }
}
