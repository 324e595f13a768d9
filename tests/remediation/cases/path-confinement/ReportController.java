package com.example.reports;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Paths;
import org.springframework.web.bind.annotation.*;

@RestController
@RequestMapping("/reports")
public class ReportController {

    @GetMapping("/download")
    public byte[] download(@RequestParam String name) throws IOException {
        // ruleid: TD-T002
        return Files.readAllBytes(Paths.get("/var/reports", name));
    }
}
