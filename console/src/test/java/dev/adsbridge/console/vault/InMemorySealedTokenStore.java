package dev.adsbridge.console.vault;

import dev.adsbridge.console.tenancy.TenantId;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.UUID;
import java.util.concurrent.ConcurrentSkipListMap;
import org.jspecify.annotations.Nullable;

/** The rotation SPI over a map, standing in for the connections table. */
class InMemorySealedTokenStore implements SealedTokenStore {

    private final NavigableMap<UUID, StoredToken> rows = new ConcurrentSkipListMap<>();

    void put(TenantId tenant, UUID connectionId, SealedToken sealed) {
        rows.put(connectionId, new StoredToken(tenant, connectionId, sealed));
    }

    SealedToken get(UUID connectionId) {
        return rows.get(connectionId).sealed();
    }

    Map<UUID, StoredToken> rows() {
        return Map.copyOf(rows);
    }

    @Override
    public List<StoredToken> batchAfter(@Nullable UUID afterConnectionId, int limit) {
        NavigableMap<UUID, StoredToken> tail = afterConnectionId == null ? rows : rows.tailMap(afterConnectionId, false);
        return tail.values().stream().limit(limit).toList();
    }

    @Override
    public boolean compareAndSet(TenantId tenantId, UUID connectionId, SealedToken expected, SealedToken replacement) {
        boolean[] replaced = {false};
        rows.computeIfPresent(connectionId, (id, row) -> {
            if (row.tenantId().equals(tenantId) && Arrays.equals(row.sealed().toBytes(), expected.toBytes())) {
                replaced[0] = true;
                return new StoredToken(tenantId, connectionId, replacement);
            }
            return row;
        });
        return replaced[0];
    }
}
