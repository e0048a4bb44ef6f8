package dev.adsbridge.console.vault;

import dev.adsbridge.console.vault.SealedTokenStore.StoredToken;
import java.security.GeneralSecurityException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Key rotation without downtime: {@link #rotate()} creates a new key-encryption-key version and makes it primary (new
 * seals use it at once), then re-wraps every stored token's data key under it in batches, each row swapped with a
 * compare-and-set while the application keeps serving; older versions keep decrypting meanwhile. Once every row has
 * moved, {@link #retire(int)} retires the old versions, and a ciphertext still under one no longer opens.
 *
 * <p>Re-wrapping never decrypts a token: only its data key is unwrapped and wrapped again (inside Vault, for Vault
 * Transit). Every operation is safe to re-run: {@link #rewrap()} resumes an interrupted pass.
 */
public final class KeyRotation {

    private static final Logger log = LoggerFactory.getLogger(KeyRotation.class);

    private final TokenVault vault;
    private final List<SealedTokenStore> stores;
    private final int batchSize;

    public KeyRotation(TokenVault vault, List<SealedTokenStore> stores, int batchSize) {
        if (batchSize < 1) {
            throw new IllegalArgumentException("batchSize must be at least 1");
        }
        this.vault = vault;
        this.stores = List.copyOf(stores);
        this.batchSize = batchSize;
    }

    /** Creates a new key version, makes it primary, and re-wraps every stored token under it. */
    public RotationReport rotate() {
        requireStores();
        int primary;
        try {
            primary = vault.kek().rotate();
        } catch (GeneralSecurityException e) {
            throw TokenVault.failure(e, "rotate the key-encryption key", VaultException.Reason.MISCONFIGURED);
        }
        return rewrapTo(primary);
    }

    /** Re-wraps every stored token not yet under the primary version (after an interrupted pass, or a KMS-side rotation). */
    public RotationReport rewrap() {
        requireStores();
        return rewrapTo(vault.keyVersions().primary());
    }

    /**
     * Retires {@code version} and every older one: they stop decrypting. Refused while a stored token is still under one
     * of them (run {@link #rewrap()} first) and for the primary version.
     */
    public void retire(int version) {
        requireStores();
        KeyVersions versions = vault.keyVersions();
        if (version >= versions.primary()) {
            throw new VaultException(VaultException.Reason.REFUSED, "cannot retire key version " + version
                    + ": the primary version is " + versions.primary() + " (rotate first)");
        }
        long stillUnder = 0;
        for (Map.Entry<Integer, Long> entry : census().entrySet()) {
            if (entry.getKey() <= version) {
                stillUnder += entry.getValue();
            }
        }
        if (stillUnder > 0) {
            throw new VaultException(VaultException.Reason.REFUSED, stillUnder + " stored token(s) are still under key "
                    + "version " + version + " or older: run a re-wrap first, then retire");
        }
        try {
            vault.kek().retire(version);
        } catch (GeneralSecurityException e) {
            throw TokenVault.failure(e, "retire key version " + version, VaultException.Reason.MISCONFIGURED);
        }
        log.info("Key versions up to {} retired; tokens still sealed under them no longer open", version);
    }

    /** The key versions: primary and oldest still decrypting. */
    public KeyVersions status() {
        return vault.keyVersions();
    }

    /** How many stored tokens each key version of this vault's provider wraps (another provider's count under -1). */
    public Map<Integer, Long> census() {
        requireStores();
        Map<Integer, Long> counts = new TreeMap<>();
        for (SealedTokenStore store : stores) {
            scan(store, row -> counts.merge(
                    row.sealed().kekProvider().equals(vault.kekProvider()) ? row.sealed().keyVersion() : -1, 1L,
                    Long::sum));
        }
        return counts;
    }

    private RotationReport rewrapTo(int primary) {
        String provider = vault.kekProvider();
        long[] counts = new long[4]; // scanned, rewrapped, already current, changed
        List<UUID> failed = new ArrayList<>();
        for (SealedTokenStore store : stores) {
            scan(store, row -> {
                counts[0]++;
                SealedToken sealed = row.sealed();
                if (sealed.kekProvider().equals(provider) && sealed.keyVersion() >= primary) {
                    counts[2]++;
                    return;
                }
                SealedToken rewrapped;
                try {
                    rewrapped = vault.rewrap(sealed);
                } catch (VaultException e) {
                    if (e.isTransient() || e.reason() == VaultException.Reason.KMS_DENIED
                            || e.reason() == VaultException.Reason.MISCONFIGURED) {
                        throw e; // every other row would fail the same way: stop, re-run later
                    }
                    log.warn("Cannot re-wrap the token of connection {}: {}", row.connectionId(), e.getMessage());
                    failed.add(row.connectionId());
                    return;
                }
                if (store.compareAndSet(row.tenantId(), row.connectionId(), sealed, rewrapped)) {
                    counts[1]++;
                } else {
                    counts[3]++;
                }
            });
        }
        RotationReport report = new RotationReport(primary, counts[0], counts[1], counts[2], counts[3], failed);
        log.info("Token re-wrap done: {}", report.summary());
        return report;
    }

    private interface RowAction {
        void accept(StoredToken row);
    }

    private void scan(SealedTokenStore store, RowAction action) {
        @Nullable UUID after = null;
        long batches = 0;
        while (true) {
            List<StoredToken> batch = store.batchAfter(after, batchSize);
            if (batch.isEmpty()) {
                return;
            }
            for (StoredToken row : batch) {
                action.accept(row);
            }
            UUID last = batch.get(batch.size() - 1).connectionId();
            if (last.equals(after)) {
                throw new IllegalStateException(store.getClass().getName() + ".batchAfter does not advance past "
                        + "connection " + last);
            }
            after = last;
            if (++batches % 10 == 0) {
                log.info("Token vault scan: {} batches of up to {} read", batches, batchSize);
            }
        }
    }

    private void requireStores() {
        if (stores.isEmpty()) {
            throw new VaultException(VaultException.Reason.MISCONFIGURED, "no SealedTokenStore is registered: the "
                    + "module storing sealed tokens must provide one for rotation");
        }
    }
}
