package dev.adsbridge.console.agents.oauth;

import dev.adsbridge.console.ConsoleProperties;
import dev.adsbridge.console.apikeys.ApiRateLimits;
import java.util.List;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpMethod;
import org.springframework.jdbc.core.JdbcOperations;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configurers.oauth2.server.authorization.OAuth2AuthorizationServerConfigurer;
import org.springframework.security.oauth2.core.AuthorizationGrantType;
import org.springframework.security.oauth2.core.ClientAuthenticationMethod;
import org.springframework.security.oauth2.server.authorization.OAuth2AuthorizationConsent;
import org.springframework.security.oauth2.server.authorization.OAuth2AuthorizationConsentService;
import org.springframework.security.oauth2.server.authorization.OAuth2AuthorizationService;
import org.springframework.security.oauth2.server.authorization.authentication.OAuth2AuthorizationCodeRequestAuthenticationProvider;
import org.springframework.security.oauth2.server.authorization.authentication.OAuth2AuthorizationCodeRequestAuthenticationValidator;
import org.springframework.security.oauth2.server.authorization.authentication.OAuth2AuthorizationConsentAuthenticationProvider;
import org.springframework.security.oauth2.server.authorization.authentication.OAuth2ClientRegistrationAuthenticationProvider;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClient;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClientRepository;
import org.springframework.security.oauth2.server.authorization.converter.OAuth2ClientRegistrationRegisteredClientConverter;
import org.springframework.security.oauth2.server.authorization.settings.AuthorizationServerSettings;
import org.springframework.security.oauth2.server.authorization.token.DelegatingOAuth2TokenGenerator;
import org.springframework.security.oauth2.server.authorization.token.OAuth2AccessTokenGenerator;
import org.springframework.security.oauth2.server.authorization.token.OAuth2TokenGenerator;
import org.springframework.security.oauth2.server.authorization.web.authentication.OAuth2AuthorizationCodeRequestAuthenticationConverter;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.access.AccessDeniedHandlerImpl;
import org.springframework.security.web.authentication.LoginUrlAuthenticationEntryPoint;
import org.springframework.security.web.csrf.CsrfFilter;
import org.springframework.security.web.csrf.HttpSessionCsrfTokenRepository;
import org.springframework.security.web.servlet.util.matcher.PathPatternRequestMatcher;
import org.springframework.security.web.util.matcher.OrRequestMatcher;
import org.springframework.security.web.util.matcher.RequestMatcher;
import org.springframework.web.cors.CorsConfiguration;
import org.springframework.web.cors.UrlBasedCorsConfigurationSource;

/**
 * Spring Authorization Server, set up for MCP agents, in a security filter chain of its own ahead of the console's:
 * the metadata documents, authorization (sign-in through the console's session, then the consent screen at
 * {@value #CONSENT_PAGE}), token, dynamic client registration, revocation and introspection endpoints.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(OAuthProperties.class)
class AuthorizationServerConfiguration {

    static final String CONSENT_PAGE = "/oauth2/consent";
    static final String AUTHORIZATION_ENDPOINT = "/oauth2/authorize";
    static final String REGISTRATION_ENDPOINT = "/oauth2/register";

    @Bean
    AgentClients agentClients(JdbcOperations jdbc, ClientMetadataDocuments documents, OAuthProperties properties) {
        return new AgentClients(jdbc, documents, properties);
    }

    @Bean
    AgentAuthorizations agentAuthorizations(JdbcOperations jdbc, RegisteredClientRepository clients) {
        return new AgentAuthorizations(jdbc, clients);
    }

    /**
     * No consent is remembered: the member is asked every time (the accounts may have changed), and a new consent
     * grants exactly what it says, never the scopes of an earlier one.
     */
    @Bean
    OAuth2AuthorizationConsentService agentConsents() {
        return new OAuth2AuthorizationConsentService() {
            @Override
            public void save(OAuth2AuthorizationConsent authorizationConsent) {
            }

            @Override
            public void remove(OAuth2AuthorizationConsent authorizationConsent) {
            }

            @Override
            public OAuth2AuthorizationConsent findById(String registeredClientId, String principalName) {
                return null;
            }
        };
    }

    /** The issuer is the configured base URL; in dev mode (no base URL) the URL the request came to. */
    @Bean
    AuthorizationServerSettings authorizationServerSettings(ConsoleProperties console) {
        AuthorizationServerSettings.Builder settings = AuthorizationServerSettings.builder()
                .authorizationEndpoint(AUTHORIZATION_ENDPOINT)
                .clientRegistrationEndpoint(REGISTRATION_ENDPOINT);
        if (console.baseUrl() != null) {
            settings.issuer(console.baseUrl());
        }
        return settings.build();
    }

    @Bean
    OAuth2TokenGenerator<?> agentTokens(ResourceIndicators resources) {
        OAuth2AccessTokenGenerator accessTokens = new OAuth2AccessTokenGenerator();
        accessTokens.setAccessTokenCustomizer(resources.accessTokens());
        return new DelegatingOAuth2TokenGenerator(accessTokens, new PublicClientRefresh.RefreshTokens());
    }

    @Bean
    @Order(Ordered.HIGHEST_PRECEDENCE + 20)
    SecurityFilterChain authorizationServer(HttpSecurity http, AgentClients clients,
            OAuth2AuthorizationService authorizations, OAuth2AuthorizationConsentService consents,
            OAuth2TokenGenerator<?> tokens, ResourceIndicators resources, ConsentDecisions decisions,
            OAuthProperties properties, McpResource mcp, ApiRateLimits rateLimits) throws Exception {
        http.oauth2AuthorizationServer(server -> server
                .registeredClientRepository(clients)
                .authorizationService(authorizations)
                .authorizationConsentService(consents)
                .tokenGenerator(tokens)
                .authorizationServerMetadataEndpoint(metadata -> metadata.authorizationServerMetadataCustomizer(
                        document -> document
                                .grantTypes(types -> {
                                    types.clear();
                                    types.add(AuthorizationGrantType.AUTHORIZATION_CODE.getValue());
                                    types.add(AuthorizationGrantType.REFRESH_TOKEN.getValue());
                                })
                                .responseTypes(types -> {
                                    types.clear();
                                    types.add("code");
                                })
                                .codeChallengeMethods(methods -> {
                                    methods.clear();
                                    methods.add("S256");
                                })
                                .tokenEndpointAuthenticationMethods(methods -> {
                                    methods.clear();
                                    methods.add(ClientAuthenticationMethod.NONE.getValue());
                                    methods.add(ClientAuthenticationMethod.CLIENT_SECRET_BASIC.getValue());
                                    methods.add(ClientAuthenticationMethod.CLIENT_SECRET_POST.getValue());
                                })
                                .scopes(scopes -> {
                                    scopes.clear();
                                    scopes.add(McpResource.READ);
                                    scopes.add(McpResource.WRITE);
                                })
                                .claim("client_id_metadata_document_supported", true)))
                .clientAuthentication(authentication -> authentication
                        .authenticationConverters(converters -> converters.add(0, new PublicClientRefresh.Converter()))
                        .authenticationProviders(providers -> providers.add(0,
                                new PublicClientRefresh.Provider(clients))))
                .authorizationEndpoint(authorization -> authorization
                        .consentPage(CONSENT_PAGE)
                        .authorizationRequestConverters(converters -> converters.replaceAll(converter ->
                                converter instanceof OAuth2AuthorizationCodeRequestAuthenticationConverter
                                        ? DefaultScope.around(converter) : converter))
                        .authenticationProviders(providers -> providers.forEach(provider -> {
                            if (provider instanceof OAuth2AuthorizationCodeRequestAuthenticationProvider requests) {
                                requests.setAuthenticationValidator(
                                        new OAuth2AuthorizationCodeRequestAuthenticationValidator()
                                                .andThen(resources.authorizationRequests()));
                            } else if (provider instanceof OAuth2AuthorizationConsentAuthenticationProvider given) {
                                given.setAuthorizationConsentCustomizer(decisions);
                            }
                        })))
                .clientRegistrationEndpoint(registration -> registration
                        .openRegistrationAllowed(true)
                        .authenticationProviders(providers -> providers.forEach(provider -> {
                            if (provider instanceof OAuth2ClientRegistrationAuthenticationProvider registrations) {
                                registrations.setAuthenticationValidator(new ClientRegistrationRules());
                                OAuth2ClientRegistrationRegisteredClientConverter standard =
                                        new OAuth2ClientRegistrationRegisteredClientConverter();
                                registrations.setRegisteredClientConverter(request -> AgentClients.withAgentRules(
                                        RegisteredClient.from(standard.convert(request)), properties).build());
                            }
                        }))));
        RequestMatcher endpoints = http.getConfigurer(OAuth2AuthorizationServerConfigurer.class).getEndpointsMatcher();
        PathPatternRequestMatcher.Builder paths = PathPatternRequestMatcher.withDefaults();
        RequestMatcher resourceMetadata = new OrRequestMatcher(paths.matcher(McpResource.ROOT_METADATA_PATH),
                paths.matcher(McpResource.METADATA_PATH));
        // The consent form posts to the authorization endpoint, which Spring Authorization Server exempts from CSRF
        // (its in-flight state is the only guard): the session's CSRF token is checked there too.
        CsrfFilter consentCsrf = new CsrfFilter(new HttpSessionCsrfTokenRepository());
        consentCsrf.setRequireCsrfProtectionMatcher(paths.matcher(HttpMethod.POST, AUTHORIZATION_ENDPOINT));
        consentCsrf.setAccessDeniedHandler(new AccessDeniedHandlerImpl());
        http
                .securityMatcher(new OrRequestMatcher(endpoints, resourceMetadata))
                .authorizeHttpRequests(requests -> requests
                        .requestMatchers(resourceMetadata).permitAll()
                        .requestMatchers(HttpMethod.POST, REGISTRATION_ENDPOINT).permitAll()
                        .anyRequest().authenticated())
                .addFilterBefore(consentCsrf, CsrfFilter.class)
                .addFilterBefore(new RegistrationRateLimit(rateLimits, properties.registrationsPerHour(),
                        REGISTRATION_ENDPOINT), CsrfFilter.class)
                .cors(cors -> cors.configurationSource(agentCors()))
                // Protected resource metadata (RFC 9728), served by Spring Security's resource server support under
                // /.well-known/oauth-protected-resource (and /mcp below it): the resource is the public /mcp URL.
                .oauth2ResourceServer(resourceServer -> resourceServer.protectedResourceMetadata(metadata -> metadata
                        .protectedResourceMetadataCustomizer(document -> document
                                .resource(mcp.resource())
                                .authorizationServers(servers -> {
                                    servers.clear();
                                    servers.add(mcp.issuer());
                                })
                                .scopes(scopes -> {
                                    scopes.clear();
                                    scopes.add(McpResource.READ);
                                    scopes.add(McpResource.WRITE);
                                })
                                .bearerMethods(methods -> {
                                    methods.clear();
                                    methods.add("header");
                                })
                                .resourceName("AdsBridge Meta Ads (MCP)")
                                .tlsClientCertificateBoundAccessTokens(false))))
                // Not signed in at the authorization endpoint: the console's sign-in page, then back here.
                .exceptionHandling(exceptions -> exceptions
                        .authenticationEntryPoint(new LoginUrlAuthenticationEntryPoint("/signin")));
        return http.build();
    }

    /**
     * Browser-based MCP clients read the metadata, register and fetch tokens from another origin: those endpoints
     * answer CORS requests from any origin, without cookies. The authorization endpoint is a page, not a fetch.
     */
    private static UrlBasedCorsConfigurationSource agentCors() {
        CorsConfiguration open = new CorsConfiguration();
        open.addAllowedOrigin("*");
        open.setAllowedMethods(List.of("GET", "POST", "OPTIONS"));
        open.setAllowedHeaders(List.of("Authorization", "Content-Type", "Mcp-Protocol-Version"));
        open.setAllowCredentials(false);
        open.setMaxAge(3600L);
        UrlBasedCorsConfigurationSource source = new UrlBasedCorsConfigurationSource();
        source.registerCorsConfiguration("/.well-known/**", open);
        source.registerCorsConfiguration("/oauth2/token", open);
        source.registerCorsConfiguration(REGISTRATION_ENDPOINT, open);
        source.registerCorsConfiguration("/oauth2/revoke", open);
        return source;
    }
}
