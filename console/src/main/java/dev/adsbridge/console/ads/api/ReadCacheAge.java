package dev.adsbridge.console.ads.api;

import dev.adsbridge.console.ads.AdsReadCache;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.time.Clock;
import org.springframework.core.MethodParameter;
import org.springframework.http.MediaType;
import org.springframework.http.converter.HttpMessageConverter;
import org.springframework.http.server.ServerHttpRequest;
import org.springframework.http.server.ServerHttpResponse;
import org.springframework.stereotype.Component;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.filter.OncePerRequestFilter;
import org.springframework.web.servlet.mvc.method.annotation.ResponseBodyAdvice;

/**
 * {@code Age} on API answers built (partly) from the console's read cache: seconds since the oldest cached Meta answer
 * in it was fetched. Answers fetched fresh from Meta carry no {@code Age}.
 */
final class ReadCacheAge {

    private ReadCacheAge() {
    }

    /** Each request starts and ends with no cached answers recorded for its thread. */
    @Component
    static class Reset extends OncePerRequestFilter {
        @Override
        protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
                throws ServletException, IOException {
            AdsReadCache.startRequest();
            try {
                chain.doFilter(request, response);
            } finally {
                AdsReadCache.startRequest();
            }
        }
    }

    @RestControllerAdvice(assignableTypes = AdsApiController.class)
    static class Header implements ResponseBodyAdvice<Object> {
        private final Clock clock;

        Header(Clock clock) {
            this.clock = clock;
        }

        @Override
        public boolean supports(MethodParameter returnType, Class<? extends HttpMessageConverter<?>> converterType) {
            return true;
        }

        @Override
        public Object beforeBodyWrite(Object body, MethodParameter returnType, MediaType selectedContentType,
                Class<? extends HttpMessageConverter<?>> selectedConverterType, ServerHttpRequest request,
                ServerHttpResponse response) {
            AdsReadCache.ageSeconds(clock.instant())
                    .ifPresent(age -> response.getHeaders().set("Age", Long.toString(age)));
            return body;
        }
    }
}
