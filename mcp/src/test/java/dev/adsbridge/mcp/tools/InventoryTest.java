package dev.adsbridge.mcp.tools;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.adsbridge.mcp.inventory.Caller;
import dev.adsbridge.mcp.inventory.Inventory;
import dev.adsbridge.mcp.inventory.ToolDefinition;
import dev.adsbridge.mcp.inventory.Toolset;
import io.modelcontextprotocol.spec.McpSchema;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** Rules every tool follows, checked over the whole inventory. */
class InventoryTest {

    private static final Pattern SNAKE_CASE = Pattern.compile("[a-z][a-z0-9]*(_[a-z0-9]+)*");
    /** Names that announce a read; everything else (create_, update_, duplicate_, upload_…) writes. */
    private static final Pattern READ_NAME = Pattern.compile("(get|list|search|estimate|compute)_.*");
    /**
     * Reads despite their name: starting an async insights report changes no ad object; search and fetch are the
     * retrieval pair chat clients call by these exact names.
     */
    private static final Set<String> READS_NAMED_LIKE_WRITES = Set.of("create_insights_report", "search", "fetch");

    private final List<ToolDefinition> tools = AllTools.all();

    @Test
    void everyToolHasAToolsetAValidUniqueNameAndADescription() {
        Set<String> names = new HashSet<>();
        for (ToolDefinition tool : tools) {
            assertThat(tool.toolset()).as(tool.name()).isNotNull();
            assertThat(tool.name()).as("tool name").matches(SNAKE_CASE).hasSizeLessThanOrEqualTo(64);
            assertThat(names.add(tool.name())).as("unique name " + tool.name()).isTrue();
            assertThat(tool.tool().description()).as(tool.name()).hasSizeGreaterThan(80);
            assertThat(tool.tool().title()).as(tool.name()).isNotBlank();
        }
    }

    @Test
    void everyToolStatesAllFourHintsAndReadOnlyExactlyForReads() {
        for (ToolDefinition tool : tools) {
            McpSchema.ToolAnnotations hints = tool.tool().annotations();
            assertThat(hints).as(tool.name()).isNotNull();
            assertThat(hints.readOnlyHint()).as(tool.name() + " readOnlyHint").isNotNull();
            assertThat(hints.destructiveHint()).as(tool.name() + " destructiveHint").isNotNull();
            assertThat(hints.idempotentHint()).as(tool.name() + " idempotentHint").isNotNull();
            assertThat(hints.openWorldHint()).as(tool.name() + " openWorldHint").isNotNull();
            boolean read = READ_NAME.matcher(tool.name()).matches() || READS_NAMED_LIKE_WRITES.contains(tool.name());
            assertThat(hints.readOnlyHint()).as(tool.name() + " readOnlyHint").isEqualTo(read);
            if (read) {
                assertThat(hints.destructiveHint()).as(tool.name() + " reads destroy nothing").isFalse();
            }
        }
    }

    @Test
    @SuppressWarnings("unchecked")
    void everySchemaIsAPlainObjectWithDescribedProperties() {
        for (ToolDefinition tool : tools) {
            Map<String, Object> schema = tool.tool().inputSchema();
            assertThat(schema.get("type")).as(tool.name()).isEqualTo("object");
            assertThat(schema).as(tool.name() + ": no top-level anyOf/oneOf/allOf")
                    .doesNotContainKeys("anyOf", "oneOf", "allOf", "not");
            Map<String, Object> properties = (Map<String, Object>) schema.get("properties");
            assertThat(properties).as(tool.name()).isNotNull();
            properties.forEach((name, property) -> {
                assertThat(name).as(tool.name() + " argument").matches(SNAKE_CASE);
                assertThat(((Map<String, Object>) property).get("description")).as(tool.name() + "." + name)
                        .isInstanceOf(String.class);
            });
            List<String> required = (List<String>) schema.getOrDefault("required", List.of());
            assertThat(properties.keySet()).as(tool.name()).containsAll(required);
            if (tool.needsToken()) {
                assertThat(properties).as(tool.name() + " accepts access_token").containsKey("access_token");
                assertThat(required).doesNotContain("access_token");
            }
            if (!tool.readOnly() && tool.tool().annotations().openWorldHint()) {
                assertThat(properties).as(tool.name() + " write accepts validate_only").containsKey("validate_only");
            }
            if (properties.containsKey("status") && tool.name().startsWith("create_")) {
                assertThat(((Map<String, Object>) properties.get("status")).get("default"))
                        .as(tool.name() + " creates paused").isEqualTo("PAUSED");
            }
        }
    }

    @Test
    void listToolsTakeLimitAndAfter() {
        for (ToolDefinition tool : tools) {
            Map<String, Object> properties = castProperties(tool);
            if (tool.name().matches("get_(ad_accounts|campaigns|adsets|ads|insights|activity_log)|list_.*")) {
                assertThat(properties).as(tool.name()).containsKeys("limit", "after");
            }
        }
    }

    @Test
    void filtersApplyInOrderAndSortTheOutput() {
        Inventory inventory = Inventory.builder(tools).readOnly(true).toolsets(EnumSet.of(Toolset.CAMPAIGNS,
                Toolset.ACCOUNTS)).build();
        List<String> offered = inventory.offered().stream().map(ToolDefinition::name).toList();
        assertThat(offered).isSorted().contains("get_campaigns").doesNotContain("create_campaign");

        Caller narrowed = Caller.of(null, Optional.of(Set.of(Toolset.ACCOUNTS, Toolset.INSIGHTS)), false);
        assertThat(inventory.visibleTo(narrowed)).allMatch(tool -> tool.toolset() == Toolset.ACCOUNTS);
        ToolDefinition create = inventory.find("create_campaign").orElseThrow();
        // Read-only comes first, so it is the reason given.
        assertThat(inventory.hiddenReason(create, narrowed)).get().asString().contains("read-only");
    }

    @Test
    void duplicateNamesAndUnknownExclusionsAreRejected() {
        ToolDefinition one = tools.get(0);
        assertThatThrownBy(() -> Inventory.builder(List.of(one, one)).build())
                .isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> Inventory.builder(tools).exclude(List.of("nope")).build())
                .isInstanceOf(IllegalStateException.class);
        Inventory without = Inventory.builder(tools).exclude(List.of("update_campaign")).build();
        assertThat(without.isVisible("update_campaign", Caller.anonymous())).isFalse();
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> castProperties(ToolDefinition tool) {
        return (Map<String, Object>) tool.tool().inputSchema().get("properties");
    }
}
