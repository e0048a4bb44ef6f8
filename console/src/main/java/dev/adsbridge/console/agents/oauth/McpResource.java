package dev.adsbridge.console.agents.oauth;

import dev.adsbridge.console.ConsoleUrls;
import org.springframework.stereotype.Component;

/**
 * The protected resource: the console's public {@code /mcp} URL (from the configured base URL), the issuer of its
 * tokens, and where its metadata lives. Tokens are bound to {@link #resource()} (their audience); the gateway's 401
 * names {@link #metadataUrl()} in its {@code WWW-Authenticate} challenge.
 */
@Component
public class McpResource {

    /** The path of the protected resource metadata (RFC 9728 §3.1: the well-known prefix, then the resource's path). */
    public static final String METADATA_PATH = "/.well-known/oauth-protected-resource/mcp";
    public static final String ROOT_METADATA_PATH = "/.well-known/oauth-protected-resource";
    public static final String READ = "ads:read";
    public static final String WRITE = "ads:write";

    private final ConsoleUrls urls;

    McpResource(ConsoleUrls urls) {
        this.urls = urls;
    }

    /** e.g. {@code https://console.example.com/mcp}: the {@code resource} agents ask for, and their tokens' audience. */
    public String resource() {
        return urls.url("/mcp");
    }

    public String issuer() {
        return urls.baseUrl();
    }

    public String metadataUrl() {
        return urls.url(METADATA_PATH);
    }

    /** True when {@code resource} (an RFC 8707 resource indicator) names this endpoint ({@code /mcp} or {@code /mcp/}). */
    public boolean isThisResource(String resource) {
        String ours = resource();
        return ours.equals(resource) || (ours + "/").equals(resource);
    }
}
