package dev.adsbridge.console.agents.oauth;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Collections;
import java.util.Enumeration;
import java.util.LinkedHashMap;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.springframework.security.web.authentication.AuthenticationConverter;

/**
 * An authorization request without {@code scope} asks for {@code ads:read ads:write}: the member decides on the
 * consent screen (where {@code ads:write} is offered only to roles that write). Without this, a scope-less request
 * (allowed by OAuth) could be granted nothing.
 */
final class DefaultScope {

    static final String SCOPES = McpResource.READ + " " + McpResource.WRITE;

    private DefaultScope() {
    }

    static AuthenticationConverter around(AuthenticationConverter requests) {
        return request -> requests.convert(
                "GET".equals(request.getMethod()) && request.getParameter("response_type") != null
                        && request.getParameter("scope") == null ? new WithScope(request) : request);
    }

    private static final class WithScope extends HttpServletRequestWrapper {

        WithScope(HttpServletRequest request) {
            super(request);
        }

        @Override
        public @Nullable String getParameter(String name) {
            return "scope".equals(name) ? SCOPES : super.getParameter(name);
        }

        @Override
        public Map<String, String[]> getParameterMap() {
            Map<String, String[]> parameters = new LinkedHashMap<>(super.getParameterMap());
            parameters.put("scope", new String[] {SCOPES});
            return Collections.unmodifiableMap(parameters);
        }

        @Override
        public Enumeration<String> getParameterNames() {
            return Collections.enumeration(getParameterMap().keySet());
        }

        @Override
        public String @Nullable [] getParameterValues(String name) {
            return "scope".equals(name) ? new String[] {SCOPES} : super.getParameterValues(name);
        }

        @Override
        public String getQueryString() {
            String query = super.getQueryString();
            String scope = "scope=" + URLEncoder.encode(SCOPES, StandardCharsets.UTF_8);
            return query == null || query.isEmpty() ? scope : query + "&" + scope;
        }
    }
}
