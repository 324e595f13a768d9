package com.example.media;

import java.io.IOException;
import org.springframework.web.bind.annotation.*;

@RestController
@RequestMapping("/api/thumbnails")
public class ThumbnailController {

    @PostMapping
    public String create(@RequestParam String file) throws IOException {
        // ruleid: TD-E005
        Runtime.getRuntime().exec("convert " + file + " -resize 64x64 thumb.png");
        return "ok";
    }

    @PostMapping("/cleanup")
    public String cleanup() throws IOException {
        // ok: TD-E005
        new ProcessBuilder("find", "/tmp/thumbs", "-mtime", "+1", "-delete").start();
        return "ok";
    }
}
