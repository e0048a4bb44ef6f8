package dev.adsbridge.console.identity;

import dev.adsbridge.console.ConsoleProperties;
import jakarta.servlet.http.HttpServletRequest;
import java.net.URI;
import java.util.Optional;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.crypto.factory.PasswordEncoderFactories;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.authentication.SavedRequestAwareAuthenticationSuccessHandler;
import org.springframework.security.web.authentication.UsernamePasswordAuthenticationFilter;

/**
 * Form sign-in with sessions in the database (Spring Session JDBC), CSRF protection on every form, sign-in throttling,
 * and public access only to sign-up, invitations, Meta's callbacks and static assets.
 */
@Configuration(proxyBeanMethods = false)
class SecurityConfiguration {

    static final String SIGN_IN = "/signin";

    /** bcrypt by default, with the algorithm prefix so hashes can be upgraded later. */
    @Bean
    PasswordEncoder passwordEncoder() {
        return PasswordEncoderFactories.createDelegatingPasswordEncoder();
    }

    @Bean
    SecurityFilterChain console(HttpSecurity http, SignInThrottle throttle, ConsoleProperties properties)
            throws Exception {
        SavedRequestAwareAuthenticationSuccessHandler landing = new SavedRequestAwareAuthenticationSuccessHandler();
        landing.setDefaultTargetUrl("/");
        http
                .authorizeHttpRequests(requests -> requests
                        .requestMatchers(SIGN_IN, "/signup", "/invite/**", "/css/**", "/favicon.ico", "/error",
                                "/meta/deauthorize", "/meta/data-deletion", "/deletion-status",
                                "/actuator/health", "/actuator/health/**")
                        .permitAll()
                        .anyRequest().authenticated())
                .formLogin(form -> form
                        .loginPage(SIGN_IN)
                        .loginProcessingUrl(SIGN_IN)
                        .usernameParameter("email")
                        .passwordParameter("password")
                        .successHandler((request, response, authentication) -> {
                            throttle.succeeded(authentication.getName());
                            landing.onAuthenticationSuccess(request, response, authentication);
                        })
                        .failureHandler((request, response, exception) -> {
                            String email = Optional.ofNullable(request.getParameter("email")).orElse("");
                            throttle.failed(email, clientAddress(request));
                            response.sendRedirect(request.getContextPath() + SIGN_IN + "?error");
                        })
                        .permitAll())
                .logout(logout -> logout
                        .logoutUrl("/signout")
                        .logoutSuccessUrl(SIGN_IN + "?signedout"))
                // Meta posts these server to server, signed with the app secret instead of a CSRF token.
                .csrf(csrf -> csrf.ignoringRequestMatchers("/meta/deauthorize", "/meta/data-deletion"))
                .addFilterBefore(new SignInThrottleFilter(throttle, SIGN_IN), UsernamePasswordAuthenticationFilter.class)
                .headers(headers -> headers
                        .contentSecurityPolicy(csp -> csp.policyDirectives(contentSecurityPolicy(properties)))
                        .frameOptions(frame -> frame.deny()));
        return http.build();
    }

    /** No scripts at all; forms may go to the console and (through the Connect redirect) to Meta's login host. */
    private static String contentSecurityPolicy(ConsoleProperties properties) {
        URI login = URI.create(properties.meta().loginUrl());
        String loginOrigin = login.getScheme() + "://" + login.getAuthority();
        return "default-src 'self'; script-src 'none'; style-src 'self'; img-src 'self' data:; "
                + "form-action 'self' " + loginOrigin + "; frame-ancestors 'none'; base-uri 'none'";
    }

    static String clientAddress(HttpServletRequest request) {
        // Behind a proxy, server.forward-headers-strategy makes this the client's address.
        return request.getRemoteAddr();
    }
}
