package dev.adsbridge.console;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The console's configuration, in one place ({@code adsbridge.console.*}). Dev mode ({@code mode=dev}, profile
 * {@code dev}) fills in safe local defaults; production refuses to start while a secret or a required URL is missing.
 *
 * @param mode               {@code dev} or {@code production} (the default)
 * @param baseUrl            the console's public URL, e.g. {@code https://console.example.com}; the OAuth redirect URI
 *                           is {@code {baseUrl}/connect/callback}. Empty in dev mode: {@code http://127.0.0.1:{port}}
 * @param meta               the Meta app and hosts
 * @param mcp                the Meta Ads MCP server the console calls with each tenant's token
 * @param expiryWarningDays  owners are warned this many days before a connection's token expires
 * @param signIn             sign-in throttling
 * @param mailFrom           sender of the console's mail (invitations, expiry warnings) when SMTP is configured
 */
@ConfigurationProperties("adsbridge.console")
public record ConsoleProperties(
        @DefaultValue("production") Mode mode,
        @Nullable String baseUrl,
        @DefaultValue Meta meta,
        @DefaultValue Mcp mcp,
        @DefaultValue("7") int expiryWarningDays,
        @DefaultValue SignIn signIn,
        @DefaultValue("adsbridge@localhost") String mailFrom) {

    public enum Mode { DEV, PRODUCTION }

    public ConsoleProperties {
        baseUrl = blankToNull(baseUrl);
        while (baseUrl != null && baseUrl.endsWith("/")) {
            baseUrl = baseUrl.substring(0, baseUrl.length() - 1);
        }
        if (expiryWarningDays < 1) {
            throw new IllegalArgumentException("adsbridge.console.expiry-warning-days must be at least 1");
        }
        if (mode == Mode.PRODUCTION) {
            List<String> missing = new ArrayList<>();
            if (baseUrl == null) {
                missing.add("adsbridge.console.base-url (CONSOLE_BASE_URL)");
            }
            if (meta.appId() == null) {
                missing.add("adsbridge.console.meta.app-id (META_APP_ID)");
            }
            if (meta.appSecret() == null) {
                missing.add("adsbridge.console.meta.app-secret (META_APP_SECRET)");
            }
            if (mcp.url() == null) {
                missing.add("adsbridge.console.mcp.url (MCP_SERVER_URL)");
            }
            if (!missing.isEmpty()) {
                throw new IllegalStateException("The console runs in production mode and cannot start without "
                        + String.join(", ", missing) + ". Set them, or start in dev mode (adsbridge.console.mode=dev).");
            }
        }
    }

    public boolean devMode() {
        return mode == Mode.DEV;
    }

    /**
     * @param appId          the Meta app id
     * @param appSecret      the Meta app secret: signs appsecret_proof and verifies Meta's callbacks
     * @param graphUrl       Graph API host without version
     * @param loginUrl       host of the login dialog
     * @param apiVersion     e.g. {@code v25.0}
     * @param scopes         permissions the dialog asks for
     * @param requiredScopes permissions a connection cannot work without; a consent missing one stores nothing
     * @param configId       Facebook Login for Business configuration; when set it replaces {@code scopes}
     * @param signedRequestMaxAge   Meta's callbacks refuse a {@code signed_request} whose {@code issued_at} is older
     * @param signedRequestClockSkew ... or further in the future than this (clocks differ a little)
     */
    public record Meta(
            @Nullable String appId,
            @Nullable String appSecret,
            @DefaultValue("https://graph.facebook.com") String graphUrl,
            @DefaultValue("https://www.facebook.com") String loginUrl,
            @DefaultValue("v25.0") String apiVersion,
            @DefaultValue({"ads_read", "ads_management", "business_management", "pages_show_list",
                    "pages_read_engagement"}) List<String> scopes,
            @DefaultValue({"ads_read", "ads_management"}) List<String> requiredScopes,
            @Nullable String configId,
            @DefaultValue("5m") Duration signedRequestMaxAge,
            @DefaultValue("1m") Duration signedRequestClockSkew) {

        public Meta {
            appId = blankToNull(appId);
            appSecret = blankToNull(appSecret);
            configId = blankToNull(configId);
            scopes = List.copyOf(scopes);
            requiredScopes = List.copyOf(requiredScopes);
        }

        @Override
        public String toString() {
            return "Meta[appId=" + appId + ", appSecret=" + (appSecret == null ? "null" : "***") + ", graphUrl="
                    + graphUrl + ", loginUrl=" + loginUrl + ", apiVersion=" + apiVersion + ", scopes=" + scopes
                    + ", requiredScopes=" + requiredScopes + ", configId=" + configId + ", signedRequestMaxAge="
                    + signedRequestMaxAge + ", signedRequestClockSkew=" + signedRequestClockSkew + "]";
        }
    }

    /**
     * @param url       the MCP endpoint, e.g. {@code http://127.0.0.1:8081/mcp}
     * @param serverKey the MCP server's shared key ({@code X-MCP-Server-Key}), when it requires one
     * @param timeout   timeout of one tool call
     */
    public record Mcp(@Nullable String url, @Nullable String serverKey, @DefaultValue("30s") Duration timeout) {

        public Mcp {
            url = blankToNull(url);
            serverKey = blankToNull(serverKey);
        }

        @Override
        public String toString() {
            return "Mcp[url=" + url + ", serverKey=" + (serverKey == null ? "null" : "***") + ", timeout=" + timeout
                    + "]";
        }
    }

    /**
     * Failed sign-ins lock an account (or an address) for {@code baseLock}, doubling with every further failure up to
     * {@code maxLock}; counted in the database so the limit holds across replicas.
     */
    public record SignIn(
            @DefaultValue("5") int maxAccountFailures,
            @DefaultValue("50") int maxAddressFailures,
            @DefaultValue("1m") Duration baseLock,
            @DefaultValue("1h") Duration maxLock,
            @DefaultValue("1h") Duration failureWindow) {
    }

    private static @Nullable String blankToNull(@Nullable String value) {
        return value == null || value.isBlank() ? null : value.strip();
    }
}
