package dev.adsbridge.console.identity;

import dev.adsbridge.console.ConsoleProperties;
import dev.adsbridge.console.ConsoleUrls;
import dev.adsbridge.console.apikeys.ApiKeyAuthenticationFilter;
import dev.adsbridge.console.apikeys.ApiKeys;
import jakarta.servlet.http.HttpServletRequest;
import java.net.URI;
import java.util.Optional;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.core.Ordered;
import org.springframework.context.annotation.Configuration;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.crypto.factory.PasswordEncoderFactories;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.authentication.SavedRequestAwareAuthenticationSuccessHandler;
import org.springframework.security.web.authentication.UsernamePasswordAuthenticationFilter;
import org.springframework.security.web.access.AccessDeniedHandlerImpl;
import org.springframework.security.web.authentication.LoginUrlAuthenticationEntryPoint;
import org.springframework.security.web.csrf.CsrfFilter;
import org.springframework.security.web.util.matcher.AnyRequestMatcher;
import org.springframework.security.web.servlet.util.matcher.PathPatternRequestMatcher;

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

    /**
     * Dev mode: pages opened on another host than the base URL (localhost vs 127.0.0.1) move to the base URL first,
     * ahead of Spring Session's filter so no session is created on the wrong host. Production: not registered.
     */
    @Bean
    FilterRegistrationBean<CanonicalHostFilter> canonicalHostFilter(ConsoleProperties properties, ConsoleUrls urls) {
        FilterRegistrationBean<CanonicalHostFilter> registration =
                new FilterRegistrationBean<>(new CanonicalHostFilter(urls));
        registration.setOrder(Ordered.HIGHEST_PRECEDENCE);
        registration.setEnabled(properties.devMode());
        return registration;
    }

    @Bean
    SecurityFilterChain console(HttpSecurity http, SignInThrottle throttle, ConsoleProperties properties,
            ApiKeys apiKeys) throws Exception {
        SavedRequestAwareAuthenticationSuccessHandler landing = new SavedRequestAwareAuthenticationSuccessHandler();
        landing.setDefaultTargetUrl("/");
        http
                .authorizeHttpRequests(requests -> requests
                        .requestMatchers(SIGN_IN, "/signup", "/invite/**", "/css/**", "/js/**", "/favicon.ico", "/error",
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
                .csrf(csrf -> csrf.ignoringRequestMatchers("/meta/deauthorize", "/meta/data-deletion")
                        // API keys come in a header a browser never adds by itself: no CSRF for them.
                        .ignoringRequestMatchers(ApiKeyAuthenticationFilter::carriesApiKey))
                // REST API: Bearer abk_… keys, and 401/403 in the API's JSON envelope instead of the sign-in page.
                .addFilterBefore(new ApiKeyAuthenticationFilter(apiKeys), CsrfFilter.class)
                .exceptionHandling(exceptions -> exceptions
                        .defaultAuthenticationEntryPointFor(ApiKeyAuthenticationFilter.apiEntryPoint(),
                                PathPatternRequestMatcher.withDefaults().matcher("/api/**"))
                        // Pages send anyone not signed in to the sign-in page, whatever their Accept header.
                        .defaultAuthenticationEntryPointFor(new LoginUrlAuthenticationEntryPoint(SIGN_IN),
                                AnyRequestMatcher.INSTANCE)
                        .defaultAccessDeniedHandlerFor(ApiKeyAuthenticationFilter.apiAccessDeniedHandler(),
                                PathPatternRequestMatcher.withDefaults().matcher("/api/**"))
                        // Pages keep the standard handler (a lone mapping would apply to every request).
                        .defaultAccessDeniedHandlerFor(new AccessDeniedHandlerImpl(), AnyRequestMatcher.INSTANCE))
                .addFilterBefore(new SignInThrottleFilter(throttle, SIGN_IN), UsernamePasswordAuthenticationFilter.class)
                .headers(headers -> headers
                        .contentSecurityPolicy(csp -> csp.policyDirectives(contentSecurityPolicy(properties)))
                        .frameOptions(frame -> frame.deny()));
        return http.build();
    }

    /**
     * Scripts only from the console's own static files (no inline script, no CDN); forms may go to the console and
     * (through the Connect redirect) to Meta's login host.
     */
    private static String contentSecurityPolicy(ConsoleProperties properties) {
        URI login = URI.create(properties.meta().loginUrl());
        String loginOrigin = login.getScheme() + "://" + login.getAuthority();
        return "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
                + "form-action 'self' " + loginOrigin + "; frame-ancestors 'none'; base-uri 'none'";
    }

    static String clientAddress(HttpServletRequest request) {
        // Behind a proxy, server.forward-headers-strategy makes this the client's address.
        return request.getRemoteAddr();
    }
}
