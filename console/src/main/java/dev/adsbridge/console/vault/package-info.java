/**
 * The token vault: Meta access tokens encrypted at rest with envelope encryption (an AES-256-GCM data key per token,
 * wrapped by a key-encryption key held in a KMS), bound to their tenant and connection.
 *
 * <p>Public API: {@link dev.adsbridge.console.vault.TokenVault} (seal / open), {@link dev.adsbridge.console.vault.SealedToken}
 * (what a connection row stores), {@link dev.adsbridge.console.vault.KeyRotation} (rotate, re-wrap, retire) and the SPI
 * {@link dev.adsbridge.console.vault.SealedTokenStore} that the module owning the rows implements. Everything under
 * {@code internal} is private to the module. See console/VAULT.md.
 */
@NullMarked
@ApplicationModule(displayName = "Token vault")
package dev.adsbridge.console.vault;

import org.jspecify.annotations.NullMarked;
import org.springframework.modulith.ApplicationModule;
