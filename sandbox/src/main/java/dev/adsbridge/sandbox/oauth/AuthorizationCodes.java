package dev.adsbridge.sandbox.oauth;

import java.security.SecureRandom;
import java.util.Base64;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Authorization codes issued by the login dialog: single use, bound to a redirect URI and, when the dialog was opened
 * with a PKCE {@code code_challenge}, to that challenge; valid for 10 minutes.
 */
final class AuthorizationCodes {

    static final long TTL_SECONDS = 600;
    private static final long FORGET_AFTER_SECONDS = 3600;

    /** What a code stands for; {@code codeChallenge} is the S256 challenge of the dialog, or null without PKCE. */
    record Issued(String userId, String redirectUri, Set<String> scopes, long issuedAt, String codeChallenge) {
        boolean isExpiredAt(long now) {
            return now - issuedAt >= TTL_SECONDS;
        }
    }

    private final Map<String, Issued> codes = new ConcurrentHashMap<>();
    private final Set<String> used = ConcurrentHashMap.newKeySet();
    private final SecureRandom random = new SecureRandom();

    String issue(String userId, String redirectUri, Set<String> scopes, String codeChallenge, long now) {
        forgetOld(now);
        byte[] bytes = new byte[96];
        random.nextBytes(bytes);
        String code = "AQ" + Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
        codes.put(code, new Issued(userId, redirectUri, Set.copyOf(scopes), now, codeChallenge));
        return code;
    }

    Optional<Issued> find(String code) {
        return Optional.ofNullable(codes.get(code));
    }

    /** Marks the code used; false when it already was (the second exchange of a code). */
    boolean markUsed(String code) {
        return used.add(code);
    }

    boolean isUsed(String code) {
        return used.contains(code);
    }

    // Codes are kept well past their expiry so that reuse still answers 36009, then dropped to bound memory.
    private void forgetOld(long now) {
        if (codes.size() < 256) {
            return;
        }
        codes.entrySet().removeIf(e -> {
            boolean old = now - e.getValue().issuedAt() > FORGET_AFTER_SECONDS;
            if (old) {
                used.remove(e.getKey());
            }
            return old;
        });
    }
}
