package dev.adsbridge.console.vault;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assumptions.assumeThat;

import dev.adsbridge.console.tenancy.TenantId;
import dev.adsbridge.console.vault.internal.KekException;
import dev.adsbridge.console.vault.internal.KeysetFile;
import dev.adsbridge.console.vault.internal.LocalKeysetKek;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Clock;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LocalKeysetTest {

    @TempDir
    Path dir;

    private final TenantId tenant = TenantId.random();
    private final UUID connection = UUID.randomUUID();
    private final String token = TestSecrets.metaToken();

    private TokenVault vaultOver(Path keyset, String passphrase, boolean createIfMissing) throws KekException {
        return new TokenVault(LocalKeysetKek.open(new KeysetFile(keyset, passphrase), createIfMissing), Clock.systemUTC());
    }

    @Test
    void theGeneratedKeysetIsOwnerOnlyAndReusedOnRestart() throws Exception {
        assumeThat(FileSystems.getDefault().supportedFileAttributeViews()).contains("posix");
        Path keyset = dir.resolve("data/vault/local-kek.json");

        SealedToken sealed = vaultOver(keyset, null, true).seal(tenant, connection, token);

        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(keyset))).isEqualTo("rw-------");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(keyset.getParent())))
                .isEqualTo("rwx------");
        String before = Files.readString(keyset);
        TokenVault restarted = vaultOver(keyset, null, true);
        assertThat(restarted.open(tenant, connection, sealed)).isEqualTo(token);
        assertThat(Files.readString(keyset)).isEqualTo(before);
        assertThat(dir.resolve("data/vault")).isDirectoryNotContaining(p -> p.getFileName().toString().endsWith(".tmp"));
    }

    @Test
    void aMissingKeysetIsNotGeneratedOutsideDevMode() {
        Path keyset = dir.resolve("missing.json");

        assertThatThrownBy(() -> vaultOver(keyset, null, false))
                .isInstanceOfSatisfying(KekException.class,
                        e -> assertThat(e.reason()).isEqualTo(VaultException.Reason.MISCONFIGURED))
                .hasMessageContaining("does not exist");
        assertThat(keyset).doesNotExist();
    }

    @Test
    void theKeysetIsTinksJsonFormat() throws Exception {
        Path keyset = dir.resolve("kek.json");
        vaultOver(keyset, null, true);

        assertThat(Files.readString(keyset)).contains("\"primaryKeyId\":1", "type.googleapis.com/google.crypto.tink.AesGcmKey",
                "\"outputPrefixType\":\"TINK\"");
    }

    @Test
    void aPassphraseEncryptsTheKeysetFile() throws Exception {
        Path keyset = dir.resolve("kek.json");
        SealedToken sealed = vaultOver(keyset, "correct horse battery staple", true).seal(tenant, connection, token);

        String file = Files.readString(keyset);
        assertThat(file).contains("\"format\" : \"adsbridge-local-kek/1\"", "PBKDF2WithHmacSHA256", "encryptedKeyset")
                .doesNotContain("AesGcmKey\",\"value\"");
        assertThat(vaultOver(keyset, "correct horse battery staple", false).open(tenant, connection, sealed))
                .isEqualTo(token);
        assertThatThrownBy(() -> vaultOver(keyset, "wrong passphrase", false))
                .hasMessageContaining("wrong passphrase")
                .hasMessageNotContaining("correct horse");
        assertThatThrownBy(() -> vaultOver(keyset, null, false))
                .hasMessageContaining("adsbridge.vault.local.passphrase");
    }

    @Test
    void aCleartextKeysetIsEncryptedOnceAPassphraseIsConfigured() throws Exception {
        Path keyset = dir.resolve("kek.json");
        SealedToken sealed = vaultOver(keyset, null, true).seal(tenant, connection, token);

        TokenVault encrypted = vaultOver(keyset, "a passphrase now", false);

        assertThat(Files.readString(keyset)).contains("encryptedKeyset");
        assertThat(encrypted.open(tenant, connection, sealed)).isEqualTo(token);
    }

    @Test
    void aServerPicksUpARotationMadeByAnotherProcessWithoutRestarting() throws Exception {
        Path keyset = dir.resolve("kek.json");
        LocalKeysetKek server = LocalKeysetKek.open(new KeysetFile(keyset, null), true);
        LocalKeysetKek command = LocalKeysetKek.open(new KeysetFile(keyset, null), false);
        TokenVault serverVault = new TokenVault(server, Clock.systemUTC());
        TokenVault commandVault = new TokenVault(command, Clock.systemUTC());
        SealedToken underV1 = serverVault.seal(tenant, connection, token);

        assertThat(command.rotate()).isEqualTo(2);
        SealedToken sealedByCommand = commandVault.seal(tenant, connection, token);

        assertThat(serverVault.open(tenant, connection, sealedByCommand)).isEqualTo(token);
        assertThat(serverVault.seal(tenant, connection, token).keyVersion()).isEqualTo(2);
        command.retire(1);
        assertThatThrownBy(() -> serverVault.open(tenant, connection, underV1))
                .isInstanceOfSatisfying(VaultException.class,
                        e -> assertThat(e.reason()).isEqualTo(VaultException.Reason.KEY_RETIRED));
    }
}
