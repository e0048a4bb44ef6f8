package dev.adsbridge.console.vault;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import dev.adsbridge.console.tenancy.TenantId;
import dev.adsbridge.console.vault.internal.KeysetFile;
import dev.adsbridge.console.vault.internal.LocalKeysetKek;
import dev.adsbridge.console.vault.internal.VaultTransitClient;
import dev.adsbridge.console.vault.internal.VaultTransitKek;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;

/** Whatever the vault logs, at any level, on success or failure, holds no token, ciphertext or Vault token. */
class VaultLogsTest {

    @TempDir
    Path dir;

    private final Logger vaultLogger = (Logger) LoggerFactory.getLogger("dev.adsbridge.console.vault");
    private final ListAppender<ILoggingEvent> logged = new ListAppender<>();
    private Level levelBefore;

    @BeforeEach
    void captureEverything() {
        levelBefore = vaultLogger.getLevel();
        vaultLogger.setLevel(Level.TRACE);
        logged.start();
        vaultLogger.addAppender(logged);
    }

    @AfterEach
    void release() {
        vaultLogger.detachAppender(logged);
        vaultLogger.setLevel(levelBefore);
    }

    @Test
    void aFullLifecycleLogsNoSecret() throws Exception {
        String vaultToken = "hvs.LogTestVaultToken0123456789abcdef";
        String token = TestSecrets.metaToken();
        TenantId tenant = TenantId.random();
        UUID connection = UUID.randomUUID();
        InMemorySealedTokenStore store = new InMemorySealedTokenStore();
        TokenVault local = new TokenVault(LocalKeysetKek.open(new KeysetFile(dir.resolve("kek.json"), null), true),
                Clock.systemUTC());
        SealedToken sealed = local.seal(tenant, connection, token);
        store.put(tenant, connection, sealed);
        UUID damaged = UUID.randomUUID();
        byte[] broken = local.seal(tenant, damaged, token).ciphertext();
        broken[12] ^= 1;
        store.put(tenant, damaged, new SealedToken(broken, "local", 1, sealed.createdAt()));
        KeyRotation rotation = new KeyRotation(local, List.of(store), 1);
        rotation.rotate();
        catchThrowable(() -> rotation.retire(1));
        local.open(tenant, connection, store.get(connection));
        catchThrowable(() -> local.open(TenantId.random(), connection, sealed));

        try (FakeVault fakeVault = new FakeVault(vaultToken)) {
            fakeVault.createKey("k");
            TokenVault transit = new TokenVault(new VaultTransitKek(new VaultTransitClient(fakeVault.address(),
                    "transit", "k", () -> vaultToken, null, Duration.ofSeconds(5))), Clock.systemUTC());
            SealedToken viaVault = transit.seal(tenant, connection, token);
            InMemorySealedTokenStore vaultStore = new InMemorySealedTokenStore();
            vaultStore.put(tenant, connection, viaVault);
            new KeyRotation(transit, List.of(vaultStore), 10).rotate();
            catchThrowable(() -> transit.open(TenantId.random(), connection, viaVault));
        }

        assertThat(logged.list).isNotEmpty();
        for (ILoggingEvent event : logged.list) {
            String line = event.getFormattedMessage() + (event.getThrowableProxy() == null ? ""
                    : " " + event.getThrowableProxy().getMessage());
            TestSecrets.assertNoLeak(line, token, vaultToken);
            TestSecrets.assertNoLeak(line, sealed.ciphertext());
        }
    }
}
