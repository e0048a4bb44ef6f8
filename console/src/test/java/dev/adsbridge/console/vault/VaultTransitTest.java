package dev.adsbridge.console.vault;

import static dev.adsbridge.console.vault.TestSecrets.allMessages;
import static dev.adsbridge.console.vault.TestSecrets.assertNoLeak;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.adsbridge.console.tenancy.TenantId;
import dev.adsbridge.console.vault.internal.VaultTransitClient;
import dev.adsbridge.console.vault.internal.VaultTransitKek;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The Vault Transit provider against a fake of Vault's HTTP API on a loopback port. */
class VaultTransitTest {

    private static final String VAULT_TOKEN = "hvs.CAESIJ7ezTestOnlyVaultTokenValue0123456789";

    private final TenantId tenant = TenantId.random();
    private final UUID connection = UUID.randomUUID();
    private final String token = TestSecrets.metaToken();
    private FakeVault fakeVault;
    private TokenVault vault;

    @BeforeEach
    void vaultWithATransitKey() throws Exception {
        fakeVault = new FakeVault(VAULT_TOKEN);
        fakeVault.createKey("adsbridge-tokens");
        vault = vaultWithToken(VAULT_TOKEN);
    }

    @AfterEach
    void stopVault() {
        fakeVault.close();
    }

    private TokenVault vaultWithToken(String vaultToken) {
        VaultTransitClient client = new VaultTransitClient(fakeVault.address(), "transit", "adsbridge-tokens",
                () -> vaultToken, null, Duration.ofSeconds(5));
        return new TokenVault(new VaultTransitKek(client), Clock.systemUTC());
    }

    @Test
    void aTokenSealedThroughVaultOpensForItsTenantAndConnectionOnly() {
        SealedToken sealed = vault.seal(tenant, connection, token);

        assertThat(sealed.kekProvider()).isEqualTo("vault-transit");
        assertThat(sealed.keyVersion()).isEqualTo(1);
        assertThat(new String(wrappedKey(sealed), StandardCharsets.US_ASCII)).startsWith("vault:v1:");
        assertThat(vault.open(tenant, connection, sealed)).isEqualTo(token);
        VaultException elsewhere = catchThrowableOfType(VaultException.class,
                () -> vault.open(tenant, UUID.randomUUID(), sealed));
        assertThat(elsewhere.reason()).isEqualTo(VaultException.Reason.TAMPERED);
    }

    @Test
    void aWrappedDataKeyAlteredInTheRowIsRefusedByVault() {
        SealedToken sealed = vault.seal(tenant, connection, token);
        byte[] ciphertext = sealed.ciphertext();
        int position = 4 + "vault:v1:".length() + 6;
        ciphertext[position] = (byte) (ciphertext[position] == 'A' ? 'B' : 'A'); // still base64, no longer authentic

        VaultException thrown = catchThrowableOfType(VaultException.class,
                () -> vault.open(tenant, connection, new SealedToken(ciphertext, "vault-transit", 1, sealed.createdAt())));

        assertThat(thrown.reason()).isEqualTo(VaultException.Reason.TAMPERED);
        assertThat(thrown).hasMessageContaining("message authentication failed");
        assertNoLeak(allMessages(thrown), ciphertext);
        assertNoLeak(allMessages(thrown), token, VAULT_TOKEN);
    }

    @Test
    void rotationMovesEveryTokenToVaultsNewVersionAndRetiringRaisesMinDecryptionVersion() {
        InMemorySealedTokenStore store = new InMemorySealedTokenStore();
        SealedToken underV1 = vault.seal(tenant, connection, token);
        store.put(tenant, connection, underV1);
        UUID second = UUID.randomUUID();
        store.put(tenant, second, vault.seal(tenant, second, "EAAsecond"));
        KeyRotation rotation = new KeyRotation(vault, List.of(store), 100);

        RotationReport report = rotation.rotate();

        assertThat(report.rewrapped()).isEqualTo(2);
        assertThat(fakeVault.key("adsbridge-tokens").latest()).isEqualTo(2);
        assertThat(fakeVault.rewraps.get()).isEqualTo(2);
        assertThat(fakeVault.decrypts.get()).isZero(); // the data keys were re-wrapped inside Vault
        assertThat(store.get(connection).keyVersion()).isEqualTo(2);
        assertThat(new String(wrappedKey(store.get(connection)), StandardCharsets.US_ASCII)).startsWith("vault:v2:");
        assertThat(vault.open(tenant, connection, store.get(connection))).isEqualTo(token);
        assertThat(vault.open(tenant, connection, underV1)).isEqualTo(token); // v1 decrypts until retired

        rotation.retire(1);

        assertThat(fakeVault.key("adsbridge-tokens").minDecryptionVersion).isEqualTo(2);
        assertThat(vault.keyVersions()).isEqualTo(new KeyVersions("vault-transit", 2, 2));
        VaultException retired = catchThrowableOfType(VaultException.class, () -> vault.open(tenant, connection, underV1));
        assertThat(retired.reason()).isEqualTo(VaultException.Reason.KEY_RETIRED);
        assertThat(retired).hasMessageContaining("disallowed by policy (too old)");
        assertThat(vault.open(tenant, connection, store.get(connection))).isEqualTo(token);
        assertThat(vault.open(tenant, second, store.get(second))).isEqualTo("EAAsecond");
    }

    @Test
    void aMinDecryptionVersionRaisedByAnOperatorInVaultIsHonoured() throws Exception {
        SealedToken underV1 = vault.seal(tenant, connection, token);
        vault.kek().rotate();
        SealedToken underV2 = vault.seal(tenant, connection, token);
        fakeVault.key("adsbridge-tokens").minDecryptionVersion = 2;

        VaultException thrown = catchThrowableOfType(VaultException.class, () -> vault.open(tenant, connection, underV1));

        assertThat(underV2.keyVersion()).isEqualTo(2);
        assertThat(thrown.reason()).isEqualTo(VaultException.Reason.KEY_RETIRED);
        assertThat(vault.open(tenant, connection, underV2)).isEqualTo(token);
    }

    @Test
    void aRejectedVaultTokenGivesAClearErrorThatDoesNotContainIt() {
        SealedToken sealed = vault.seal(tenant, connection, token);
        String wrongToken = "hvs.CAESIWrongWrongWrongTokenValue9876543210";
        TokenVault misconfigured = vaultWithToken(wrongToken);

        VaultException onOpen = catchThrowableOfType(VaultException.class,
                () -> misconfigured.open(tenant, connection, sealed));
        VaultException onSeal = catchThrowableOfType(VaultException.class,
                () -> misconfigured.seal(tenant, connection, token));

        for (VaultException thrown : List.of(onOpen, onSeal)) {
            assertThat(thrown.reason()).isEqualTo(VaultException.Reason.KMS_DENIED);
            assertThat(thrown.getMessage()).contains("HTTP 403", "permission denied", "check the Vault token");
            assertNoLeak(allMessages(thrown), wrongToken, VAULT_TOKEN, token);
        }
    }

    @Test
    void anUnreachableVaultIsATransientFailure() {
        SealedToken sealed = vault.seal(tenant, connection, token);
        fakeVault.close();

        VaultException thrown = catchThrowableOfType(VaultException.class, () -> vault.open(tenant, connection, sealed));

        assertThat(thrown.reason()).isEqualTo(VaultException.Reason.KMS_UNAVAILABLE);
        assertThat(thrown.isTransient()).isTrue();
        assertNoLeak(allMessages(thrown), token, VAULT_TOKEN);
    }

    @Test
    void retiringTheLatestVersionIsRefusedByTheProvider() {
        InMemorySealedTokenStore empty = new InMemorySealedTokenStore();
        KeyRotation rotation = new KeyRotation(vault, List.of(empty), 10);

        VaultException thrown = catchThrowableOfType(VaultException.class, () -> rotation.retire(1));

        assertThat(thrown.reason()).isEqualTo(VaultException.Reason.REFUSED);
        assertThat(fakeVault.key("adsbridge-tokens").minDecryptionVersion).isEqualTo(1);
    }

    private static byte[] wrappedKey(SealedToken sealed) {
        byte[] ciphertext = sealed.ciphertext();
        int length = ByteBuffer.wrap(ciphertext, 0, 4).getInt();
        return java.util.Arrays.copyOfRange(ciphertext, 4, 4 + length);
    }
}
