package dev.adsbridge.console.identity;

import dev.adsbridge.console.ConsoleProperties;
import dev.adsbridge.console.ConsoleUrls;
import dev.adsbridge.console.apikeys.ApiKeyAuthenticationFilter;
import dev.adsbridge.console.apikeys.ApiKeys;
import jakarta.servlet.http.HttpServletRequest;
import java.net.URI;
import java.util.Optional;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
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
import org.springframework.security.web.access.AccessDeniedHandler;
import org.springframework.security.web.csrf.CsrfException;
import org.springframework.security.web.csrf.CsrfFilter;
import org.springframework.security.web.util.matcher.AnyRequestMatcher;
import org.springframework.security.web.servlet.util.matcher.PathPatternRequestMatcher;

/**
 * Form sign-in with sessions in the database (Spring Session JDBC), CSRF protection on every form, sign-in throttling,
 * and public access only to sign-up (and its confirmation links), invitations, Meta's callbacks, static assets and (dev
 * mode only) the mail outbox.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(ProxyProperties.class)
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
        registration.setOrder(Ordered.HIGHEST_PRECEDENCE + 1);
        registration.setEnabled(properties.devMode());
        return registration;
    }

    /**
     * Behind a TLS-terminating proxy: its X-Forwarded-* headers (only from {@code adsbridge.console.proxy.trusted})
     * make the request HTTPS (Secure session cookie, HSTS) and give the client's address. First of all filters.
     */
    @Bean
    FilterRegistrationBean<TrustedProxyFilter> trustedProxyFilter(ProxyProperties proxies) {
        FilterRegistrationBean<TrustedProxyFilter> registration =
                new FilterRegistrationBean<>(new TrustedProxyFilter(proxies));
        registration.setOrder(Ordered.HIGHEST_PRECEDENCE);
        return registration;
    }

    /** Parameters with a NUL byte or another control character: 400 before sessions, security or controllers. */
    @Bean
    FilterRegistrationBean<ControlCharacterFilter> controlCharacterFilter() {
        FilterRegistrationBean<ControlCharacterFilter> registration =
                new FilterRegistrationBean<>(new ControlCharacterFilter());
        registration.setOrder(Ordered.HIGHEST_PRECEDENCE + 2);
        return registration;
    }

    @Bean
    SecurityFilterChain console(HttpSecurity http, SignInThrottle throttle, SignInAudit audit,
            ConsoleProperties properties, ApiKeys apiKeys) throws Exception {
        SavedRequestAwareAuthenticationSuccessHandler landing = new SavedRequestAwareAuthenticationSuccessHandler();
        landing.setDefaultTargetUrl("/");
        http
                .authorizeHttpRequests(requests -> requests
                        // /dev/mail answers 404 outside dev mode (DevMailController), signed in or not.
                        .requestMatchers(SIGN_IN, "/signup", "/signup/**", "/invite/**", "/dev/mail", "/css/**", "/js/**", "/favicon.ico", "/error",
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
                            throttle.succeeded(Optional.ofNullable(request.getParameter("email")).orElse(""),
                                    clientAddress(request));
                            landing.onAuthenticationSuccess(request, response, authentication);
                        })
                        .failureHandler((request, response, exception) -> {
                            // The attempt was counted before the password was checked (SignInThrottleFilter).
                            audit.signInFailed(Optional.ofNullable(request.getParameter("email")).orElse(""),
                                    SignInAudit.WRONG_PASSWORD);
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
                        .defaultAccessDeniedHandlerFor(auditingCsrf(audit,
                                        ApiKeyAuthenticationFilter.apiAccessDeniedHandler()),
                                PathPatternRequestMatcher.withDefaults().matcher("/api/**"))
                        // Pages keep the standard handler (a lone mapping would apply to every request).
                        .defaultAccessDeniedHandlerFor(auditingCsrf(audit, new AccessDeniedHandlerImpl()),
                                AnyRequestMatcher.INSTANCE))
                .addFilterBefore(new SignInThrottleFilter(throttle, audit, SIGN_IN),
                        UsernamePasswordAuthenticationFilter.class)
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

    /** Records a CSRF refusal in the audit log, then answers as {@code handler} does. */
    private static AccessDeniedHandler auditingCsrf(SignInAudit audit, AccessDeniedHandler handler) {
        return (request, response, denied) -> {
            if (denied instanceof CsrfException) {
                String path = request.getRequestURI().substring(request.getContextPath().length());
                audit.csrfRefused(request.getMethod(), path,
                        SIGN_IN.equals(path) ? request.getParameter("email") : null);
            }
            handler.handle(request, response, denied);
        };
    }

    static String clientAddress(HttpServletRequest request) {
        // Behind a trusted proxy, TrustedProxyFilter makes this the client's address.
        return request.getRemoteAddr();
    }
}
