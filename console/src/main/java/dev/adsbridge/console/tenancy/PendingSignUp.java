package dev.adsbridge.console.tenancy;

import java.time.Instant;

/** A sign-up whose confirmation link is still good: what the confirmation page shows before it is used. */
public record PendingSignUp(String email, String tenantName, Instant expiresAt) {
}
