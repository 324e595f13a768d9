package com.example.bank.web;

import java.util.Map;
import org.springframework.web.bind.annotation.*;

@RestController
@RequestMapping("/internal/ops")
public class OpsController {

    // ruleid: TD-R001
    @PostMapping("/reports/export")
    public Map<String, String> export(@RequestParam String report) {
        reports.start(report);
        return Map.of("status", "started");
    }
}
