package dev.adsbridge.console.vault.internal;

import com.google.crypto.tink.Aead;
import com.google.crypto.tink.KeysetHandle;
import com.google.crypto.tink.aead.PredefinedAeadParameters;
import dev.adsbridge.console.vault.KeyVersions;
import dev.adsbridge.console.vault.VaultException.Reason;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.StandardOpenOption;
import java.security.GeneralSecurityException;
import java.util.Objects;
import java.util.SortedSet;
import java.util.TreeSet;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A key-encryption key kept in a local Tink keyset of AES-256-GCM keys, one per version. A key's Tink key id <em>is</em>
 * its version (1, 2, 3, …), so the 5-byte Tink prefix of a wrapped data key names the version that wrapped it.
 * Rotation adds a key and makes it primary; retiring removes keys from the keyset, after which what they wrapped no
 * longer decrypts.
 *
 * <p>Another process (the {@code rotate-keys} command) may rotate the file while a server runs: every operation checks
 * the file's modification stamp and reloads it when it changed, so servers pick up a new primary and a retirement
 * without a restart.
 */
public final class LocalKeysetKek implements KeyEncryptionKey {

    public static final String PROVIDER_ID = "local";

    private static final Logger log = LoggerFactory.getLogger(LocalKeysetKek.class);
    private static final byte TINK_PREFIX = 0x01;

    private record State(KeysetHandle keyset, Aead aead, SortedSet<Integer> versions, int primary, @Nullable Object stamp) {}

    private final @Nullable KeysetFile file;
    private volatile State state;
    private final Aead aead = new Aead() {
        @Override
        public byte[] encrypt(byte[] plaintext, byte[] associatedData) throws GeneralSecurityException {
            return current().aead().encrypt(plaintext, associatedData);
        }

        @Override
        public byte[] decrypt(byte[] ciphertext, byte[] associatedData) throws GeneralSecurityException {
            return current().aead().decrypt(ciphertext, associatedData);
        }
    };

    static {
        try {
            // Generating a key (generateEntryFromParameters) needs Tink's AEAD key creators in its global registry.
            com.google.crypto.tink.aead.AeadConfig.register();
        } catch (GeneralSecurityException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    private LocalKeysetKek(@Nullable KeysetFile file, State state) {
        this.file = file;
        this.state = state;
    }

    /** A keyset that lives only in memory: for tests and throwaway demos (everything sealed is lost with the process). */
    public static LocalKeysetKek inMemory() {
        try {
            return new LocalKeysetKek(null, stateOf(firstKeyset(), null));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("cannot create an in-memory keyset", e);
        }
    }

    /**
     * Opens the keyset file; when it does not exist, generates a keyset with version 1 if {@code createIfMissing}, or
     * fails (production must never silently start over with a new key: every stored token would be lost).
     */
    public static LocalKeysetKek open(KeysetFile file, boolean createIfMissing) throws KekException {
        if (!file.exists()) {
            if (!createIfMissing) {
                throw new KekException(Reason.MISCONFIGURED, "the local keyset file " + file.path() + " does not exist, "
                        + "and generating one is only done in dev mode (a new key cannot open tokens sealed before)");
            }
            try {
                file.write(firstKeyset());
            } catch (GeneralSecurityException e) {
                throw new KekException(Reason.MISCONFIGURED, "cannot generate a local keyset", e);
            }
            log.warn("Generated a new local key-encryption keyset at {} (dev mode). Back it up: without it no stored "
                    + "token can be decrypted.", file.path());
        }
        return new LocalKeysetKek(file, load(file));
    }

    public @Nullable KeysetFile file() {
        return file;
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
        if (wrappedKey.length < 5 || wrappedKey[0] != TINK_PREFIX) {
            throw new KekException(Reason.MALFORMED, "the wrapped data key has no local key version");
        }
        return ByteBuffer.wrap(wrappedKey, 1, 4).getInt();
    }

    @Override
    public void checkDecryptable(int version) throws GeneralSecurityException {
        State current = current();
        if (current.versions().contains(version)) {
            return;
        }
        if (version < current.versions().first()) {
            throw new KekException(Reason.KEY_RETIRED, "local key version " + version + " is retired");
        }
        throw new KekException(Reason.UNKNOWN_KEY, "local key version " + version + " is not in the keyset "
                + "(newest is " + current.primary() + ")");
    }

    @Override
    public KeyVersions versions() throws GeneralSecurityException {
        State current = current();
        return new KeyVersions(PROVIDER_ID, current.primary(), current.versions().first());
    }

    @Override
    public synchronized int rotate() throws GeneralSecurityException {
        return underFileLock(() -> {
            State current = reloadIfChanged(true);
            int next = current.versions().last() + 1;
            KeysetHandle rotated = KeysetHandle.newBuilder(current.keyset())
                    .setConfiguration(KeysetFile.TINK)
                    .addEntry(KeysetHandle.generateEntryFromParameters(PredefinedAeadParameters.AES256_GCM)
                            .withFixedId(next)
                            .makePrimary())
                    .build();
            save(rotated);
            log.info("Local key-encryption key rotated: version {} is primary; versions {}-{} still decrypt",
                    next, current.versions().first(), current.primary());
            return next;
        });
    }

    @Override
    public synchronized void retire(int version) throws GeneralSecurityException {
        underFileLock(() -> {
            State current = reloadIfChanged(true);
            if (version >= current.primary()) {
                throw new KekException(Reason.REFUSED, "cannot retire local key version " + version
                        + ": the primary version is " + current.primary() + " (rotate first)");
            }
            KeysetHandle.Builder builder = KeysetHandle.newBuilder(current.keyset()).setConfiguration(KeysetFile.TINK);
            for (int i = current.keyset().size() - 1; i >= 0; i--) {
                if (current.keyset().getAt(i).getId() <= version) {
                    builder.deleteAt(i);
                }
            }
            if (builder.size() == current.keyset().size()) {
                return 0; // already retired
            }
            save(builder.build());
            log.info("Local key-encryption key versions up to {} retired", version);
            return 0;
        });
    }

    private State current() throws KekException {
        return file == null ? state : reloadIfChanged(false);
    }

    private State reloadIfChanged(boolean force) throws KekException {
        if (file == null) {
            return state;
        }
        State current = state;
        Object stamp = file.stamp();
        if (!force && stamp != null && Objects.equals(stamp, current.stamp())) {
            return current;
        }
        synchronized (this) {
            if (force || !Objects.equals(file.stamp(), state.stamp())) {
                state = load(file);
            }
            return state;
        }
    }

    private void save(KeysetHandle keyset) throws GeneralSecurityException {
        if (file != null) {
            file.write(keyset);
            state = stateOf(keyset, file.stamp());
        } else {
            state = stateOf(keyset, null);
        }
    }

    private static State load(KeysetFile file) throws KekException {
        Object stamp = file.stamp();
        KeysetFile.Loaded loaded = file.read();
        try {
            if (loaded.wasCleartext() && file.isEncryptedWithPassphrase()) {
                file.write(loaded.handle()); // a passphrase was configured since: encrypt the file from now on
                log.info("Encrypted the local keyset file {} with the configured passphrase", file.path());
                stamp = file.stamp();
            }
            return stateOf(loaded.handle(), stamp);
        } catch (KekException e) {
            throw e;
        } catch (GeneralSecurityException e) {
            throw new KekException(Reason.MISCONFIGURED, "the local keyset file " + file.path() + " holds no usable "
                    + "AEAD keys");
        }
    }

    private static KeysetHandle firstKeyset() throws GeneralSecurityException {
        return KeysetHandle.newBuilder()
                .setConfiguration(KeysetFile.TINK)
                .addEntry(KeysetHandle.generateEntryFromParameters(PredefinedAeadParameters.AES256_GCM)
                        .withFixedId(1)
                        .makePrimary())
                .build();
    }

    private static State stateOf(KeysetHandle keyset, @Nullable Object stamp) throws GeneralSecurityException {
        SortedSet<Integer> versions = new TreeSet<>();
        for (int i = 0; i < keyset.size(); i++) {
            versions.add(keyset.getAt(i).getId());
        }
        Aead aead = keyset.getPrimitive(KeysetFile.TINK, Aead.class);
        return new State(keyset, aead, versions, keyset.getPrimary().getId(), stamp);
    }

    private interface LockedAction {
        int run() throws GeneralSecurityException;
    }

    @SuppressWarnings("try") // the lock is held by the try block, never referenced
    private int underFileLock(LockedAction action) throws GeneralSecurityException {
        if (file == null) {
            return action.run();
        }
        try (FileChannel channel = FileChannel.open(file.lockPath(), StandardOpenOption.CREATE, StandardOpenOption.WRITE);
                FileLock ignored = channel.lock()) {
            return action.run();
        } catch (IOException e) {
            throw new KekException(Reason.MISCONFIGURED, "cannot lock " + file.lockPath() + " ("
                    + e.getClass().getSimpleName() + ")");
        }
    }
}
