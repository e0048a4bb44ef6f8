package dev.adsbridge.console.apikeys;

/** A key just created: {@code secret} ({@code abk_…}) is shown this once and never stored. */
public record IssuedApiKey(ApiKey key, String secret) {

    @Override
    public String toString() {
        return "IssuedApiKey[key=" + key + ", secret=***]";
    }
}
