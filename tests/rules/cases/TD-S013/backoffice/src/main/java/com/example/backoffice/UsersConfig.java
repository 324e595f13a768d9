package com.example.backoffice;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.security.core.userdetails.User;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.security.provisioning.InMemoryUserDetailsManager;

@Configuration
public class UsersConfig {

    @Bean
    UserDetailsService users() {
        return new InMemoryUserDetailsManager(
                User.withUsername("admin")
                        // ruleid: TD-S013
                        .password("{noop}Adm1n-2024!")
                        .roles("ADMIN")
                        .build(),
                // ruleid: TD-S013
                User.withDefaultPasswordEncoder()
                        .username("clerk")
                        .password("clerk-pass-99")
                        .roles("USER")
                        .build(),
                User.withUsername("auditor")
                        // ok: TD-S013
                        .password("{bcrypt}$2a$10$7EqJtq98hPqEX7fNZaFWoOhi5BWX4Z4M3u0Qe5b1bN2N7Yc6cGm2e")
                        .roles("AUDIT")
                        .build());
    }
}
