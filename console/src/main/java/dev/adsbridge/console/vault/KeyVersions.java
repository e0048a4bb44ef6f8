package dev.adsbridge.console.vault;

/**
 * The live key versions of the vault's key-encryption key: new tokens are wrapped under {@code primary}; versions from
 * {@code oldestDecryptable} to {@code primary} still decrypt; older versions are retired.
 */
public record KeyVersions(String kekProvider, int primary, int oldestDecryptable) {

    public boolean decrypts(int version) {
        return version >= oldestDecryptable && version <= primary;
    }
}
