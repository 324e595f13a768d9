package com.example.reports;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.*;
import org.springframework.web.server.ResponseStatusException;

@RestController
@RequestMapping("/reports")
public class ReportController {

    @GetMapping("/download")
    public byte[] download(@RequestParam String name) throws IOException {
        // ruleid: TD-T002
        Path base = Paths.get("/var/reports").normalize();
        Path file = base.resolve(name).normalize();
        if (!file.startsWith(base)) {
            throw new ResponseStatusException(HttpStatus.NOT_FOUND);
        }
        return Files.readAllBytes(file);
    }
}
