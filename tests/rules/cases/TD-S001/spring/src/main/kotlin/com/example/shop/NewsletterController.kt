package com.example.shop

import org.springframework.web.bind.annotation.*

@RestController
@RequestMapping("/api/public/newsletter")
class NewsletterController {

    // ruleid: TD-S001
    @PostMapping("/subscribe")
    fun subscribe(@RequestParam email: String): String = "ok"

    // ok: TD-S001
    @GetMapping("/archive")
    fun archive(): String = "[]"
}
