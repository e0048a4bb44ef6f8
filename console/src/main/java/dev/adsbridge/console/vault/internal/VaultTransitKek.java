package dev.adsbridge.console.vault.internal;

import com.google.crypto.tink.Aead;
import dev.adsbridge.console.vault.KeyVersions;
import dev.adsbridge.console.vault.VaultException.Reason;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A key-encryption key held by HashiCorp Vault's Transit engine: the key never leaves Vault; data keys are sent to it to
 * be wrapped ({@code vault:v<N>:…}) and unwrapped. Vault keeps the versions: rotation is Vault's {@code rotate}, and
 * retiring raises the key's {@code min_decryption_version}, below which Vault refuses to decrypt.
 */
public final class VaultTransitKek implements KeyEncryptionKey {

    public static final String PROVIDER_ID = "vault-transit";

    private static final Logger log = LoggerFactory.getLogger(VaultTransitKek.class);
    private static final Pattern VERSION = Pattern.compile("vault:v(\\d{1,9}):.+", Pattern.DOTALL);
    private static final Set<String> ENCRYPTING_TYPES =
            Set.of("aes128-gcm96", "aes256-gcm96", "chacha20-poly1305", "xchacha20-poly1305", "rsa-2048", "rsa-3072",
                    "rsa-4096");

    private final VaultTransitClient vault;
    private final Aead aead = new Aead() {
        @Override
        public byte[] encrypt(byte[] plaintext, byte[] associatedData) throws GeneralSecurityException {
            return vault.encrypt(plaintext, associatedData).getBytes(StandardCharsets.US_ASCII);
        }

        @Override
        public byte[] decrypt(byte[] ciphertext, byte[] associatedData) throws GeneralSecurityException {
            return vault.decrypt(new String(ciphertext, StandardCharsets.US_ASCII), associatedData);
        }
    };

    public VaultTransitKek(VaultTransitClient vault) {
        this.vault = vault;
    }

    /** Checks at startup that the key exists, the token may read it, and it can encrypt: fails loudly otherwise. */
    public KeyVersions verify() throws GeneralSecurityException {
        VaultTransitClient.KeyInfo key = vault.readKey();
        if (!key.type().isEmpty() && !ENCRYPTING_TYPES.contains(key.type())) {
            throw new KekException(Reason.MISCONFIGURED, "transit key '" + vault.keyName() + "' is of type "
                    + key.type() + ", which cannot encrypt; use aes256-gcm96");
        }
        return versionsOf(key);
    }

    @Override
    public String providerId() {
        return PROVIDER_ID;
    }

    @Override
    public Aead aead() {
        return aead;
    }

    @Override
    public int versionOf(byte[] wrappedKey) throws KekException {
        Matcher matcher = VERSION.matcher(new String(wrappedKey, StandardCharsets.US_ASCII));
        if (!matcher.matches()) {
            throw new KekException(Reason.MALFORMED, "the wrapped data key is not a Vault transit ciphertext");
        }
        return Integer.parseInt(matcher.group(1));
    }

    @Override
    public void checkDecryptable(int version) {
        // Vault itself answers "disallowed by policy (too old)" or "too new"; asking first would cost a round trip.
    }

    @Override
    public KeyVersions versions() throws GeneralSecurityException {
        return versionsOf(vault.readKey());
    }

    @Override
    public int rotate() throws GeneralSecurityException {
        vault.rotate();
        KeyVersions versions = versions();
        log.info("Vault transit key '{}' rotated: version {} is primary; versions {}-{} still decrypt",
                vault.keyName(), versions.primary(), versions.oldestDecryptable(), versions.primary() - 1);
        return versions.primary();
    }

    @Override
    public void retire(int version) throws GeneralSecurityException {
        VaultTransitClient.KeyInfo key = vault.readKey();
        if (version >= key.latestVersion()) {
            throw new KekException(Reason.REFUSED, "cannot retire transit key version " + version
                    + ": the latest version is " + key.latestVersion() + " (rotate first)");
        }
        if (version < key.minDecryptionVersion()) {
            return; // already retired
        }
        vault.setMinDecryptionVersion(version + 1);
        log.info("Vault transit key '{}': versions up to {} retired (min_decryption_version={})",
                vault.keyName(), version, version + 1);
    }

    @Override
    public byte[] rewrap(byte[] wrappedKey) throws GeneralSecurityException {
        // Vault's rewrap re-encrypts under the latest version inside Vault: the data key never reaches this process.
        return vault.rewrap(new String(wrappedKey, StandardCharsets.US_ASCII)).getBytes(StandardCharsets.US_ASCII);
    }

    private static KeyVersions versionsOf(VaultTransitClient.KeyInfo key) {
        return new KeyVersions(PROVIDER_ID, key.latestVersion(), Math.max(1, key.minDecryptionVersion()));
    }
}
