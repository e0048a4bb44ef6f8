package dev.adsbridge.meta;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class CsvTest {

    @Test
    void quotesWhatNeedsQuoting() {
        assertThat(Csv.text("plain")).isEqualTo("plain");
        assertThat(Csv.text("a,b")).isEqualTo("\"a,b\"");
        assertThat(Csv.text("say \"hi\"")).isEqualTo("\"say \"\"hi\"\"\"");
        assertThat(Csv.text("two\nlines")).isEqualTo("\"two\nlines\"");
        assertThat(Csv.text(null)).isEmpty();
        assertThat(Csv.text("")).isEmpty();
        assertThat(Csv.data("")).isEmpty();
    }

    @Test
    void textCellsDefuseEveryFormulaStart() {
        assertThat(Csv.text("=HYPERLINK(\"http://x\")")).isEqualTo("\"'=HYPERLINK(\"\"http://x\"\")\"");
        assertThat(Csv.text("+1")).isEqualTo("'+1");
        assertThat(Csv.text("-1")).as("text policy: even a number").isEqualTo("'-1");
        assertThat(Csv.text("@SUM(A1)")).isEqualTo("'@SUM(A1)");
        assertThat(Csv.text("\tcmd")).isEqualTo("'\tcmd");
        assertThat(Csv.text("\rcmd")).isEqualTo("\"'\rcmd\"");
        assertThat(Csv.text("a=b")).isEqualTo("a=b");
    }

    @Test
    void dataCellsKeepNumbersAndDefuseTheRest() {
        assertThat(Csv.data("-12.5")).isEqualTo("-12.5");
        assertThat(Csv.data("1204")).isEqualTo("1204");
        assertThat(Csv.data("-1+cmd")).isEqualTo("'-1+cmd");
        assertThat(Csv.data("=1+1")).isEqualTo("'=1+1");
        assertThat(Csv.data("@x,y")).isEqualTo("\"'@x,y\"");
        assertThat(Csv.data("\t1")).isEqualTo("'\t1");
        assertThat(Csv.data("Summer sale, EU")).isEqualTo("\"Summer sale, EU\"");
    }
}
