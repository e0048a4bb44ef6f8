package dev.adsbridge.console.vault.internal;

import dev.adsbridge.console.vault.KeyRotation;
import dev.adsbridge.console.vault.KeyVersions;
import dev.adsbridge.console.vault.SealedTokenStore;
import dev.adsbridge.console.vault.TokenVault;
import dev.adsbridge.console.vault.VaultException.Reason;
import dev.adsbridge.console.vault.VaultProperties;
import java.io.IOException;
import java.net.InetAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.time.Clock;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;
import org.springframework.core.env.Profiles;

/**
 * Builds the {@link TokenVault} and {@link KeyRotation} from {@link VaultProperties}. Outside dev mode a missing or
 * unusable provider stops the application at startup with a message saying what to set.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(VaultProperties.class)
public class VaultConfiguration {

    private static final Logger log = LoggerFactory.getLogger(VaultConfiguration.class);

    static final String HOW_TO_CONFIGURE = "Set adsbridge.vault.provider=vault-transit with adsbridge.vault.vault-transit"
            + ".address (or VAULT_ADDR), a token (adsbridge.vault.vault-transit.token, .token-file or VAULT_TOKEN) and "
            + ".key-name; or adsbridge.vault.provider=local with adsbridge.vault.local.keyset-path pointing at an existing "
            + "keyset. See console/VAULT.md.";

    @Bean
    KeyEncryptionKey vaultKeyEncryptionKey(VaultProperties properties, Environment environment) {
        return keyEncryptionKey(properties, environment);
    }

    @Bean
    TokenVault tokenVault(KeyEncryptionKey vaultKeyEncryptionKey, ObjectProvider<Clock> clock) {
        return new TokenVault(vaultKeyEncryptionKey, clock.getIfAvailable(Clock::systemUTC));
    }

    @Bean
    KeyRotation keyRotation(TokenVault tokenVault, ObjectProvider<SealedTokenStore> stores, VaultProperties properties) {
        return new KeyRotation(tokenVault, stores.orderedStream().toList(), properties.rotationBatchSize());
    }

    /** Whether this run must be configured explicitly (production) rather than fall back to a generated local keyset. */
    public static boolean requiresExplicitConfig(VaultProperties properties, Environment environment) {
        if (properties.requireExplicitConfig() != null) {
            return properties.requireExplicitConfig();
        }
        boolean dev = environment.acceptsProfiles(Profiles.of("dev"))
                || "dev".equalsIgnoreCase(environment.getProperty("adsbridge.console.mode", "").strip());
        return !dev;
    }

    /** The key-encryption key the properties describe, verified; fails with a message naming what to set. */
    public static KeyEncryptionKey keyEncryptionKey(VaultProperties properties, Environment environment) {
        boolean strict = requiresExplicitConfig(properties, environment);
        VaultProperties.Provider provider = properties.provider();
        if (provider == null) {
            if (strict) {
                throw new IllegalStateException("The token vault has no key-encryption key configured, and this is not "
                        + "dev mode (adsbridge.vault.require-explicit-config). " + HOW_TO_CONFIGURE);
            }
            provider = VaultProperties.Provider.LOCAL;
        }
        try {
            return switch (provider) {
                case LOCAL -> local(properties.local(), environment, strict);
                case VAULT_TRANSIT -> vaultTransit(properties.vaultTransit(), environment);
            };
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("The token vault cannot start: " + e.getMessage() + ". " + HOW_TO_CONFIGURE);
        }
    }

    private static KeyEncryptionKey local(VaultProperties.Local settings, Environment environment, boolean strict)
            throws GeneralSecurityException {
        Path path = settings.keysetPath() != null
                ? settings.keysetPath()
                : Path.of(environment.getProperty("adsbridge.data-dir", "data"), "vault", "local-kek.json");
        KeysetFile file = new KeysetFile(path, settings.passphrase());
        LocalKeysetKek kek = LocalKeysetKek.open(file, !strict);
        if (file.isAccessibleToOthers()) {
            if (strict) {
                throw new KekException(Reason.MISCONFIGURED, "the local "
                        + "keyset file " + file.path() + " is readable by group or others: chmod 600 it");
            }
            log.warn("The local keyset file {} is readable by group or others: chmod 600 it", file.path());
        }
        KeyVersions versions = kek.versions();
        if (strict && !file.isEncryptedWithPassphrase()) {
            log.warn("Token vault: local keyset {} is stored in cleartext; in production prefer vault-transit, or set "
                    + "adsbridge.vault.local.passphrase", file.path());
        }
        log.info("Token vault: local keyset {} (primary key version {}, oldest decrypting {}{})", file.path(),
                versions.primary(), versions.oldestDecryptable(),
                file.isEncryptedWithPassphrase() ? ", passphrase-encrypted" : "");
        return kek;
    }

    private static KeyEncryptionKey vaultTransit(VaultProperties.VaultTransit settings, Environment environment)
            throws GeneralSecurityException {
        URI address = settings.address();
        if (address == null) {
            String fromEnvironment = environment.getProperty("VAULT_ADDR", "").strip();
            if (fromEnvironment.isEmpty()) {
                throw new KekException(Reason.MISCONFIGURED,
                        "adsbridge.vault.vault-transit.address (or VAULT_ADDR) is not set");
            }
            address = URI.create(fromEnvironment);
        }
        Supplier<@Nullable String> token = tokenSource(settings, environment);
        if (token.get() == null) {
            throw new KekException(Reason.MISCONFIGURED, "no Vault token: set "
                    + "adsbridge.vault.vault-transit.token, adsbridge.vault.vault-transit.token-file or VAULT_TOKEN");
        }
        warnIfPlainHttp(address);
        VaultTransitClient client;
        try {
            client = new VaultTransitClient(address, settings.mountPath(), settings.keyName(), token,
                    settings.namespace(), settings.timeout());
        } catch (IllegalArgumentException e) {
            throw new KekException(Reason.MISCONFIGURED, e.getMessage());
        }
        VaultTransitKek kek = new VaultTransitKek(client);
        KeyVersions versions = kek.verify();
        log.info("Token vault: Vault Transit key '{}' at {} mount '{}' (primary key version {}, oldest decrypting {})",
                settings.keyName(), address, client.mount(), versions.primary(), versions.oldestDecryptable());
        return kek;
    }

    private static Supplier<@Nullable String> tokenSource(VaultProperties.VaultTransit settings, Environment environment) {
        String token = settings.token();
        if (token != null) {
            return () -> token;
        }
        Path tokenFile = settings.tokenFile();
        if (tokenFile != null) {
            return () -> {
                try {
                    String value = Files.readString(tokenFile, StandardCharsets.UTF_8).strip();
                    return value.isEmpty() ? null : value;
                } catch (IOException e) {
                    log.warn("Cannot read the Vault token file {} ({})", tokenFile, e.getClass().getSimpleName());
                    return null;
                }
            };
        }
        String fromEnvironment = environment.getProperty("VAULT_TOKEN", "").strip();
        return () -> fromEnvironment.isEmpty() ? null : fromEnvironment;
    }

    private static void warnIfPlainHttp(URI address) {
        if (!"http".equals(address.getScheme())) {
            return;
        }
        boolean loopback;
        try {
            loopback = address.getHost() != null && InetAddress.getByName(address.getHost()).isLoopbackAddress();
        } catch (IOException e) {
            loopback = false;
        }
        if (!loopback) {
            log.warn("The Vault address {} is plain http: the Vault token and data keys cross the network in clear; "
                    + "use https", address);
        }
    }
}
