package dev.adsbridge.sandbox;

import java.time.Clock;
import java.util.List;
import java.util.Objects;

/**
 * Everything that shapes one sandbox instance. {@link #defaults()} is what dev mode, tests and benchmarks start from;
 * the {@code with*} methods return changed copies.
 *
 * @param host                  interface to bind (loopback by default: the sandbox is never exposed)
 * @param port                  0 for an ephemeral port
 * @param seed                  drives every generated object and metric, so two sandboxes with one seed answer alike
 * @param appId                 the one registered Meta app
 * @param appSecret             its secret (signs signed_request callbacks, checks appsecret_proof and code exchange)
 * @param redirectUris          redirect URIs registered for the app; the login dialog accepts only exact matches
 * @param minApiVersion         oldest Marketing API version still alive; an Ads call on an older one is auto-upgraded
 *                              to it, or answers 2635 (see {@code autoUpgradeAdsVersions}); other Graph calls are
 *                              served on every version up to the newest, as Meta serves Graph API versions for two
 *                              years and runs an expired one as the oldest available
 * @param maxApiVersion         newest version served
 * @param requireAppsecretProof the app's "Require App Secret" switch
 * @param shortTokenTtlSeconds  lifetime of a token from the code exchange
 * @param longTokenTtlSeconds   lifetime of a long-lived token (and of /_sandbox/tokens by default)
 * @param accessTier            ads_api_access_tier of the app: "development_access" or "standard_access" (drives rate limits)
 * @param clock                 time source (tests may move it)
 * @param autoUpgradeAdsVersions the app's "Ads API version auto-upgrade" setting (on by default, as on Meta): an Ads
 *                              call on an expired version runs on {@code minApiVersion} unless its endpoint changed in
 *                              that version
 */
public record SandboxConfig(
        String host,
        int port,
        long seed,
        String appId,
        String appSecret,
        List<String> redirectUris,
        int minApiVersion,
        int maxApiVersion,
        boolean requireAppsecretProof,
        long shortTokenTtlSeconds,
        long longTokenTtlSeconds,
        String accessTier,
        Clock clock,
        boolean autoUpgradeAdsVersions) {

    public static final String DEFAULT_APP_ID = "880000000000001";
    public static final String DEFAULT_APP_SECRET = "sandbox-app-secret-0123456789abcdef";

    public SandboxConfig {
        Objects.requireNonNull(host, "host");
        Objects.requireNonNull(appId, "appId");
        Objects.requireNonNull(appSecret, "appSecret");
        redirectUris = List.copyOf(redirectUris);
        Objects.requireNonNull(accessTier, "accessTier");
        Objects.requireNonNull(clock, "clock");
        if (minApiVersion > maxApiVersion) {
            throw new IllegalArgumentException("minApiVersion " + minApiVersion + " > maxApiVersion " + maxApiVersion);
        }
    }

    public static SandboxConfig defaults() {
        return new SandboxConfig("127.0.0.1", 0, 42L, DEFAULT_APP_ID, DEFAULT_APP_SECRET,
                List.of("http://localhost:8080/connect/callback", "http://127.0.0.1:8080/connect/callback"),
                25, 27, false, 2 * 3600L, 60 * 24 * 3600L, "standard_access", Clock.systemUTC(), true);
    }

    public SandboxConfig withPort(int port) {
        return new SandboxConfig(host, port, seed, appId, appSecret, redirectUris, minApiVersion, maxApiVersion,
                requireAppsecretProof, shortTokenTtlSeconds, longTokenTtlSeconds, accessTier, clock, autoUpgradeAdsVersions);
    }

    public SandboxConfig withHost(String host) {
        return new SandboxConfig(host, port, seed, appId, appSecret, redirectUris, minApiVersion, maxApiVersion,
                requireAppsecretProof, shortTokenTtlSeconds, longTokenTtlSeconds, accessTier, clock, autoUpgradeAdsVersions);
    }

    public SandboxConfig withSeed(long seed) {
        return new SandboxConfig(host, port, seed, appId, appSecret, redirectUris, minApiVersion, maxApiVersion,
                requireAppsecretProof, shortTokenTtlSeconds, longTokenTtlSeconds, accessTier, clock, autoUpgradeAdsVersions);
    }

    public SandboxConfig withApp(String appId, String appSecret) {
        return new SandboxConfig(host, port, seed, appId, appSecret, redirectUris, minApiVersion, maxApiVersion,
                requireAppsecretProof, shortTokenTtlSeconds, longTokenTtlSeconds, accessTier, clock, autoUpgradeAdsVersions);
    }

    public SandboxConfig withRedirectUris(List<String> redirectUris) {
        return new SandboxConfig(host, port, seed, appId, appSecret, redirectUris, minApiVersion, maxApiVersion,
                requireAppsecretProof, shortTokenTtlSeconds, longTokenTtlSeconds, accessTier, clock, autoUpgradeAdsVersions);
    }

    public SandboxConfig withRequireAppsecretProof(boolean require) {
        return new SandboxConfig(host, port, seed, appId, appSecret, redirectUris, minApiVersion, maxApiVersion,
                require, shortTokenTtlSeconds, longTokenTtlSeconds, accessTier, clock, autoUpgradeAdsVersions);
    }

    public SandboxConfig withTokenTtls(long shortSeconds, long longSeconds) {
        return new SandboxConfig(host, port, seed, appId, appSecret, redirectUris, minApiVersion, maxApiVersion,
                requireAppsecretProof, shortSeconds, longSeconds, accessTier, clock, autoUpgradeAdsVersions);
    }

    public SandboxConfig withAccessTier(String accessTier) {
        return new SandboxConfig(host, port, seed, appId, appSecret, redirectUris, minApiVersion, maxApiVersion,
                requireAppsecretProof, shortTokenTtlSeconds, longTokenTtlSeconds, accessTier, clock, autoUpgradeAdsVersions);
    }

    public SandboxConfig withClock(Clock clock) {
        return new SandboxConfig(host, port, seed, appId, appSecret, redirectUris, minApiVersion, maxApiVersion,
                requireAppsecretProof, shortTokenTtlSeconds, longTokenTtlSeconds, accessTier, clock, autoUpgradeAdsVersions);
    }

    /** The app's "Ads API version auto-upgrade" switch. */
    public SandboxConfig withAdsVersionAutoUpgrade(boolean on) {
        return new SandboxConfig(host, port, seed, appId, appSecret, redirectUris, minApiVersion, maxApiVersion,
                requireAppsecretProof, shortTokenTtlSeconds, longTokenTtlSeconds, accessTier, clock, on);
    }

    /** The version path segment new callers should use, e.g. {@code v25.0}. */
    public String defaultVersion() {
        return "v" + minApiVersion + ".0";
    }

    @Override
    public String toString() {
        return "SandboxConfig[host=" + host + ", port=" + port + ", seed=" + seed + ", appId=" + appId
                + ", appSecret=***, redirectUris=" + redirectUris + ", versions=v" + minApiVersion + "-v" + maxApiVersion
                + ", requireAppsecretProof=" + requireAppsecretProof + ", accessTier=" + accessTier + "]";
    }
}
