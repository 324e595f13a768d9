package com.example.bank.web;

import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.web.bind.annotation.*;

@RestController
@RequestMapping("/internal/ops")
public class OpsController {

    private static final Logger log = LoggerFactory.getLogger(OpsController.class);

    // ruleid: TD-R001
    @PostMapping("/reports/export")
    public Map<String, String> export(@RequestParam String report) {
        log.info("audit: POST /internal/ops/reports/export");
        reports.start(report);
        return Map.of("status", "started");
    }
}
