package com.example.cards

import org.springframework.context.annotation.Bean
import org.springframework.security.config.annotation.web.builders.HttpSecurity
import org.springframework.security.config.annotation.web.invoke
import org.springframework.security.web.SecurityFilterChain

class SecurityConfig {
    @Bean
    fun chain(http: HttpSecurity): SecurityFilterChain {
        http {
            authorizeHttpRequests {
                // ok: TD-E016
                authorize("/cards/public/**", permitAll)
                // ruleid: TD-E016
                authorize("/management/**", permitAll)
                authorize(anyRequest, authenticated)
            }
        }
        return http.build()
    }
}
