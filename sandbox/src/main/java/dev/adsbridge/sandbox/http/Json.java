package dev.adsbridge.sandbox.http;

import tools.jackson.databind.json.JsonMapper;

/** The one JSON mapper of the sandbox. */
public final class Json {

    public static final JsonMapper MAPPER = JsonMapper.builder().build();

    private Json() {
    }

    public static String write(Object value) {
        return MAPPER.writeValueAsString(value);
    }
}
