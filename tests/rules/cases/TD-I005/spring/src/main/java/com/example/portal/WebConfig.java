package com.example.portal;

import org.springframework.context.annotation.Configuration;
import org.springframework.web.servlet.config.annotation.CorsRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

@Configuration
public class WebConfig implements WebMvcConfigurer {

    @Override
    public void addCorsMappings(CorsRegistry registry) {
        registry.addMapping("/api/**")
                // ruleid: TD-I005
                .allowedOriginPatterns("*")
                .allowCredentials(true);
        registry.addMapping("/public/**")
                // ok: TD-I005
                .allowedOrigins("https://portal.example.com")
                .allowCredentials(true);
    }
}
