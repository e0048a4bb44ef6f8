package dev.adsbridge.console.apikeys;

import dev.adsbridge.console.tenancy.Member;
import dev.adsbridge.console.tenancy.SignInAccount;
import dev.adsbridge.console.tenancy.Tenancy;
import jakarta.servlet.Filter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.util.List;
import java.util.Optional;
import org.slf4j.MDC;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.MethodParameter;
import org.springframework.core.Ordered;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.core.userdetails.UserDetails;
import org.springframework.web.bind.support.WebDataBinderFactory;
import org.springframework.web.method.HandlerMethod;
import org.springframework.web.context.request.NativeWebRequest;
import org.springframework.web.method.support.HandlerMethodArgumentResolver;
import org.springframework.web.method.support.ModelAndViewContainer;
import org.springframework.web.servlet.HandlerInterceptor;
import org.springframework.web.servlet.config.annotation.InterceptorRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

/**
 * The REST API's plumbing: the request id on every answer (header, error bodies, MDC), the {@link ApiCaller} argument,
 * and the rate limits on {@code /api/v1/**}.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(RateLimitProperties.class)
class ApiWebConfiguration implements WebMvcConfigurer {

    static final String CALLER = ApiCaller.class.getName();

    private final Tenancy tenancy;
    private final ApiRateLimits limiter;

    ApiWebConfiguration(Tenancy tenancy, ApiRateLimits limiter) {
        this.tenancy = tenancy;
        this.limiter = limiter;
    }

    /** Before Spring Security, so even a 401 carries the id. */
    @Bean
    FilterRegistrationBean<Filter> requestIdFilter() {
        FilterRegistrationBean<Filter> registration = new FilterRegistrationBean<>((request, response, chain) -> {
            HttpServletRequest http = (HttpServletRequest) request;
            String id = RequestIds.current(http);
            ((HttpServletResponse) response).setHeader(RequestIds.HEADER, id);
            MDC.put(RequestIds.MDC_KEY, id);
            try {
                chain.doFilter(request, response);
            } finally {
                MDC.remove(RequestIds.MDC_KEY);
            }
        });
        registration.setOrder(Ordered.HIGHEST_PRECEDENCE + 20);
        registration.addUrlPatterns("/*");
        return registration;
    }

    @Override
    public void addArgumentResolvers(List<HandlerMethodArgumentResolver> resolvers) {
        resolvers.add(new HandlerMethodArgumentResolver() {
            @Override
            public boolean supportsParameter(MethodParameter parameter) {
                return ApiCaller.class.equals(parameter.getParameterType());
            }

            @Override
            public Object resolveArgument(MethodParameter parameter, ModelAndViewContainer mav,
                    NativeWebRequest webRequest, WebDataBinderFactory binderFactory) {
                return caller(webRequest.getNativeRequest(HttpServletRequest.class));
            }
        });
    }

    @Override
    public void addInterceptors(InterceptorRegistry registry) {
        registry.addInterceptor(new HandlerInterceptor() {
            @Override
            public boolean preHandle(HttpServletRequest request, HttpServletResponse response, Object handler) {
                ApiCaller caller = caller(request);
                if (handler instanceof HandlerMethod method
                        && method.hasMethodAnnotation(ApiRateLimits.ChargedByHandler.class)) {
                    return true; // pausing and lowering spend are never limited by us
                }
                limiter.charge(caller);
                return true;
            }
        }).addPathPatterns("/api/v1/**").excludePathPatterns("/api/v1/openapi.json", "/api/v1/openapi.json/**");
    }

    /** The caller of this request, resolved once: an API key, or the signed-in member read afresh. */
    ApiCaller caller(HttpServletRequest request) {
        if (request.getAttribute(CALLER) instanceof ApiCaller cached) {
            return cached;
        }
        Authentication authentication = SecurityContextHolder.getContext().getAuthentication();
        ApiCaller caller;
        if (authentication != null && authentication.getPrincipal() instanceof ApiKeyPrincipal key) {
            caller = new ApiCaller(key.member(), key, RequestIds.current(request), request.getRemoteAddr());
        } else if (authentication != null && authentication.getPrincipal() instanceof UserDetails user) {
            Optional<Member> member = tenancy.signInAccount(user.getUsername())
                    .flatMap((SignInAccount account) -> tenancy.member(account.tenantId(), account.memberId()));
            caller = new ApiCaller(member.orElseThrow(() -> new ApiException(401, "unauthenticated",
                    "Sign in again.")), null, RequestIds.current(request), request.getRemoteAddr());
        } else {
            throw new ApiException(401, "unauthenticated", "Sign in, or send an API key.");
        }
        request.setAttribute(CALLER, caller);
        return caller;
    }
}
