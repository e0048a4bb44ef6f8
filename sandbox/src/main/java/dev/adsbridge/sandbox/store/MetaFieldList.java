package dev.adsbridge.sandbox.store;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Meta's list of fields for a node type, as the official business SDKs carry it: one name a line in a class-path
 * resource, {@code #} lines are notes. A type without a list has none.
 */
public final class MetaFieldList {

    private MetaFieldList() {
    }

    /** The fields of Meta's {@code graphName} node type ({@code AdAccount}, …), or empty. */
    public static List<String> of(String graphName) {
        return read("/dev/adsbridge/sandbox/store/fields/" + graphName + ".txt");
    }

    /** The names in a resource of the one-name-a-line format; a missing resource → empty. */
    public static List<String> read(String resource) {
        List<String> names = new ArrayList<>();
        try (InputStream in = MetaFieldList.class.getResourceAsStream(resource)) {
            if (in == null) {
                return names;
            }
            BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
            for (String line = reader.readLine(); line != null; line = reader.readLine()) {
                String name = line.strip();
                if (!name.isEmpty() && !name.startsWith("#")) {
                    names.add(name);
                }
            }
            return names;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + resource, e);
        }
    }
}
