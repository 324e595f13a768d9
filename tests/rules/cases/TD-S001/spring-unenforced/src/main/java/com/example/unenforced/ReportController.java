package com.example.unenforced;

import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.*;

@RestController
@RequestMapping("/reports")
public class ReportController {

    // ruleid: TD-S001
    @PreAuthorize("hasRole('ANALYST')")
    @PostMapping("/rebuild")
    public String rebuild() {
        return "started";
    }
}
