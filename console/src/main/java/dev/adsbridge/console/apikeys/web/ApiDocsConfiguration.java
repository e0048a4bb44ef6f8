package dev.adsbridge.console.apikeys.web;

import io.swagger.v3.oas.models.Components;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.info.Info;
import io.swagger.v3.oas.models.media.Content;
import io.swagger.v3.oas.models.media.MediaType;
import io.swagger.v3.oas.models.media.ObjectSchema;
import io.swagger.v3.oas.models.media.Schema;
import io.swagger.v3.oas.models.media.StringSchema;
import io.swagger.v3.oas.models.parameters.HeaderParameter;
import io.swagger.v3.oas.models.responses.ApiResponse;
import io.swagger.v3.oas.models.security.SecurityRequirement;
import io.swagger.v3.oas.models.security.SecurityScheme;
import java.util.Map;
import org.springdoc.core.customizers.OpenApiCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.web.SecurityFilterChain;

/**
 * The OpenAPI document ({@code /api/v1/openapi.json}) and its browsable UI ({@code /api/docs}, Swagger UI from its
 * WebJar): public, with a content security policy that lets the UI's own scripts run.
 */
@Configuration(proxyBeanMethods = false)
class ApiDocsConfiguration {

    static final String[] DOC_PATHS = {"/api/docs", "/api/docs/**", "/swagger-ui/**", "/api/v1/openapi.json",
        "/api/v1/openapi.json/**", "/v3/api-docs/**"};

    @Bean
    @Order(1)
    SecurityFilterChain apiDocs(HttpSecurity http) throws Exception {
        http.securityMatcher(DOC_PATHS)
                .authorizeHttpRequests(requests -> requests.anyRequest().permitAll())
                .csrf(csrf -> csrf.disable())
                .requestCache(cache -> cache.disable())
                .headers(headers -> headers
                        .contentSecurityPolicy(csp -> csp.policyDirectives("default-src 'self'; script-src 'self'; "
                                + "style-src 'self' 'unsafe-inline'; img-src 'self' data:; frame-ancestors 'none'; "
                                + "base-uri 'none'; form-action 'self'"))
                        .frameOptions(frame -> frame.deny()));
        return http.build();
    }

    @Bean
    OpenAPI consoleOpenApi() {
        Schema<?> error = new ObjectSchema()
                .addProperty("code", new StringSchema().description("stable snake_case code, e.g. not_found, "
                        + "validation_failed, confirmation_required, forbidden_role, api_key_read_only, "
                        + "connection_needs_reconnect, no_connection, rate_limited, meta_rate_limited, meta_error, "
                        + "meta_outcome_unknown, idempotency_key_reused, idempotency_in_progress"))
                .addProperty("message", new StringSchema().description("words a marketer understands"))
                .addProperty("request_id", new StringSchema().description("also in the X-Request-Id header"))
                .addProperty("meta", new ObjectSchema().description("what Meta said, when it answered: title, "
                        + "message, code, subcode, fbtrace_id"))
                .addProperty("details", new ObjectSchema().description("e.g. current/requested of "
                        + "confirmation_required"))
                .addProperty("fields", new ObjectSchema().description("field → problem, for validation_failed"));
        return new OpenAPI()
                .info(new Info().title("AdsBridge console API").version("v1").description("""
                        Read and operate the tenant's Meta ad accounts. Authenticate with the session cookie of \
                        /signin (writes then need the CSRF token in X-XSRF-TOKEN) or with an API key: \
                        'Authorization: Bearer abk_…' (scope read or read_write; no CSRF). Creates accept an \
                        Idempotency-Key header; spend-increasing changes need "confirm": true; any write takes \
                        "validate_only": true for a dry run. Every answer carries X-Request-Id; errors come as \
                        {"error":{"code","message","request_id","meta"?,"details"?,"fields"?}}. Too many requests \
                        → 429 rate_limited with Retry-After."""))
                .components(new Components()
                        .addSecuritySchemes("apiKey", new SecurityScheme().type(SecurityScheme.Type.HTTP)
                                .scheme("bearer").bearerFormat("abk_…").description("A tenant API key from Settings"))
                        .addSecuritySchemes("session", new SecurityScheme().type(SecurityScheme.Type.APIKEY)
                                .in(SecurityScheme.In.COOKIE).name("SESSION")
                                .description("The session cookie of /signin; writes also need X-XSRF-TOKEN"))
                        .addSchemas("Error", new ObjectSchema().addProperty("error", error))
                        .addParameters("IdempotencyKey", new HeaderParameter().name("Idempotency-Key")
                                .description("Up to 255 characters; a retry with the same key and body returns the "
                                        + "first answer (Idempotent-Replayed: true); another body → 422. After 502 "
                                        + "meta_outcome_unknown, a retry looks the object up at Meta first and "
                                        + "answers it (Idempotent-Reconciled: true) instead of creating it twice")
                                .schema(new StringSchema().maxLength(255))))
                .addSecurityItem(new SecurityRequirement().addList("apiKey"))
                .addSecurityItem(new SecurityRequirement().addList("session"));
    }

    /** Every operation documents the error envelope; creates document Idempotency-Key. */
    @Bean
    OpenApiCustomizer errorsAndIdempotency() {
        return openApi -> openApi.getPaths().forEach((path, item) -> item.readOperationsMap().forEach((method, op) -> {
            Content content = new Content().addMediaType("application/json",
                    new MediaType().schema(new Schema<>().$ref("#/components/schemas/Error")));
            for (Map.Entry<String, String> response : Map.of("400", "validation_failed", "401", "unauthenticated",
                    "403", "forbidden_role / api_key_read_only", "404", "not_found", "409",
                    "confirmation_required / connection_needs_reconnect / no_connection", "429",
                    "rate_limited / meta_rate_limited (Retry-After)", "502", "meta_error").entrySet()) {
                if (op.getResponses() != null && !op.getResponses().containsKey(response.getKey())) {
                    op.getResponses().addApiResponse(response.getKey(),
                            new ApiResponse().description(response.getValue()).content(content));
                }
            }
            boolean create = method == io.swagger.v3.oas.models.PathItem.HttpMethod.POST
                    && !path.endsWith("/status") && !path.endsWith("/budget") && path.startsWith("/api/v1/ad-accounts");
            if (create) {
                op.addParametersItem(new HeaderParameter().$ref("#/components/parameters/IdempotencyKey"));
            }
        }));
    }

}
