package dev.adsbridge.console.vault.internal;

import com.google.crypto.tink.Aead;
import com.google.crypto.tink.InsecureSecretKeyAccess;
import com.google.crypto.tink.KeysetHandle;
import com.google.crypto.tink.Configuration;
import com.google.crypto.tink.TinkJsonProtoKeysetFormat;
import com.google.crypto.tink.aead.AeadConfig2026;
import com.google.crypto.tink.aead.AesGcmKey;
import com.google.crypto.tink.aead.AesGcmParameters;
import com.google.crypto.tink.util.SecretBytes;
import dev.adsbridge.console.vault.VaultException.Reason;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.security.spec.KeySpec;
import java.util.Arrays;
import java.util.Base64;
import java.util.EnumSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import javax.crypto.SecretKeyFactory;
import javax.crypto.spec.PBEKeySpec;
import org.jspecify.annotations.Nullable;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * The local provider's keyset on disk: Tink's JSON keyset format, readable by Tink's own tools. Written atomically (a
 * temporary file, fsync, rename) with owner-only permissions ({@code 0600}, its directory {@code 0700}) where the file
 * system is POSIX.
 *
 * <p>Without a passphrase the keyset is stored in cleartext (Tink's "cleartext keyset handle"): anyone who can read the
 * file can decrypt every token, so this is for development and single-host installs. With a passphrase the file holds
 * Tink's encrypted keyset, encrypted with AES-256-GCM under a key derived from the passphrase by PBKDF2-HMAC-SHA256,
 * beside the salt and iteration count.
 */
public final class KeysetFile {

    private static final Set<PosixFilePermission> OWNER_READ_WRITE =
            EnumSet.of(PosixFilePermission.OWNER_READ, PosixFilePermission.OWNER_WRITE);
    private static final Set<PosixFilePermission> OWNER_ONLY_DIR = EnumSet.of(
            PosixFilePermission.OWNER_READ, PosixFilePermission.OWNER_WRITE, PosixFilePermission.OWNER_EXECUTE);
    private static final String FORMAT = "adsbridge-local-kek/1";
    private static final String KDF = "PBKDF2WithHmacSHA256";
    private static final int ITERATIONS = 600_000; // OWASP's 2023 figure for PBKDF2-HMAC-SHA256
    private static final byte[] KEYSET_ASSOCIATED_DATA = "adsbridge local key-encryption keyset".getBytes(StandardCharsets.US_ASCII);
    private static final JsonMapper JSON = JsonMapper.builder().build();
    /** Tink's AEAD configuration (no global registry): which key types a keyset may hold and how they serialize. */
    static final Configuration TINK = AeadConfig2026.get();

    private final Path path;
    private final char @Nullable [] passphrase;

    public KeysetFile(Path path, @Nullable String passphrase) {
        this.path = path.toAbsolutePath().normalize();
        this.passphrase = passphrase == null || passphrase.isEmpty() ? null : passphrase.toCharArray();
    }

    public Path path() {
        return path;
    }

    public boolean exists() {
        return Files.exists(path);
    }

    public boolean isEncryptedWithPassphrase() {
        return passphrase != null;
    }

    /** What changes when the file is replaced: lets a reader notice a rotation made by another process. */
    public @Nullable Object stamp() {
        try {
            BasicFileAttributes attributes = Files.readAttributes(path, BasicFileAttributes.class);
            return List.of(attributes.lastModifiedTime(), attributes.size(),
                    Objects.requireNonNullElse(attributes.fileKey(), ""));
        } catch (IOException e) {
            return null;
        }
    }

    /** Whether group or others can access the file; {@code false} where permissions are not POSIX. */
    public boolean isAccessibleToOthers() {
        try {
            Set<PosixFilePermission> permissions = Files.getPosixFilePermissions(path);
            return !OWNER_READ_WRITE.containsAll(permissions);
        } catch (UnsupportedOperationException | IOException e) {
            return false;
        }
    }

    /** Reads the keyset; {@code wasCleartext} tells a caller with a passphrase that the file should be re-written. */
    public record Loaded(KeysetHandle handle, boolean wasCleartext) {}

    public Loaded read() throws KekException {
        String text;
        try {
            text = Files.readString(path, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new KekException(Reason.MISCONFIGURED, "cannot read the local keyset file " + path + " ("
                    + e.getClass().getSimpleName() + ")");
        }
        try {
            JsonNode root = JSON.readTree(text);
            if (FORMAT.equals(root.path("format").asString(""))) {
                return new Loaded(readEncrypted(root), false);
            }
            if (passphrase == null && root.has("encryptedKeyset")) {
                throw new KekException(Reason.MISCONFIGURED, "the local keyset file " + path + " is encrypted in a format "
                        + "this vault does not read");
            }
            return new Loaded(TinkJsonProtoKeysetFormat.parseKeyset(text, TINK, InsecureSecretKeyAccess.get()), true);
        } catch (JacksonException | GeneralSecurityException e) {
            if (e instanceof KekException kek) {
                throw kek;
            }
            throw new KekException(Reason.MISCONFIGURED, "the local keyset file " + path + " is not a Tink keyset");
        }
    }

    private KeysetHandle readEncrypted(JsonNode root) throws KekException {
        if (passphrase == null) {
            throw new KekException(Reason.MISCONFIGURED, "the local keyset file " + path
                    + " is encrypted with a passphrase: set adsbridge.vault.local.passphrase");
        }
        try {
            byte[] salt = Base64.getDecoder().decode(root.path("salt").asString(""));
            int iterations = root.path("iterations").asInt(0);
            if (!KDF.equals(root.path("kdf").asString("")) || salt.length < 16 || iterations < 100_000) {
                throw new KekException(Reason.MISCONFIGURED, "the local keyset file " + path + " names an unsupported "
                        + "key derivation");
            }
            Aead keysetKey = passphraseAead(salt, iterations);
            return TinkJsonProtoKeysetFormat.parseEncryptedKeyset(
                    JSON.writeValueAsString(root.path("keyset")), keysetKey, KEYSET_ASSOCIATED_DATA, TINK);
        } catch (IllegalArgumentException e) {
            throw new KekException(Reason.MISCONFIGURED, "the local keyset file " + path + " is damaged");
        } catch (KekException e) {
            throw e;
        } catch (GeneralSecurityException e) {
            throw new KekException(Reason.MISCONFIGURED, "cannot decrypt the local keyset file " + path
                    + ": wrong passphrase, or the file is damaged");
        }
    }

    /** Replaces the file atomically with {@code keyset}, owner-only, flushed to disk before the rename. */
    public void write(KeysetHandle keyset) throws KekException {
        try {
            String text = passphrase == null
                    ? TinkJsonProtoKeysetFormat.serializeKeyset(keyset, TINK, InsecureSecretKeyAccess.get())
                    : encrypted(keyset, passphrase);
            Path directory = path.getParent();
            createPrivateDirectories(directory);
            Path temporary = directory.resolve("." + path.getFileName() + "." + System.nanoTime() + ".tmp");
            try {
                try (FileChannel channel = FileChannel.open(temporary, Set.of(StandardOpenOption.CREATE_NEW,
                        StandardOpenOption.WRITE), ownerOnly(OWNER_READ_WRITE))) {
                    channel.write(ByteBuffer.wrap(text.getBytes(StandardCharsets.UTF_8)));
                    channel.force(true);
                }
                try {
                    Files.move(temporary, path, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
                } catch (AtomicMoveNotSupportedException e) {
                    Files.move(temporary, path, StandardCopyOption.REPLACE_EXISTING);
                }
            } finally {
                Files.deleteIfExists(temporary);
            }
            syncDirectory(directory);
        } catch (IOException e) {
            throw new KekException(Reason.MISCONFIGURED, "cannot write the local keyset file " + path + " ("
                    + e.getClass().getSimpleName() + ")");
        } catch (GeneralSecurityException e) {
            throw new KekException(Reason.MISCONFIGURED, "cannot serialize the local keyset", e);
        }
    }

    /** A lock file beside the keyset, so two processes do not rotate at once. */
    public Path lockPath() {
        return path.resolveSibling(path.getFileName() + ".lock");
    }

    private String encrypted(KeysetHandle keyset, char[] passphrase) throws GeneralSecurityException {
        byte[] salt = new byte[16];
        new SecureRandom().nextBytes(salt);
        String tinkJson = TinkJsonProtoKeysetFormat.serializeEncryptedKeyset(
                keyset, passphraseAead(salt, ITERATIONS), KEYSET_ASSOCIATED_DATA, TINK);
        ObjectNode root = JSON.createObjectNode();
        root.put("format", FORMAT);
        root.put("kdf", KDF);
        root.put("iterations", ITERATIONS);
        root.put("salt", Base64.getEncoder().encodeToString(salt));
        root.set("keyset", JSON.readTree(tinkJson));
        return JSON.writerWithDefaultPrettyPrinter().writeValueAsString(root);
    }

    private Aead passphraseAead(byte[] salt, int iterations) throws GeneralSecurityException {
        char[] secret = Objects.requireNonNull(passphrase);
        KeySpec spec = new PBEKeySpec(secret, salt, iterations, 256);
        byte[] derived = SecretKeyFactory.getInstance(KDF).generateSecret(spec).getEncoded();
        try {
            AesGcmParameters parameters = AesGcmParameters.builder()
                    .setKeySizeBytes(32)
                    .setIvSizeBytes(12)
                    .setTagSizeBytes(16)
                    .setVariant(AesGcmParameters.Variant.NO_PREFIX)
                    .build();
            AesGcmKey key = AesGcmKey.builder()
                    .setParameters(parameters)
                    .setKeyBytes(SecretBytes.copyFrom(derived, InsecureSecretKeyAccess.get()))
                    .build();
            return KeysetHandle.newBuilder()
                    .setConfiguration(TINK)
                    .addEntry(KeysetHandle.importKey(key).withRandomId().makePrimary())
                    .build()
                    .getPrimitive(TINK, Aead.class);
        } finally {
            Arrays.fill(derived, (byte) 0);
        }
    }

    private static void createPrivateDirectories(Path directory) throws IOException {
        if (Files.isDirectory(directory)) {
            return;
        }
        Path parent = directory.getParent();
        if (parent != null) {
            Files.createDirectories(parent);
        }
        try {
            Files.createDirectory(directory, ownerOnly(OWNER_ONLY_DIR));
        } catch (FileAlreadyExistsException e) {
            // created meanwhile by someone else: fine
        }
    }

    private static FileAttribute<?>[] ownerOnly(Set<PosixFilePermission> permissions) {
        boolean posix = java.nio.file.FileSystems.getDefault().supportedFileAttributeViews().contains("posix");
        return posix ? new FileAttribute<?>[] {PosixFilePermissions.asFileAttribute(permissions)} : new FileAttribute<?>[0];
    }

    private static void syncDirectory(Path directory) {
        try (FileChannel channel = FileChannel.open(directory, StandardOpenOption.READ)) {
            channel.force(true);
        } catch (IOException | UnsupportedOperationException e) {
            // not every platform can fsync a directory; the rename is still atomic
        }
    }
}
