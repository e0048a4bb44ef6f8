/** Key-encryption-key providers (local Tink keyset, HashiCorp Vault Transit), the envelope format and Spring wiring. */
@NullMarked
package dev.adsbridge.console.vault.internal;

import org.jspecify.annotations.NullMarked;
