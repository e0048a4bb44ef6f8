package dev.adsbridge.console.identity;

import static dev.adsbridge.console.support.ConsoleHarness.PASSWORD;
import static org.assertj.core.api.Assertions.assertThat;

import dev.adsbridge.console.support.Browser;
import dev.adsbridge.console.support.ConsoleHarness;
import dev.adsbridge.console.support.Page;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Failed sign-ins lock the account, then the address, with backoff; counted in the database. */
class SignInThrottleTest {

    private final ConsoleHarness harness = ConsoleHarness.shared();

    @AfterEach
    void reset() {
        harness.clock.reset();
        // Every test signs in from 127.0.0.1: never leave the address locked for the next test.
        harness.db().sql("delete from sign_in_failures where subject like 'address:%'").update();
    }

    @Test
    void fiveWrongPasswordsLockTheAccountEvenForTheRightOne() {
        Browser browser = harness.browser();
        String email = ConsoleHarness.email("locked");
        browser.signUp("Locked Co", "Lou", email, PASSWORD);
        for (int i = 0; i < 5; i++) {
            assertThat(browser.signIn(email, "wrong password " + i).path()).isEqualTo("/signin?error");
        }
        Page locked = browser.signIn(email, PASSWORD);
        assertThat(locked.path()).startsWith("/signin?locked=");
        assertThat(locked.contains("Too many failed sign-ins")).isTrue();
        assertThat(harness.db().sql("select failures from sign_in_failures where subject = ?")
                .param("account:" + email).query(Integer.class).single()).isEqualTo(5);

        harness.clock.advance(Duration.ofSeconds(61));
        assertThat(browser.signIn(email, PASSWORD).path()).isEqualTo("/");
        assertThat(harness.db().sql("select count(*) from sign_in_failures where subject = ?")
                .param("account:" + email).query(Long.class).single()).isZero();
    }

    @Test
    void eachFailureBeyondTheLimitDoublesTheLock() {
        Browser browser = harness.browser();
        String email = ConsoleHarness.email("backoff");
        browser.signUp("Backoff Co", "Bo", email, PASSWORD);
        for (int i = 0; i < 5; i++) {
            browser.signIn(email, "wrong");
        }
        harness.clock.advance(Duration.ofSeconds(61));
        assertThat(browser.signIn(email, "still wrong").path()).isEqualTo("/signin?error"); // 6th: 2 minutes
        harness.clock.advance(Duration.ofSeconds(61));
        assertThat(browser.signIn(email, PASSWORD).path()).isEqualTo("/signin?locked=1");
        harness.clock.advance(Duration.ofSeconds(61));
        assertThat(browser.signIn(email, PASSWORD).path()).isEqualTo("/");
    }

    @Test
    void manyFailuresFromOneAddressLockTheAddress() {
        Browser browser = harness.browser();
        String email = ConsoleHarness.email("bystander");
        browser.signUp("Bystander Co", "By", email, PASSWORD);
        // The harness allows 20 failures per address; spread over accounts so no single account locks.
        for (int i = 0; i < 20; i++) {
            harness.browser().signIn(ConsoleHarness.email("guess"), "wrong");
        }
        Page locked = browser.signIn(email, PASSWORD);
        assertThat(locked.path()).startsWith("/signin?locked=");
    }
}
