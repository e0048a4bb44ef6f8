package dev.adsbridge.mcp.inventory;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Arguments as language models really send them. */
class ArgsTest {

    @Test
    void accountIdsAreNormalisedWithOrWithoutPrefix() {
        assertThat(args("a", "act_123").accountId("a")).isEqualTo("act_123");
        assertThat(args("a", "123").accountId("a")).isEqualTo("act_123");
        assertThat(args("a", 123).accountId("a")).isEqualTo("act_123");
        assertThat(args("a", " ACT_123 ").accountId("a")).isEqualTo("act_123");
        assertThatThrownBy(() -> args("a", "act_").accountId("a")).isInstanceOf(ToolException.class)
                .hasMessageContaining("act_1234567890");
        assertThatThrownBy(() -> args("a", "").accountId("a")).hasMessageContaining("Missing required argument 'a'");
    }

    @Test
    void moneyIsAWholePositiveNumberOfMinorUnits() {
        assertThat(args("b", 5000).minorUnits("b")).hasValue(5000);
        assertThat(args("b", "5000").minorUnits("b")).hasValue(5000);
        assertThat(args("b", 5000.0).minorUnits("b")).hasValue(5000);
        assertThat(args("b", "").minorUnits("b")).isEmpty();
        assertThatThrownBy(() -> args("b", 50.5).minorUnits("b")).hasMessageContaining("1050");
        assertThatThrownBy(() -> args("b", "$50").minorUnits("b")).hasMessageContaining("minor");
        assertThatThrownBy(() -> args("b", 0).minorUnits("b")).hasMessageContaining("positive");
    }

    @Test
    void listsComeAsArraysJsonTextOrCommaSeparatedText() {
        assertThat(args("l", List.of("A", "B")).stringList("l")).hasValue(List.of("A", "B"));
        assertThat(args("l", "[\"A\",\"B\"]").stringList("l")).hasValue(List.of("A", "B"));
        assertThat(args("l", "A, B,").stringList("l")).hasValue(List.of("A", "B"));
        assertThat(args("l", "[]").stringList("l")).hasValue(List.of());
        assertThat(args("l", "housing").enumList("l", List.of("HOUSING"))).hasValue(List.of("HOUSING"));
        assertThatThrownBy(() -> args("l", List.of(Map.of())).stringList("l")).isInstanceOf(ToolException.class);
    }

    @Test
    void booleansAndTimes() {
        assertThat(args("v", "true").bool("v")).hasValue(true);
        assertThat(args("v", false).bool("v")).hasValue(false);
        assertThatThrownBy(() -> args("v", "yes please").bool("v")).hasMessageContaining("true or false");
        assertThat(args("t", "2026-12-01T00:00:00Z").epochSeconds("t")).hasValue(1796083200L);
        assertThat(args("t", "2026-12-01T00:00:00-0800").epochSeconds("t")).hasValue(1796112000L);
        assertThat(args("t", "2026-12-01").epochSeconds("t")).hasValue(1796083200L);
        assertThat(args("t", 1796083200L).epochSeconds("t")).hasValue(1796083200L);
    }

    @Test
    void validationErrorsAreInvalidRequestsWithoutACode() {
        ToolError error = ((ToolException) org.assertj.core.api.Assertions.catchThrowable(
                () -> args("limit", "ten").integer("limit", 10, 1, 100))).error();
        assertThat(error.category().wireName()).isEqualTo("invalid_request");
        assertThat(error.code()).isNull();
        assertThat(error.toJson().at("/error/message").asString()).contains("limit");
    }

    private static Args args(String name, Object value) {
        Map<String, Object> map = new LinkedHashMap<>();
        map.put(name, value);
        return Args.of(map);
    }
}
