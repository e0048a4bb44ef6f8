/**
 * "Connect Facebook Ads": the OAuth flow with Meta (state + PKCE), the stored connections (token sealed by the vault), their
 * lifecycle (expiry warnings, needs-reconnect, reconnect in place, disconnect) and Meta's deauthorize and data-deletion
 * callbacks.
 *
 * <p>API: {@link dev.adsbridge.console.connections.Connections} (read connections, use a token, report a failure),
 * {@link dev.adsbridge.console.connections.ConnectFlow} (start and complete the dialog), the events
 * ({@link dev.adsbridge.console.connections.ConnectionEstablished}, {@link dev.adsbridge.console.connections.ConnectionRevoked}, {@link dev.adsbridge.console.connections.ConnectionRefused},
 * {@link dev.adsbridge.console.connections.ConnectionNeedsReconnect}, {@link dev.adsbridge.console.connections.ConnectionExpiringSoon},
 * {@link dev.adsbridge.console.connections.ConnectionErased}). Tokens leave this module only as the argument of the
 * function given to {@code Connections.withToken}.
 */
@NullMarked
package dev.adsbridge.console.connections;

import org.jspecify.annotations.NullMarked;
