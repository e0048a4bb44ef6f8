package dev.adsbridge.console.vault;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assumptions.assumeThat;

import dev.adsbridge.console.tenancy.TenantId;
import dev.adsbridge.console.vault.internal.VaultConfiguration;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

/** {@code adsbridge.vault.*} to beans, in a bare application context (no web server, no database). */
class VaultConfigurationTest {

    @TempDir
    Path dir;

    private final ApplicationContextRunner context = new ApplicationContextRunner()
            .withUserConfiguration(VaultConfiguration.class);

    @Test
    void withoutAProviderOutsideDevModeTheApplicationDoesNotStart() {
        context.run(started -> assertThat(started).getFailure()
                .rootCause().hasMessageContaining("no key-encryption key configured")
                .hasMessageContaining("adsbridge.vault.provider=vault-transit"));
        context.withPropertyValues("adsbridge.console.mode=dev", "adsbridge.vault.require-explicit-config=true",
                        "adsbridge.data-dir=" + dir)
                .run(started -> assertThat(started).hasFailed());
    }

    @Test
    void devModeGeneratesAnOwnerOnlyLocalKeysetUnderTheDataDirectory() {
        assumeThat(FileSystems.getDefault().supportedFileAttributeViews()).contains("posix");

        context.withPropertyValues("adsbridge.console.mode=dev", "adsbridge.data-dir=" + dir).run(started -> {
            assertThat(started).hasNotFailed().hasSingleBean(TokenVault.class).hasSingleBean(KeyRotation.class);
            Path keyset = dir.resolve("vault/local-kek.json");
            assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(keyset))).isEqualTo("rw-------");
            TokenVault vault = started.getBean(TokenVault.class);
            TenantId tenant = TenantId.random();
            UUID connection = UUID.randomUUID();
            assertThat(vault.open(tenant, connection, vault.seal(tenant, connection, "EAAdev"))).isEqualTo("EAAdev");
        });
    }

    @Test
    void theDevProfileCountsAsDevMode() {
        context.withPropertyValues("spring.profiles.active=dev", "adsbridge.data-dir=" + dir)
                .run(started -> assertThat(started).hasNotFailed().hasSingleBean(TokenVault.class));
    }

    @Test
    void productionWithTheLocalProviderNeedsAnExistingKeyset() {
        Path keyset = dir.resolve("kek.json");

        context.withPropertyValues("adsbridge.vault.provider=local", "adsbridge.vault.local.keyset-path=" + keyset)
                .run(started -> assertThat(started).getFailure().rootCause().hasMessageContaining("does not exist"));

        assertThat(keyset).doesNotExist();
    }

    @Test
    void vaultTransitIsBuiltFromPropertiesAndChecksTheKeyAtStartup() throws Exception {
        String vaultToken = "hvs.ConfigTestToken1234567890abcdef";
        try (FakeVault fakeVault = new FakeVault(vaultToken, "secret-transit")) {
            fakeVault.createKey("tokens-kek");
            ApplicationContextRunner transit = context.withPropertyValues(
                    "adsbridge.vault.provider=vault-transit",
                    "adsbridge.vault.vault-transit.address=" + fakeVault.address(),
                    "adsbridge.vault.vault-transit.mount-path=secret-transit",
                    "adsbridge.vault.vault-transit.token=" + vaultToken);

            transit.withPropertyValues("adsbridge.vault.vault-transit.key-name=tokens-kek").run(started -> {
                assertThat(started).hasNotFailed();
                TokenVault vault = started.getBean(TokenVault.class);
                assertThat(vault.kekProvider()).isEqualTo("vault-transit");
                TenantId tenant = TenantId.random();
                UUID connection = UUID.randomUUID();
                assertThat(vault.open(tenant, connection, vault.seal(tenant, connection, "EAAx"))).isEqualTo("EAAx");
                assertThat(started.getBean(VaultProperties.class).toString()).doesNotContain(vaultToken);
            });
            transit.withPropertyValues("adsbridge.vault.vault-transit.key-name=no-such-key").run(started ->
                    assertThat(started).getFailure().rootCause()
                            .hasMessageContaining("vault write -f secret-transit/keys/no-such-key")
                            .hasMessageNotContaining(vaultToken));
        }
    }

    @Test
    void vaultTransitTakesTheTokenFromAFileOrVaultToken() throws Exception {
        String vaultToken = "hvs.FromFileToken1234567890";
        Path tokenFile = dir.resolve("vault-token");
        Files.writeString(tokenFile, vaultToken + "\n");
        try (FakeVault fakeVault = new FakeVault(vaultToken)) {
            fakeVault.createKey("adsbridge-tokens");
            context.withPropertyValues("adsbridge.vault.provider=vault-transit", "VAULT_ADDR=" + fakeVault.address(),
                            "adsbridge.vault.vault-transit.token-file=" + tokenFile)
                    .run(started -> assertThat(started).hasNotFailed());
            context.withPropertyValues("adsbridge.vault.provider=vault-transit", "VAULT_ADDR=" + fakeVault.address(),
                            "VAULT_TOKEN=" + vaultToken)
                    .run(started -> assertThat(started).hasNotFailed());
            context.withPropertyValues("adsbridge.vault.provider=vault-transit", "VAULT_ADDR=" + fakeVault.address())
                    .run(started -> assertThat(started).getFailure().rootCause().hasMessageContaining("VAULT_TOKEN"));
        }
    }

    @Test
    void propertiesNeverPrintTheirSecrets() {
        VaultProperties properties = new VaultProperties(VaultProperties.Provider.VAULT_TRANSIT, true,
                new VaultProperties.Local(null, "local passphrase"),
                new VaultProperties.VaultTransit(null, "hvs.secret-token", null, "transit", "k", null,
                        java.time.Duration.ofSeconds(1)),
                10);

        assertThat(properties.toString()).doesNotContain("local passphrase", "hvs.secret-token").contains("***");
    }
}
