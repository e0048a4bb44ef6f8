package dev.adsbridge.console.vault;

import dev.adsbridge.console.tenancy.TenantId;
import java.util.List;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/**
 * SPI for key rotation, implemented by the module that stores sealed tokens (connections): rotation reads every sealed
 * token in batches and swaps each for its re-wrapped copy with a compare-and-set, so it runs while the application
 * serves requests. Register the implementation as a Spring bean; {@link KeyRotation} finds it.
 *
 * <p>One sealed token per connection. A JDBC implementation is two statements:
 *
 * <pre>{@code
 * SELECT tenant_id, id, sealed_token FROM connections
 *  WHERE sealed_token IS NOT NULL AND id > ? ORDER BY id LIMIT ?      -- no "id > ?" for the first batch
 *
 * UPDATE connections SET sealed_token = :replacement
 *  WHERE tenant_id = :tenant AND id = :connection AND sealed_token = :expected   -- 1 row updated = true
 * }</pre>
 */
public interface SealedTokenStore {

    /** A sealed token and the row it belongs to (the tenant and connection it is bound to). */
    record StoredToken(TenantId tenantId, UUID connectionId, SealedToken sealed) {}

    /**
     * Up to {@code limit} stored tokens whose connection id is greater than {@code afterConnectionId} (all of them when
     * it is null), in ascending connection-id order (the order of {@link UUID#compareTo} or of the database's uuid
     * type: either works as long as it is the same on every call). An empty list ends the scan.
     */
    List<StoredToken> batchAfter(@Nullable UUID afterConnectionId, int limit);

    /**
     * Replaces the connection's sealed token with {@code replacement} only if it still equals {@code expected} byte for
     * byte (compare {@link SealedToken#toBytes()}), atomically.
     *
     * @return whether the row was replaced; false when it changed meanwhile (reconnected, deleted), which rotation skips
     */
    boolean compareAndSet(TenantId tenantId, UUID connectionId, SealedToken expected, SealedToken replacement);
}
