package dev.adsbridge.console.identity;

import static dev.adsbridge.console.support.ConsoleHarness.PASSWORD;
import static org.assertj.core.api.Assertions.assertThat;

import dev.adsbridge.console.support.Browser;
import dev.adsbridge.console.support.ConsoleHarness;
import dev.adsbridge.console.support.Page;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
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
        // Signed in alone: the failures are forgiven and nothing is in flight.
        assertThat(harness.db().sql("select failures + in_flight from sign_in_failures where subject = ?")
                .param("account:" + email).query(Integer.class).single()).isZero();
        assertThat(harness.browser().signIn(email, "one typo").path()).isEqualTo("/signin?error");
        assertThat(harness.browser().signIn(email, PASSWORD).path()).isEqualTo("/");
    }

    /**
     * A right password in the middle of a burst forgives nothing: the guesses racing it stay counted. Modelled
     * without timing: four wrong guesses, then the right one while a fifth attempt is still being checked (its
     * reservation made, its answer not yet given), then more guesses: only the fifth one's slot is left, so the
     * next guess locks the account.
     */
    @Test
    void aRightPasswordDuringABurstForgivesNoGuessRacingIt() {
        Browser browser = harness.browser();
        String email = ConsoleHarness.email("racing");
        browser.signUp("Racing Co", "Ra", email, PASSWORD);
        for (int i = 0; i < 3; i++) {
            assertThat(harness.browser().signIn(email, "wrong " + i).path()).isEqualTo("/signin?error");
        }
        // Another attempt in flight: reserved (counted), its password check not finished.
        harness.db().sql("update sign_in_failures set failures = failures + 1, in_flight = in_flight + 1 "
                + "where subject = ?").param("account:" + email).update();
        assertThat(harness.browser().signIn(email, PASSWORD).path()).isEqualTo("/");
        assertThat(harness.db().sql("select failures from sign_in_failures where subject = ?")
                .param("account:" + email).query(Integer.class).single()).as("3 wrong + 1 in flight").isEqualTo(4);
        assertThat(harness.browser().signIn(email, "wrong again").path()).isEqualTo("/signin?error");
        assertThat(harness.browser().signIn(email, PASSWORD).path()).startsWith("/signin?locked=");
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

    @Test
    void aParallelBurstGetsNoMoreWrongGuessesThanTheLimitAndNoServerError() throws Exception {
        Browser owner = harness.browser();
        String email = ConsoleHarness.email("burst");
        owner.signUp("Burst Co", "Bu", email, PASSWORD);
        List<String> passwords = new ArrayList<>();
        // As in the attack: 30 wrong guesses and the right password, all at once.
        for (int i = 0; i < 31; i++) {
            passwords.add(i == 15 ? PASSWORD : "wrong guess " + i);
        }
        List<Page> answers = burst(passwords.stream().map(p -> Map.of("email", email, "password", p)).toList());

        assertThat(answers).allSatisfy(answer -> assertThat(answer.status()).isEqualTo(302));
        long wrongEvaluated = answers.stream().filter(a -> location(a).endsWith("/signin?error")).count();
        long locked = answers.stream().filter(a -> location(a).contains("/signin?locked=")).count();
        long signedIn = answers.stream().filter(a -> !location(a).contains("/signin")).count();
        // Five attempts (the account limit) get their password checked; every other one is refused unchecked.
        assertThat(wrongEvaluated + signedIn).isLessThanOrEqualTo(5);
        assertThat(wrongEvaluated + signedIn + locked).isEqualTo(31);
        // The audit log saw exactly the wrong guesses that were checked, and the refusals, never the password.
        assertThat(auditCount(email, "failure")).isEqualTo(wrongEvaluated);
        assertThat(auditCount(email, "denied")).isEqualTo(locked);
        assertThat(harness.db().sql("select count(*) from audit_log where after_json like ?")
                .param("%wrong guess%").query(Long.class).single()).isZero();
    }

    @Test
    void aParallelBurstOverManyAccountsStopsAtTheAddressLimit() throws Exception {
        List<Map<String, String>> attempts = new ArrayList<>();
        for (int i = 0; i < 31; i++) {
            attempts.add(Map.of("email", ConsoleHarness.email("spray"), "password", "wrong"));
        }
        List<Page> answers = burst(attempts);
        assertThat(answers).allSatisfy(answer -> assertThat(answer.status()).isEqualTo(302));
        long evaluated = answers.stream().filter(a -> location(a).endsWith("/signin?error")).count();
        // The harness allows 20 attempts per address.
        assertThat(evaluated).isLessThanOrEqualTo(20);
        assertThat(answers.stream().filter(a -> location(a).contains("/signin?locked=")).count())
                .isEqualTo(31 - evaluated);
    }

    @Test
    void aSuccessfulSignInGivesTheAddressItsSlotBack() {
        String email = ConsoleHarness.email("regular");
        harness.browser().signUp("Regular Co", "Reg", email, PASSWORD);
        // More successful sign-ins than the address allows attempts: none of them counts against the address.
        for (int i = 0; i < 25; i++) {
            assertThat(harness.browser().signIn(email, PASSWORD).path()).isEqualTo("/");
        }
        assertThat(harness.db().sql("select failures from sign_in_failures where subject = 'address:127.0.0.1'")
                .query(Integer.class).single()).isZero();
    }

    /** Posts every attempt at once, each from its own browser with its own CSRF token; the answers unfollowed. */
    private List<Page> burst(List<Map<String, String>> attempts) throws Exception {
        List<Browser> browsers = new ArrayList<>();
        List<String> tokens = new ArrayList<>();
        for (int i = 0; i < attempts.size(); i++) {
            Browser browser = harness.browser();
            browsers.add(browser);
            tokens.add(browser.get("/signin").input("_csrf").orElseThrow());
        }
        ExecutorService pool = Executors.newFixedThreadPool(attempts.size());
        try {
            CountDownLatch start = new CountDownLatch(1);
            List<Future<Page>> futures = new ArrayList<>();
            for (int i = 0; i < attempts.size(); i++) {
                Map<String, String> fields = new java.util.LinkedHashMap<>(attempts.get(i));
                fields.put("_csrf", tokens.get(i));
                Browser browser = browsers.get(i);
                futures.add(pool.submit(() -> {
                    start.await();
                    return browser.postRawOnce("/signin", fields);
                }));
            }
            start.countDown();
            List<Page> answers = new ArrayList<>();
            for (Future<Page> future : futures) {
                answers.add(future.get());
            }
            return answers;
        } finally {
            pool.shutdownNow();
        }
    }

    private static String location(Page page) {
        return page.headers().getOrDefault("location", "");
    }

    private long auditCount(String email, String outcome) {
        return harness.db().sql("""
                select count(*) from audit_log where tenant_id = ? and action = 'member.sign_in' and outcome = ?""")
                .params(harness.tenantOf(email).value(), outcome).query(Long.class).single();
    }
}
