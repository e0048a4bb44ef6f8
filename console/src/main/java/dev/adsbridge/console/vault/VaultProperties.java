package dev.adsbridge.console.vault;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import org.jspecify.annotations.Nullable;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The vault's configuration ({@code adsbridge.vault.*}).
 *
 * <p>In dev mode (profile {@code dev}, or {@code adsbridge.console.mode=dev}) an unset provider means {@code local} with a
 * keyset generated under the data directory. Otherwise the vault requires explicit configuration and refuses to start
 * without it; {@code require-explicit-config} overrides that choice either way.
 *
 * @param provider              {@code local} or {@code vault-transit}; unset = local in dev mode, a startup failure otherwise
 * @param requireExplicitConfig true: fail at startup unless a provider is configured, and never generate a keyset; unset:
 *                              true unless in dev mode
 * @param local                 the local keyset provider
 * @param vaultTransit          the HashiCorp Vault Transit provider
 * @param rotationBatchSize     how many stored tokens rotation reads and re-wraps per batch
 */
@ConfigurationProperties("adsbridge.vault")
public record VaultProperties(
        @Nullable Provider provider,
        @Nullable Boolean requireExplicitConfig,
        @DefaultValue Local local,
        @DefaultValue VaultTransit vaultTransit,
        @DefaultValue("100") int rotationBatchSize) {

    public enum Provider { LOCAL, VAULT_TRANSIT }

    public VaultProperties {
        if (rotationBatchSize < 1) {
            throw new IllegalArgumentException("adsbridge.vault.rotation-batch-size must be at least 1");
        }
    }

    /**
     * @param keysetPath where the Tink keyset lives; default {@code <adsbridge.data-dir>/vault/local-kek.json}
     * @param passphrase when set, the keyset file is encrypted with a key derived from it (PBKDF2); otherwise it is
     *                   stored in cleartext, protected by file permissions only
     */
    public record Local(@Nullable Path keysetPath, @Nullable String passphrase) {

        public Local {
            passphrase = passphrase == null || passphrase.isEmpty() ? null : passphrase;
        }

        @Override
        public String toString() {
            return "Local[keysetPath=" + keysetPath + ", passphrase=" + (passphrase == null ? "null" : "***") + "]";
        }
    }

    /**
     * @param address   Vault's address, e.g. {@code https://vault.internal:8200}; default: the {@code VAULT_ADDR} variable
     * @param token     a Vault token; default: {@code token-file}, then the {@code VAULT_TOKEN} variable
     * @param tokenFile a file holding the token, re-read on every call (e.g. a Vault Agent sink)
     * @param mountPath where the Transit engine is mounted; default {@code transit}
     * @param keyName   the Transit key wrapping data keys; default {@code adsbridge-tokens}
     * @param namespace Vault Enterprise namespace ({@code X-Vault-Namespace}), if any
     * @param timeout   connect and request timeout of one Vault call; default 10 s
     */
    public record VaultTransit(
            @Nullable URI address,
            @Nullable String token,
            @Nullable Path tokenFile,
            @DefaultValue("transit") String mountPath,
            @DefaultValue("adsbridge-tokens") String keyName,
            @Nullable String namespace,
            @DefaultValue("10s") Duration timeout) {

        public VaultTransit {
            token = token == null || token.isBlank() ? null : token.strip();
            mountPath = mountPath.isBlank() ? "transit" : mountPath.strip();
            keyName = keyName.isBlank() ? "adsbridge-tokens" : keyName.strip();
            namespace = namespace == null || namespace.isBlank() ? null : namespace.strip();
        }

        @Override
        public String toString() {
            return "VaultTransit[address=" + address + ", token=" + (token == null ? "null" : "***") + ", tokenFile="
                    + tokenFile + ", mountPath=" + mountPath + ", keyName=" + keyName + ", namespace=" + namespace
                    + ", timeout=" + timeout + "]";
        }
    }
}
