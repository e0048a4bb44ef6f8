package dev.adsbridge.console.identity;

import dev.adsbridge.console.apikeys.ApiException;
import dev.adsbridge.console.apikeys.ApiResponses;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.springframework.web.filter.OncePerRequestFilter;
import org.springframework.web.util.HtmlUtils;

/**
 * Refuses with 400, before anything reads or stores them, query and form parameters holding a control character (a
 * NUL byte from {@code %00} and the like; tab, line feed and carriage return are fine): PostgreSQL cannot store NUL in
 * text, and no field of the console takes the others. The API answers in its error envelope, pages in plain words.
 */
final class ControlCharacterFilter extends OncePerRequestFilter {

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        String field = offendingField(request);
        if (field == null) {
            chain.doFilter(request, response);
            return;
        }
        String message = "The field " + field + " holds a control character (such as a NUL byte), which is not "
                + "allowed. Remove it and try again.";
        String path = request.getRequestURI().substring(request.getContextPath().length());
        if (path.startsWith("/api/")) {
            ApiResponses.write(request, response, ApiException.validation(field, message));
            return;
        }
        response.setStatus(HttpServletResponse.SC_BAD_REQUEST);
        response.setContentType("text/html;charset=UTF-8");
        response.getOutputStream().write(("<!doctype html><title>Bad request</title><p>" + HtmlUtils.htmlEscape(message)
                + "</p>").getBytes(StandardCharsets.UTF_8));
    }

    /** The first parameter (by name) whose name or a value holds a control character, else null. */
    static @Nullable String offendingField(HttpServletRequest request) {
        Map<String, String[]> parameters;
        try {
            parameters = request.getParameterMap();
        } catch (RuntimeException unreadable) {
            return null; // a malformed body is the controller's (or the container's) to refuse
        }
        for (Map.Entry<String, String[]> parameter : parameters.entrySet()) {
            String name = parameter.getKey();
            if (hasControl(name)) {
                return printable(name);
            }
            for (String value : parameter.getValue()) {
                if (value != null && hasControl(value)) {
                    return name;
                }
            }
        }
        return null;
    }

    static boolean hasControl(String text) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (Character.isISOControl(c) && c != '\t' && c != '\n' && c != '\r') {
                return true;
            }
        }
        return false;
    }

    private static String printable(String text) {
        StringBuilder out = new StringBuilder();
        text.codePoints().forEach(c -> out.append(Character.isISOControl(c) ? '?' : (char) c));
        return out.toString();
    }
}
