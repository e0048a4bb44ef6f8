package dev.adsbridge.mcp.inventory;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
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
    void textsWrittenForPeopleKeepTheirCommas() {
        assertThat(args("t", "Light, grippy, ready").textList("t")).hasValue(List.of("Light, grippy, ready"));
        assertThat(args("t", List.of("One, two", " ", "Three ")).textList("t")).hasValue(List.of("One, two",
                "Three"));
        assertThat(args("t", "[\"A, b\",\"C\"]").textList("t")).hasValue(List.of("A, b", "C"));
        assertThat(args("t", "[New] arrivals, now").textList("t")).hasValue(List.of("[New] arrivals, now"));
        assertThat(args("t", "").textList("t")).isEmpty();
        assertThatThrownBy(() -> args("t", List.of(5)).textList("t")).hasMessageContaining("list of texts");
    }

    @Test
    void enumsFoldToTheCaseTheCallerAsksFor() {
        assertThat(args("e", "100X100").enumValue("e", List.of("100x100"), Args.Case.LOWER)).hasValue("100x100");
        assertThat(args("e", "shop_now").enumValue("e", List.of("SHOP_NOW"))).hasValue("SHOP_NOW");
        assertThat(args("l", "City, REGION").enumList("l", List.of("city", "region"), Args.Case.LOWER))
                .hasValue(List.of("city", "region"));
        assertThatThrownBy(() -> args("l", List.of("16x9")).enumList("l", List.of("100x100"), Args.Case.LOWER))
                .hasMessageContaining("16x9").hasMessageContaining("allowed: 100x100");
    }

    @Test
    void rawStringsKeepSurroundingSpaces() {
        assertThat(args("s", " - Copy ").rawString("s")).hasValue(" - Copy ");
        assertThat(args("s", " - Copy ").string("s")).hasValue("- Copy");
        assertThat(args("s", "   ").rawString("s")).isEmpty();
        assertThat(args("s", 2).rawString("s")).hasValue("2");
    }

    @Test
    void decimalsComeAsNumbersOrText() {
        assertThat(args("r", 0.05).decimal("r", "a ratio")).hasValue(new BigDecimal("0.05"));
        assertThat(args("r", "0.05").decimal("r", "a ratio")).hasValue(new BigDecimal("0.05"));
        assertThat(args("r", ".05").decimal("r", "a ratio")).hasValue(new BigDecimal("0.05"));
        assertThat(args("r", 1).decimal("r", "a ratio")).hasValue(BigDecimal.ONE);
        assertThat(args("r", "").decimal("r", "a ratio")).isEmpty();
        assertThatThrownBy(() -> args("r", "five").decimal("r", "a ratio")).hasMessageContaining("must be a ratio");
    }

    @Test
    void aTextOrAnObject() {
        assertThat(args("t", " last_7d ").textOrObject("t", "a preset").orElseThrow().asString()).isEqualTo("last_7d");
        assertThat(args("t", Map.of("since", "2026-10-01")).textOrObject("t", "a preset").orElseThrow()
                .get("since").asString()).isEqualTo("2026-10-01");
        assertThat(args("t", "{\"since\":\"2026-10-01\"}").textOrObject("t", "a preset").orElseThrow().isObject())
                .isTrue();
        assertThat(args("t", "{not json").textOrObject("t", "a preset").orElseThrow().asString())
                .isEqualTo("{not json");
        assertThat(args("t", 7).textOrObject("t", "a preset").orElseThrow().asString()).isEqualTo("7");
        assertThatThrownBy(() -> args("t", List.of("x")).textOrObject("t", "a preset or {…}"))
                .hasMessageContaining("must be a preset or {…}");
        assertThatThrownBy(() -> args("t", "[1]").textOrObject("t", "a preset")).hasMessageContaining("a preset");
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
