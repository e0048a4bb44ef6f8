package dev.adsbridge.console.vault;

import static dev.adsbridge.console.vault.TestSecrets.allMessages;
import static dev.adsbridge.console.vault.TestSecrets.assertNoLeak;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.adsbridge.console.tenancy.TenantId;
import dev.adsbridge.console.vault.internal.KeysetFile;
import dev.adsbridge.console.vault.internal.LocalKeysetKek;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TokenVaultTest {

    @TempDir
    Path dir;

    private final TenantId tenant = TenantId.random();
    private final UUID connection = UUID.randomUUID();
    private final String token = TestSecrets.metaToken();
    private final Instant now = Instant.parse("2026-11-20T10:15:30.123Z");
    private TokenVault vault;

    @BeforeEach
    void localVault() throws Exception {
        vault = new TokenVault(LocalKeysetKek.open(new KeysetFile(dir.resolve("kek.json"), null), true),
                Clock.fixed(now, ZoneOffset.UTC));
    }

    @Test
    void aSealedTokenOpensForItsTenantAndConnection() {
        SealedToken sealed = vault.seal(tenant, connection, token);

        assertThat(vault.open(tenant, connection, sealed)).isEqualTo(token);
        assertThat(sealed.kekProvider()).isEqualTo("local");
        assertThat(sealed.keyVersion()).isEqualTo(1);
        assertThat(sealed.createdAt()).isEqualTo(now);
        assertThat(new String(sealed.ciphertext(), StandardCharsets.ISO_8859_1)).doesNotContain(token.substring(0, 16));
    }

    @Test
    void everySealUsesAFreshDataKey() {
        SealedToken first = vault.seal(tenant, connection, token);
        SealedToken second = vault.seal(tenant, connection, token);

        assertThat(first.ciphertext()).isNotEqualTo(second.ciphertext());
        assertThat(vault.open(tenant, connection, second)).isEqualTo(token);
    }

    @Test
    void aCiphertextCopiedToAnotherTenantsRowDoesNotOpen() {
        SealedToken sealed = vault.seal(tenant, connection, token);

        VaultException thrown = catchThrowableOfType(VaultException.class,
                () -> vault.open(TenantId.random(), connection, sealed));

        assertThat(thrown.reason()).isEqualTo(VaultException.Reason.TAMPERED);
        assertNoLeak(allMessages(thrown), token);
    }

    @Test
    void aCiphertextCopiedToAnotherConnectionDoesNotOpen() {
        SealedToken sealed = vault.seal(tenant, connection, token);

        assertThatThrownBy(() -> vault.open(tenant, UUID.randomUUID(), sealed))
                .isInstanceOfSatisfying(VaultException.class,
                        e -> assertThat(e.reason()).isEqualTo(VaultException.Reason.TAMPERED));
    }

    @Test
    void anAlteredByteAnywhereInTheCiphertextIsDetected() {
        SealedToken sealed = vault.seal(tenant, connection, token);
        byte[] ciphertext = sealed.ciphertext();
        int wrappedKeyLength = ByteBuffer.wrap(ciphertext, 0, 4).getInt();
        int[] positions = {4 + 5 + 3, 4 + wrappedKeyLength - 1, 4 + wrappedKeyLength + 2, ciphertext.length - 1,
                ciphertext.length / 2};

        for (int position : positions) {
            byte[] altered = ciphertext.clone();
            altered[position] ^= 0x01;
            SealedToken tampered = new SealedToken(altered, "local", 1, sealed.createdAt());

            VaultException thrown = catchThrowableOfType(VaultException.class,
                    () -> vault.open(tenant, connection, tampered));

            assertThat(thrown.reason()).as("byte %d", position).isEqualTo(VaultException.Reason.TAMPERED);
            assertNoLeak(allMessages(thrown), token);
            assertNoLeak(allMessages(thrown), ciphertext);
        }
    }

    @Test
    void aTruncatedCiphertextOrAWrongRecordedKeyVersionIsRefused() {
        SealedToken sealed = vault.seal(tenant, connection, token);
        byte[] truncated = Arrays.copyOf(sealed.ciphertext(), 40);
        SealedToken wrongVersion = new SealedToken(sealed.ciphertext(), "local", 7, sealed.createdAt());

        assertThatThrownBy(() -> vault.open(tenant, connection, new SealedToken(truncated, "local", 1, now)))
                .isInstanceOf(VaultException.class);
        assertThatThrownBy(() -> vault.open(tenant, connection, wrongVersion))
                .isInstanceOfSatisfying(VaultException.class,
                        e -> assertThat(e.reason()).isEqualTo(VaultException.Reason.TAMPERED));
    }

    @Test
    void aTokenSealedByAnotherProviderIsAnUnknownKey() {
        SealedToken sealed = vault.seal(tenant, connection, token);
        SealedToken elsewhere = new SealedToken(sealed.ciphertext(), "vault-transit", 1, sealed.createdAt());

        assertThatThrownBy(() -> vault.open(tenant, connection, elsewhere))
                .isInstanceOfSatisfying(VaultException.class,
                        e -> assertThat(e.reason()).isEqualTo(VaultException.Reason.UNKNOWN_KEY));
    }

    @Test
    void aSealedTokenSurvivesItsStorageEncodings() {
        SealedToken sealed = vault.seal(tenant, connection, token);

        SealedToken fromBytes = SealedToken.fromBytes(sealed.toBytes());
        SealedToken fromText = SealedToken.fromBase64(sealed.toBase64());

        assertThat(fromBytes).isEqualTo(sealed).hasSameHashCodeAs(sealed);
        assertThat(fromText).isEqualTo(sealed);
        assertThat(fromBytes.createdAt()).isEqualTo(now);
        assertThat(vault.open(tenant, connection, fromText)).isEqualTo(token);
    }

    @Test
    void bytesThatAreNotASealedTokenAreRefusedWithoutBeingEchoed() {
        byte[] pasted = token.getBytes(StandardCharsets.UTF_8);

        VaultException fromBytes = catchThrowableOfType(VaultException.class, () -> SealedToken.fromBytes(pasted));
        VaultException fromText = catchThrowableOfType(VaultException.class, () -> SealedToken.fromBase64(token));
        VaultException empty = catchThrowableOfType(VaultException.class, () -> SealedToken.fromBytes(new byte[0]));

        for (VaultException thrown : new VaultException[] {fromBytes, fromText, empty}) {
            assertThat(thrown.reason()).isEqualTo(VaultException.Reason.MALFORMED);
            assertNoLeak(allMessages(thrown), token);
        }
    }

    @Test
    void toStringShowsNoTokenNorCiphertext() {
        SealedToken sealed = vault.seal(tenant, connection, token);

        String shown = sealed + " " + vault + " " + new SealedTokenStore.StoredToken(tenant, connection, sealed);

        assertNoLeak(shown, token);
        assertNoLeak(shown, sealed.ciphertext());
        assertThat(sealed.toString()).contains("keyVersion=1", "kekProvider=local", "bytes");
    }

    @Test
    void aBlankTokenIsNotSealed() {
        assertThatThrownBy(() -> vault.seal(tenant, connection, " ")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void anEphemeralVaultOpensOnlyWhatItSealed() {
        TokenVault first = TokenVault.ephemeral();
        SealedToken sealed = first.seal(tenant, connection, token);

        assertThat(first.open(tenant, connection, sealed)).isEqualTo(token);
        assertThatThrownBy(() -> TokenVault.ephemeral().open(tenant, connection, sealed))
                .isInstanceOf(VaultException.class);
    }
}
