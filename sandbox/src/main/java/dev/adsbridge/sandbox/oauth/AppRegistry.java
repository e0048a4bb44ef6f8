package dev.adsbridge.sandbox.oauth;

import dev.adsbridge.sandbox.SandboxConfig;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArraySet;

/**
 * The sandbox's one registered Meta app as its settings page would show it: id, secret, display name and the redirect
 * URIs, which can grow at runtime ({@code POST /_sandbox/app/redirect-uris}) without touching {@link SandboxConfig}.
 * Also remembers, per user, which permissions they declined in the dialog (shown as "declined" by /me/permissions).
 */
public final class AppRegistry {

    /** What the dialog and debug_token call the app. */
    public static final String APP_NAME = "AdsBridge (sandbox)";

    private final String appId;
    private final String appSecret;
    private final Set<String> redirectUris;
    private final Map<String, Set<String>> declinedByUser = new ConcurrentHashMap<>();

    public AppRegistry(SandboxConfig config) {
        this.appId = config.appId();
        this.appSecret = config.appSecret();
        this.redirectUris = new CopyOnWriteArraySet<>(config.redirectUris());
    }

    public String appId() {
        return appId;
    }

    public String appSecret() {
        return appSecret;
    }

    public String name() {
        return APP_NAME;
    }

    /** Registered redirect URIs in registration order. */
    public List<String> redirectUris() {
        return List.copyOf(redirectUris);
    }

    /** Exact string match, as Meta's "Valid OAuth Redirect URIs" check (strict mode) does. */
    public boolean isRegisteredRedirectUri(String uri) {
        return uri != null && redirectUris.contains(uri);
    }

    public void addRedirectUri(String uri) {
        redirectUris.add(uri);
    }

    /** Permissions the user declined (in the dialog or by revoking one), minus any granted again since. */
    public Set<String> declined(String userId) {
        Set<String> declined = declinedByUser.get(userId);
        return declined == null ? Set.of() : Set.copyOf(declined);
    }

    /** Records one consent: granted scopes stop being declined, declined ones are remembered. */
    public void recordConsent(String userId, Set<String> granted, Set<String> declined) {
        Set<String> set = declinedByUser.computeIfAbsent(userId, k -> ConcurrentHashMap.newKeySet());
        set.removeAll(granted);
        set.addAll(declined);
    }

    public void recordDeclined(String userId, String permission) {
        declinedByUser.computeIfAbsent(userId, k -> ConcurrentHashMap.newKeySet()).add(permission);
    }

    /** Every user's declined permissions (for keeping the world across restarts). */
    public Map<String, Set<String>> declinedByUser() {
        Map<String, Set<String>> copy = new java.util.TreeMap<>();
        declinedByUser.forEach((user, set) -> copy.put(user, Set.copyOf(set)));
        return copy;
    }

    /** A number that changes when redirect URIs or declined permissions change. */
    public long changeCount() {
        long sum = redirectUris.size();
        for (Set<String> set : declinedByUser.values()) {
            sum = sum * 31 + set.hashCode();
        }
        return sum + declinedByUser.hashCode();
    }

    /** The user removed the app: nothing is remembered any more. */
    public void forget(String userId) {
        declinedByUser.remove(userId);
    }
}
