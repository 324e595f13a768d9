package com.example.portal;

import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;

@RestControllerAdvice
public class ApiErrors {

    @ExceptionHandler(RuntimeException.class)
    public ResponseEntity<String> unexpected(RuntimeException ex) {
        // ruleid: TD-I001
        return ResponseEntity.status(500).body(ex.getMessage());
    }

    @ExceptionHandler(IllegalArgumentException.class)
    public ResponseEntity<String> invalid(IllegalArgumentException ex) {
        // ok: TD-I001
        return ResponseEntity.badRequest().body("invalid request");
    }
}
