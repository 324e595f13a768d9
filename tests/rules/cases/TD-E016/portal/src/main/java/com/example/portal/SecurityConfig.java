package com.example.portal;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.web.SecurityFilterChain;

@Configuration
public class SecurityConfig {

    @Bean
    SecurityFilterChain filterChain(HttpSecurity http) throws Exception {
        http.authorizeHttpRequests(auth -> auth
                // ok: TD-E016
                .requestMatchers("/api/public/**", "/login").permitAll()
                // ruleid: TD-E016
                .requestMatchers("/admin/**").permitAll()
                // ok: TD-E016
                .requestMatchers("/internal/**").hasRole("OPS")
                .anyRequest().authenticated());
        return http.build();
    }
}
