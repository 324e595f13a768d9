package com.example.reports;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Paths;
import org.springframework.web.bind.annotation.*;

@RestController
@RequestMapping("/reports")
public class BaseTakenController {

    @GetMapping("/download")
    public byte[] download(@RequestParam String name) throws IOException {
        String base = "/var/reports";
        // ruleid: TD-T002
        return Files.readAllBytes(Paths.get(base, name));
    }
}
