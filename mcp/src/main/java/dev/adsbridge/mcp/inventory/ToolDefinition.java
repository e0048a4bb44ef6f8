package dev.adsbridge.mcp.inventory;

import io.modelcontextprotocol.spec.McpSchema;
import java.util.List;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * Everything about one tool in one value: its MCP description (name, description, input schema, annotations), the
 * toolset it belongs to, the Meta permissions it needs and its handler. Whether a tool writes is said once, by its
 * {@link Hints}; read-only filtering derives from it.
 *
 * @param tool    the MCP tool as listed to clients
 * @param toolset the toolset that switches it on or off
 * @param scopes  Meta permissions the tool needs (e.g. {@code ads_read}); empty for a local tool that needs no token
 * @param handler what the tool does
 */
public record ToolDefinition(McpSchema.Tool tool, Toolset toolset, List<String> scopes, ToolHandler handler) {

    /** snake_case, starting with a letter, at most 64 characters (what every MCP client accepts). */
    public static final Pattern NAME = Pattern.compile("[a-z][a-z0-9]*(_[a-z0-9]+)*");

    /** Described in every schema of a tool that calls Meta, for compatibility with the reference server. */
    static final String ACCESS_TOKEN_DESCRIPTION = "Meta access token. Optional: normally the client sends it as "
            + "'Authorization: Bearer <token>'. When given, it is used instead of the header token.";

    public ToolDefinition {
        Objects.requireNonNull(tool, "tool");
        Objects.requireNonNull(toolset, "toolset");
        scopes = List.copyOf(scopes);
        Objects.requireNonNull(handler, "handler");
    }

    /** Starts a tool definition; see {@link Builder}. */
    public static Builder builder(String name, Toolset toolset) {
        return new Builder(name, toolset);
    }

    public String name() {
        return tool.name();
    }

    /**
     * The same tool listed in a toolset, with another description, input schema and output schema (null for none), run by
     * another handler (e.g. one that reshapes the original's answer). The annotations lose their copy of the title.
     */
    public ToolDefinition relisted(Toolset toolset, String description, java.util.Map<String, Object> inputSchema,
                                   java.util.Map<String, Object> outputSchema, ToolHandler handler) {
        McpSchema.ToolAnnotations a = tool.annotations();
        McpSchema.Tool listed = McpSchema.Tool.builder()
                .name(tool.name())
                .title(tool.title())
                .description(description)
                .inputSchema(inputSchema)
                .outputSchema(outputSchema)
                .annotations(listedAnnotations(a))
                .build();
        return new ToolDefinition(listed, toolset, scopes, handler);
    }

    /**
     * The hints that say something beyond MCP's defaults (readOnly false, destructive true, idempotent false, open
     * world true; destructive and idempotent mean nothing for a read-only tool), without the title's copy.
     */
    private static McpSchema.ToolAnnotations listedAnnotations(McpSchema.ToolAnnotations a) {
        boolean readOnly = Boolean.TRUE.equals(a.readOnlyHint());
        return new McpSchema.ToolAnnotations(null, readOnly ? Boolean.TRUE : null,
                !readOnly && Boolean.FALSE.equals(a.destructiveHint()) ? Boolean.FALSE : null,
                !readOnly && Boolean.TRUE.equals(a.idempotentHint()) ? Boolean.TRUE : null,
                Boolean.FALSE.equals(a.openWorldHint()) ? Boolean.FALSE : null, a.returnDirect());
    }

    /** Whether the tool changes nothing (its {@code readOnlyHint}). */
    public boolean readOnly() {
        return Boolean.TRUE.equals(tool.annotations().readOnlyHint());
    }

    /** The names of the arguments the tool declares in its input schema. */
    public java.util.Set<String> argumentNames() {
        Object properties = tool.inputSchema() == null ? null : tool.inputSchema().get("properties");
        if (!(properties instanceof java.util.Map<?, ?> map)) {
            return java.util.Set.of();
        }
        @SuppressWarnings("unchecked")
        java.util.Set<String> names = (java.util.Set<String>) map.keySet();
        return names;
    }

    /** Whether the tool calls Meta, and so needs a token. */
    public boolean needsToken() {
        return !scopes.isEmpty();
    }

    /** Fluent builder; {@link #build()} checks the name and that description, hints, input and handler are set. */
    public static final class Builder {
        private final String name;
        private final Toolset toolset;
        private String title;
        private String description;
        private Hints hints;
        private List<String> scopes = List.of();
        private Schema input;
        private ToolHandler handler;

        private Builder(String name, Toolset toolset) {
            this.name = Objects.requireNonNull(name, "name");
            this.toolset = Objects.requireNonNull(toolset, "toolset");
        }

        /** A short human-readable title. */
        public Builder title(String title) {
            this.title = title;
            return this;
        }

        /** Written for a language model: what it does, when to use it, units, defaults, what comes back. */
        public Builder description(String description) {
            this.description = description;
            return this;
        }

        public Builder hints(Hints hints) {
            this.hints = hints;
            return this;
        }

        /** Meta permissions the tool needs; none for a local tool. */
        public Builder scopes(String... scopes) {
            this.scopes = List.of(scopes);
            return this;
        }

        /** The arguments; an optional {@code access_token} is appended for tools that call Meta. */
        public Builder input(Schema input) {
            this.input = input;
            return this;
        }

        public Builder handler(ToolHandler handler) {
            this.handler = handler;
            return this;
        }

        public ToolDefinition build() {
            if (name.length() > 64 || !NAME.matcher(name).matches()) {
                throw new IllegalStateException("tool name must be snake_case, at most 64 characters: " + name);
            }
            if (description == null || description.isBlank()) {
                throw new IllegalStateException(name + ": description missing");
            }
            Objects.requireNonNull(hints, name + ": hints missing");
            Objects.requireNonNull(input, name + ": input schema missing");
            Objects.requireNonNull(handler, name + ": handler missing");
            if (!scopes.isEmpty() && !input.has("access_token")) {
                input.string("access_token", ACCESS_TOKEN_DESCRIPTION);
            }
            McpSchema.ToolAnnotations annotations = new McpSchema.ToolAnnotations(title, hints.readOnly(),
                    hints.destructive(), hints.idempotent(), hints.openWorld(), null);
            McpSchema.Tool tool = McpSchema.Tool.builder()
                    .name(name)
                    .title(title)
                    .description(description.strip())
                    .inputSchema(input.build())
                    .annotations(annotations)
                    .build();
            return new ToolDefinition(tool, toolset, scopes, handler);
        }
    }
}
