package dev.adsbridge.mcp.tools;

import static org.assertj.core.api.Assertions.assertThat;

import dev.adsbridge.mcp.TestEnv;
import dev.adsbridge.mcp.inventory.Args;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * Compact lists do not ask Meta for the fields they leave out of every row ({@link ToolListings#COMPACT_OMITS}),
 * and answer the same rows as before; Meta's rows ({@code compact=false}) and named fields still get them.
 */
class CompactListFieldsTest {

    private static final Map<String, String> LISTS = Map.of("get_campaigns", CampaignTools.LIST_FIELDS,
            "get_adsets", AdSetTools.LIST_FIELDS, "get_ads", AdTools.LIST_FIELDS);

    private static Args args(Object... pairs) {
        Map<String, Object> map = new HashMap<>();
        for (int i = 0; i < pairs.length; i += 2) {
            map.put((String) pairs[i], pairs[i + 1]);
        }
        return Args.of(map);
    }

    @Test
    void compactListsAskForTheirFieldsWithoutTheOnesTheyLeaveOut() {
        LISTS.forEach((tool, fields) -> {
            Set<String> omitted = ToolListings.COMPACT_OMITS.get(tool);
            List<String> asked = Arrays.asList(ToolListings.defaultFields(tool, args(), fields).split(","));
            assertThat(asked).as(tool).doesNotContainAnyElementsOf(omitted)
                    .containsExactlyElementsOf(Arrays.stream(fields.split(",")).filter(f -> !omitted.contains(f))
                            .toList());
            assertThat(ToolListings.defaultFields(tool, args("compact", true), fields)).isEqualTo(String.join(",",
                    asked));
            assertThat(ToolListings.defaultFields(tool, args("compact", false), fields)).isEqualTo(fields);
            assertThat(ToolListings.defaultFields(tool, args("fields", List.of("id")), fields)).isEqualTo(fields);
        });
        assertThat(ToolListings.defaultFields("get_ad_accounts", args(), "id,created_time"))
                .isEqualTo("id,created_time");
    }

    @Test
    void theAnswersAreTheRowsTheyWereWithoutTheLeftOutFields() {
        String token = TestEnv.token();
        for (String tool : LISTS.keySet()) {
            Set<String> omitted = ToolListings.COMPACT_OMITS.get(tool);
            JsonNode compact = TestEnv.ok(TestEnv.callTool(token, tool, Map.of("account_id", TestEnv.BIG_ACCOUNT,
                    "limit", 25)));
            JsonNode raw = TestEnv.ok(TestEnv.callTool(token, tool, Map.of("account_id", TestEnv.BIG_ACCOUNT,
                    "limit", 25, "compact", false)));
            assertThat(TestEnv.ids(compact.get("data"))).as(tool).isNotEmpty()
                    .isEqualTo(TestEnv.ids(raw.get("data")));
            assertThat(compact.get("next_cursor")).as(tool).isEqualTo(raw.at("/paging/cursors/after"));
            for (int i = 0; i < raw.get("data").size(); i++) {
                JsonNode metaRow = raw.get("data").get(i);
                JsonNode row = compact.get("data").get(i);
                assertThat(metaRow.has("created_time")).as("Meta's rows still carry " + omitted).isTrue();
                assertThat(row.propertyNames()).as(tool).doesNotContainAnyElementsOf(omitted);
                // Every other field Meta sent is still there (money reshaped, empty values dropped).
                for (String name : metaRow.propertyNames()) {
                    JsonNode value = metaRow.get(name);
                    boolean empty = value.isNull() || (value.isString() && value.asString().isEmpty())
                            || (value.isContainer() && value.isEmpty())
                            || (value.isString() && value.asString().equals("0"));
                    if (!omitted.contains(name) && !empty && !name.equals("effective_status")) {
                        assertThat(row.has(name)).as(tool + " " + name).isTrue();
                    }
                }
            }
            JsonNode named = TestEnv.ok(TestEnv.callTool(token, tool, Map.of("account_id", TestEnv.BIG_ACCOUNT,
                    "limit", 5, "fields", List.of("id", "created_time"))));
            named.get("data").forEach(row -> assertThat(row.has("created_time")).as(tool).isTrue());
        }
    }
}
