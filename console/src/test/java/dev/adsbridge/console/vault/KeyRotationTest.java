package dev.adsbridge.console.vault;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.adsbridge.console.tenancy.TenantId;
import dev.adsbridge.console.vault.internal.KeysetFile;
import dev.adsbridge.console.vault.internal.LocalKeysetKek;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class KeyRotationTest {

    @TempDir
    Path dir;

    private final TenantId tenant = TenantId.random();
    private final TenantId otherTenant = TenantId.random();
    private final InMemorySealedTokenStore store = new InMemorySealedTokenStore();
    private final Map<UUID, String> tokens = new HashMap<>();
    private final Map<UUID, SealedToken> underV1 = new HashMap<>();
    private TokenVault vault;
    private KeyRotation rotation;

    @BeforeEach
    void sevenTokensSealedUnderVersion1() throws Exception {
        vault = vaultOverTheKeysetFile();
        rotation = new KeyRotation(vault, List.of(store), 3);
        for (int i = 0; i < 7; i++) {
            TenantId owner = i % 2 == 0 ? tenant : otherTenant;
            UUID connection = UUID.randomUUID();
            String token = TestSecrets.metaToken();
            SealedToken sealed = vault.seal(owner, connection, token);
            store.put(owner, connection, sealed);
            tokens.put(connection, token);
            underV1.put(connection, sealed);
        }
    }

    private TokenVault vaultOverTheKeysetFile() throws Exception {
        return new TokenVault(LocalKeysetKek.open(new KeysetFile(dir.resolve("kek.json"), null), true),
                Clock.systemUTC());
    }

    @Test
    void rotationRewrapsEveryStoredTokenUnderTheNewVersionAndTheyStillOpen() {
        RotationReport report = rotation.rotate();

        assertThat(report.primaryVersion()).isEqualTo(2);
        assertThat(report.scanned()).isEqualTo(7);
        assertThat(report.rewrapped()).isEqualTo(7);
        assertThat(report.complete()).isTrue();
        assertThat(vault.keyVersions()).isEqualTo(new KeyVersions("local", 2, 1));
        store.rows().forEach((connection, row) -> {
            assertThat(row.sealed().keyVersion()).isEqualTo(2);
            assertThat(row.sealed().createdAt()).isEqualTo(underV1.get(connection).createdAt());
            assertThat(vault.open(row.tenantId(), connection, row.sealed())).isEqualTo(tokens.get(connection));
        });
        assertThat(vault.seal(tenant, UUID.randomUUID(), "EAAnewtoken").keyVersion()).isEqualTo(2);
    }

    @Test
    void rewrappingReplacesOnlyTheWrappedDataKeyNotTheTokensCiphertext() {
        rotation.rotate();

        store.rows().forEach((connection, row) -> {
            byte[] before = underV1.get(connection).ciphertext();
            byte[] after = row.sealed().ciphertext();
            assertThat(payload(after)).isEqualTo(payload(before));
            assertThat(wrappedKey(after)).isNotEqualTo(wrappedKey(before));
        });
    }

    @Test
    void version1KeepsDecryptingUntilRetiredAndThenFails() {
        rotation.rotate();
        UUID connection = underV1.keySet().iterator().next();
        TenantId owner = store.rows().get(connection).tenantId();
        SealedToken oldCopy = underV1.get(connection);

        assertThat(vault.open(owner, connection, oldCopy)).isEqualTo(tokens.get(connection));

        rotation.retire(1);

        assertThat(vault.keyVersions()).isEqualTo(new KeyVersions("local", 2, 2));
        assertThatThrownBy(() -> vault.open(owner, connection, oldCopy))
                .isInstanceOfSatisfying(VaultException.class, e -> {
                    assertThat(e.reason()).isEqualTo(VaultException.Reason.KEY_RETIRED);
                    TestSecrets.assertNoLeak(TestSecrets.allMessages(e), tokens.get(connection));
                });
        assertThat(vault.open(owner, connection, store.get(connection))).isEqualTo(tokens.get(connection));
    }

    @Test
    void retiringIsRefusedWhileAStoredTokenStillUsesTheVersion() {
        rotation.rotate();
        UUID lateWriter = UUID.randomUUID();
        store.put(tenant, lateWriter, underV1.values().iterator().next()); // e.g. sealed by a replica before it reloaded

        assertThatThrownBy(() -> rotation.retire(1))
                .isInstanceOfSatisfying(VaultException.class,
                        e -> assertThat(e.reason()).isEqualTo(VaultException.Reason.REFUSED))
                .hasMessageContaining("1 stored token(s)");
        assertThat(vault.keyVersions().oldestDecryptable()).isEqualTo(1);
    }

    @Test
    void thePrimaryVersionCannotBeRetired() {
        assertThatThrownBy(() -> rotation.retire(1))
                .isInstanceOfSatisfying(VaultException.class,
                        e -> assertThat(e.reason()).isEqualTo(VaultException.Reason.REFUSED));
    }

    @Test
    void aRowChangedDuringRotationIsLeftToItsNewWriterAndARewrapPassFinishesTheRest() {
        UUID reconnected = underV1.keySet().iterator().next();
        SealedTokenStore racing = new SealedTokenStore() {
            @Override
            public List<StoredToken> batchAfter(UUID afterConnectionId, int limit) {
                return store.batchAfter(afterConnectionId, limit);
            }

            @Override
            public boolean compareAndSet(TenantId tenantId, UUID connectionId, SealedToken expected,
                    SealedToken replacement) {
                if (connectionId.equals(reconnected) && expected.keyVersion() == 1) {
                    // the owner reconnected meanwhile: the row holds a new token, sealed under the new primary
                    store.put(tenantId, connectionId, vault.seal(tenantId, connectionId, "EAAreconnected"));
                }
                return store.compareAndSet(tenantId, connectionId, expected, replacement);
            }
        };

        RotationReport report = new KeyRotation(vault, List.of(racing), 2).rotate();

        assertThat(report.changed()).isEqualTo(1);
        assertThat(report.rewrapped()).isEqualTo(6);
        assertThat(report.complete()).isFalse();
        TenantId owner = store.rows().get(reconnected).tenantId();
        assertThat(vault.open(owner, reconnected, store.get(reconnected))).isEqualTo("EAAreconnected");
        assertThat(rotation.rewrap().alreadyCurrent()).isEqualTo(7);
    }

    @Test
    void aDamagedRowIsReportedAndTheOthersStillMove() {
        UUID damaged = underV1.keySet().iterator().next();
        SealedToken good = store.get(damaged);
        byte[] ciphertext = good.ciphertext();
        ciphertext[4 + 5 + 1] ^= 0x01; // inside the wrapped data key
        store.put(store.rows().get(damaged).tenantId(), damaged,
                new SealedToken(ciphertext, "local", 1, good.createdAt()));

        RotationReport report = rotation.rotate();

        assertThat(report.failed()).containsExactly(damaged);
        assertThat(report.rewrapped()).isEqualTo(6);
    }

    @Test
    void anotherInstanceOverTheSameKeysetOpensRewrappedTokens() throws Exception {
        rotation.rotate();
        rotation.retire(1);

        TokenVault restarted = vaultOverTheKeysetFile();

        assertThat(restarted.keyVersions()).isEqualTo(new KeyVersions("local", 2, 2));
        store.rows().forEach((connection, row) ->
                assertThat(restarted.open(row.tenantId(), connection, row.sealed())).isEqualTo(tokens.get(connection)));
    }

    @Test
    void rotationNeedsAStore() {
        assertThatThrownBy(() -> new KeyRotation(vault, List.of(), 10).rotate())
                .isInstanceOfSatisfying(VaultException.class,
                        e -> assertThat(e.reason()).isEqualTo(VaultException.Reason.MISCONFIGURED));
        assertThat(vault.keyVersions().primary()).isEqualTo(1);
    }

    @Test
    void theCommandRotatesReportsAndRetires() {
        ByteArrayOutputStream output = new ByteArrayOutputStream();
        PrintStream out = new PrintStream(output, true, StandardCharsets.UTF_8);

        assertThat(KeyRotationCommand.run(rotation, List.of("status"), out)).isEqualTo(KeyRotationCommand.OK);
        assertThat(KeyRotationCommand.run(rotation, List.of(), out)).isEqualTo(KeyRotationCommand.OK);
        assertThat(KeyRotationCommand.run(rotation, List.of("retire", "2"), out))
                .isEqualTo(KeyRotationCommand.INCOMPLETE);
        assertThat(KeyRotationCommand.run(rotation, List.of("retire", "1"), out)).isEqualTo(KeyRotationCommand.OK);
        assertThat(KeyRotationCommand.run(rotation, List.of("status"), out)).isEqualTo(KeyRotationCommand.OK);
        assertThat(KeyRotationCommand.run(rotation, List.of("retire"), out)).isEqualTo(KeyRotationCommand.USAGE_ERROR);

        String printed = output.toString(StandardCharsets.UTF_8);
        assertThat(printed).contains(
                "Key provider local: primary version 1, oldest decrypting version 1", "version 1: 7 token(s)",
                "Re-wrapped: key version 2: 7 tokens scanned, 7 re-wrapped",
                "cannot retire key version 2: the primary version is 2",
                "Retired key version 1 and older.",
                "primary version 2, oldest decrypting version 2", "version 2: 7 token(s)",
                "usage: rotate-keys");
        tokens.values().forEach(token -> TestSecrets.assertNoLeak(printed, token));
    }

    private static byte[] wrappedKey(byte[] envelope) {
        int length = ByteBuffer.wrap(envelope, 0, 4).getInt();
        return Arrays.copyOfRange(envelope, 4, 4 + length);
    }

    private static byte[] payload(byte[] envelope) {
        int length = ByteBuffer.wrap(envelope, 0, 4).getInt();
        return Arrays.copyOfRange(envelope, 4 + length, envelope.length);
    }
}
