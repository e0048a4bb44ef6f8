package dev.adsbridge.meta;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import org.junit.jupiter.api.Test;

class CurrenciesTest {

    @Test
    void zeroDecimalCurrenciesHaveOffsetOneAndNoDecimals() {
        for (String code : new String[] {"JPY", "KRW", "CLP", "COP", "CRC", "HUF", "ISK", "IDR", "PYG", "TWD", "VND"}) {
            assertThat(Currencies.isZeroDecimal(code)).as(code).isTrue();
            assertThat(Currencies.offset(code)).as(code).isEqualTo(1);
            assertThat(Currencies.decimals(code)).as(code).isZero();
        }
        assertThat(Currencies.isZeroDecimal(" jpy ")).isTrue();
        for (String code : new String[] {"USD", "EUR", "GBP", "BRL", "INR", "MXN"}) {
            assertThat(Currencies.isZeroDecimal(code)).as(code).isFalse();
            assertThat(Currencies.offset(code)).as(code).isEqualTo(100);
            assertThat(Currencies.decimals(code)).as(code).isEqualTo(2);
        }
        assertThat(Currencies.isZeroDecimal(null)).isFalse();
    }

    @Test
    void minorAndMajorUnitsConvertBothWays() {
        assertThat(Currencies.toMajor(new BigDecimal("1050"), "USD")).isEqualByComparingTo("10.50");
        assertThat(Currencies.toMajor(new BigDecimal("1050"), "JPY")).isEqualByComparingTo("1050");
        assertThat(Currencies.toMajor(new BigDecimal("1400"), "KRW")).isEqualByComparingTo("1400");
        assertThat(Currencies.toMinor(new BigDecimal("10.5"), "USD")).isEqualTo(1050);
        assertThat(Currencies.toMinor(new BigDecimal("150"), "JPY")).isEqualTo(150);
        assertThatThrownBy(() -> Currencies.toMinor(new BigDecimal("0.5"), "JPY")).isInstanceOf(ArithmeticException.class);
        assertThatThrownBy(() -> Currencies.toMinor(new BigDecimal("1.005"), "USD"))
                .isInstanceOf(ArithmeticException.class);
    }

    @Test
    void parsesAmountsAsPeopleWriteThem() {
        assertThat(Currencies.parseMajor("5000", "USD")).isEqualTo(500_000L);
        assertThat(Currencies.parseMajor("5,000.00", "USD")).isEqualTo(500_000L);
        assertThat(Currencies.parseMajor("5000.00 usd", "USD")).isEqualTo(500_000L);
        assertThat(Currencies.parseMajor(12.5, "EUR")).isEqualTo(1250L);
        assertThat(Currencies.parseMajor("1500", "JPY")).isEqualTo(1500L);
        assertThat(Currencies.parseMajor("1500.5", "JPY")).as("no decimals in yen").isNull();
        assertThat(Currencies.parseMajor("10.505", "USD")).isNull();
        assertThat(Currencies.parseMajor("5000 EUR", "USD")).as("another currency's code").isNull();
        assertThat(Currencies.parseMajor("-5", "USD")).isNull();
        assertThat(Currencies.parseMajor("ten", "USD")).isNull();
        assertThat(Currencies.parseMajor(null, "USD")).isNull();
    }

    @Test
    void plainUnitsCarryTheCode() {
        assertThat(Currencies.plain("1234", "usd")).isEqualTo("12.34 USD");
        assertThat(Currencies.plain("5", "USD")).isEqualTo("0.05 USD");
        assertThat(Currencies.plain("1050", "JPY")).isEqualTo("1050 JPY");
        assertThat(Currencies.plain(new BigDecimal(500_000), "EUR")).isEqualTo("5000.00 EUR");
        assertThat(Currencies.plain("n/a", "USD")).isNull();
        assertThat(Currencies.plain("100", null)).isNull();
        assertThat(Currencies.plain((String) null, "USD")).isNull();
    }

    @Test
    void formatsWithTheCurrencySymbol() {
        assertThat(Currencies.format("2500", "USD")).isEqualTo("$25.00");
        assertThat(Currencies.format("100000", "usd")).isEqualTo("$1,000.00");
        assertThat(Currencies.format(1250, "EUR")).isEqualTo("€12.50");
        assertThat(Currencies.format(100, "GBP")).isEqualTo("£1.00");
        assertThat(Currencies.format(150, "JPY")).isEqualTo("¥150");
        assertThat(Currencies.format(1400, "KRW")).isEqualTo("₩1,400");
        assertThat(Currencies.format("123456", "XYZ")).as("a code Java does not know").isEqualTo("1,234.56 XYZ");
        assertThat(Currencies.format("", "USD")).isNull();
        assertThat(Currencies.format("12a", "USD")).isNull();
        assertThat(Currencies.format("100", " ")).isNull();
    }
}
