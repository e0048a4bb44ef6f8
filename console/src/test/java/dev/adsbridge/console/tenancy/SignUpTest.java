package dev.adsbridge.console.tenancy;

import static dev.adsbridge.console.support.ConsoleHarness.PASSWORD;
import static org.assertj.core.api.Assertions.assertThat;

import dev.adsbridge.console.MailOutbox;
import dev.adsbridge.console.Secrets;
import dev.adsbridge.console.support.Browser;
import dev.adsbridge.console.support.ConsoleHarness;
import dev.adsbridge.console.support.Page;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/**
 * Sign-up proves the address by mail: every address gets the same answer ("check your inbox"), a new one a single-use
 * link that creates the account and signs in, a taken one a note. Production answers 404 at the dev outbox.
 */
class SignUpTest {

    private static final String OTHER_PASSWORD = "another long passphrase 7";

    private final ConsoleHarness harness = ConsoleHarness.shared();

    /** What a fresh browser sees when it submits the sign-up form: the POST's answer and the page it leads to. */
    private record Answer(Page post, Page next) {
    }

    private Answer signUpAs(String email) {
        Browser browser = harness.browser();
        browser.get("/signup");
        Page post = browser.postOnce("/signup", Map.of("company", "Same Co", "name", "Sam",
                "email", email, "password", OTHER_PASSWORD));
        String location = post.headers().get("location");
        return new Answer(post, location == null ? null : browser.getOnce(location));
    }

    @Test
    void aNewAndATakenAddressGetByteIdenticalAnswers() {
        ConsoleHarness.Signed owner = harness.owner("First Co");
        String fresh = ConsoleHarness.email("fresh");
        long tenants = harness.count("tenants");

        Answer taken = signUpAs(owner.email());
        Answer created = signUpAs(fresh);

        // The POST: same status, same Location, same headers (cookies included), same (empty) body.
        assertThat(taken.post().status()).isEqualTo(created.post().status()).isEqualTo(302);
        assertThat(taken.post().headers().get("location")).isEqualTo(created.post().headers().get("location"))
                .endsWith("/signup/sent");
        assertThat(headers(taken.post())).isEqualTo(headers(created.post()));
        assertThat(taken.post().headers()).doesNotContainKey("set-cookie");
        assertThat(taken.post().body()).isEqualTo(created.post().body());
        // The page it leads to: the same, but for the address it names.
        assertThat(taken.next().status()).isEqualTo(created.next().status()).isEqualTo(200);
        assertThat(headers(taken.next())).isEqualTo(headers(created.next()));
        assertThat(taken.next().body()).contains("Check your inbox")
                .contains("We sent a link to <strong>" + owner.email() + "</strong>");
        assertThat(created.next().body()).contains("We sent a link to <strong>" + fresh + "</strong>");
        assertThat(masked(taken.next(), owner.email())).isEqualTo(masked(created.next(), fresh));
        assertThat(taken.next().body()).as("production shows no outbox link").doesNotContain("/dev/mail");

        // Nothing is created until the link is used; the taken address keeps its owner's password.
        assertThat(harness.count("tenants")).isEqualTo(tenants);
        assertThat(harness.db().sql("select count(*) from members where email = ?").param(fresh)
                .query(Long.class).single()).isZero();
        // The attempt on the taken address is stored too (same write, same cost), used from the start, no password.
        assertThat(harness.db().sql("""
                        select count(*) from sign_up_confirmations
                        where email = ? and tenant_name = 'Same Co' and used_at is not null and password_hash = ''""")
                .param(owner.email()).query(Long.class).single()).isEqualTo(1);
        assertThat(harness.browser().signIn(owner.email(), OTHER_PASSWORD).path()).isEqualTo("/signin?error");
        assertThat(harness.browser().signIn(owner.email(), PASSWORD).path()).isEqualTo("/");

        // The mails are what differ: a sign-in note for the taken address, a confirmation link for the new one.
        List<MailOutbox.Mail> note = harness.mailsTo(owner.email());
        assertThat(note.get(0).subject()).isEqualTo("Someone tried to sign up to AdsBridge with your address");
        assertThat(note.get(0).links()).containsExactly(harness.baseUrl + "/signin");
        List<MailOutbox.Mail> link = harness.mailsTo(fresh);
        assertThat(link).hasSize(1);
        assertThat(link.get(0).subject()).isEqualTo("Confirm your AdsBridge sign-up");
        assertThat(link.get(0).text()).contains("within 30 minutes");
        assertThat(link.get(0).links()).singleElement().asString().startsWith(harness.baseUrl + "/signup/confirm/");
    }

    @Test
    void aWeakPasswordIsRefusedAlikeForANewAndATakenAddress() {
        ConsoleHarness.Signed owner = harness.owner("Weak Co");
        String fresh = ConsoleHarness.email("weak");
        Page taken = harness.browser().postOnce("/signup", Map.of("company", "W", "name", "W",
                "email", owner.email(), "password", "password1234"));
        Page created = harness.browser().postOnce("/signup", Map.of("company", "W", "name", "W",
                "email", fresh, "password", "password1234"));
        assertThat(taken.status()).isEqualTo(created.status()).isEqualTo(200);
        assertThat(masked(taken, owner.email())).isEqualTo(masked(created, fresh))
                .contains("This password is too easy to guess");
        assertThat(harness.mailsTo(fresh)).isEmpty();
    }

    @Test
    void answersTakeAboutAsLongForATakenAddressAsForANewOne() {
        // One taken address per attempt, as for the new ones: an address gets only a few sign-up mails an hour.
        List<String> owners = new ArrayList<>();
        for (int i = 0; i < 7; i++) {
            owners.add(harness.owner("Timing Co " + i).email());
        }
        List<Long> taken = new ArrayList<>();
        List<Long> created = new ArrayList<>();
        for (int i = 0; i < 7; i++) { // alternating which goes first
            if (i % 2 == 0) {
                taken.add(timed(owners.get(i)));
                created.add(timed(ConsoleHarness.email("timing")));
            } else {
                created.add(timed(ConsoleHarness.email("timing")));
                taken.add(timed(owners.get(i)));
            }
        }
        long takenMedian = median(taken);
        long createdMedian = median(created);
        System.out.printf("sign-up answer, median of 7: taken address %d ms, new address %d ms%n", takenMedian,
                createdMedian);
        // Both hash the password (bcrypt, most of the time) and send one mail; the new one also stores a row.
        assertThat(Math.abs(takenMedian - createdMedian)).as("taken %d ms, new %d ms", takenMedian, createdMedian)
                .isLessThan(Math.max(50, Math.min(takenMedian, createdMedian) / 2));
    }

    private long timed(String email) {
        Browser browser = harness.browser();
        Map<String, String> form = new java.util.HashMap<>(Map.of("company", "Timing Co", "name", "Tim",
                "email", email, "password", OTHER_PASSWORD));
        form.put("_csrf", browser.get("/signup").input("_csrf").orElseThrow());
        long start = System.nanoTime();
        Page answer = browser.postRawOnce("/signup", form);
        long took = (System.nanoTime() - start) / 1_000_000;
        assertThat(answer.status()).isEqualTo(302);
        return took;
    }

    private static long median(List<Long> values) {
        List<Long> sorted = values.stream().sorted().toList();
        return sorted.get(sorted.size() / 2);
    }

    /**
     * Repeated sign-ups cannot flood an inbox: an address gets 3 sign-up mails an hour (links or notes), bursts in
     * parallel included; further sign-ups get the same answer and no mail, for a taken address as for a new one. The
     * window ends and mails flow again.
     */
    @Test
    void anAddressGetsAtMostThreeSignUpMailsAnHourEvenInParallel() throws Exception {
        String fresh = ConsoleHarness.email("flood");
        String taken = harness.owner("Flood Co").email();
        for (String email : List.of(fresh, taken)) {
            List<java.util.concurrent.Future<Answer>> answers = new ArrayList<>();
            var pool = java.util.concurrent.Executors.newFixedThreadPool(8);
            try {
                for (int i = 0; i < 8; i++) {
                    answers.add(pool.submit(() -> signUpAs(email)));
                }
            } finally {
                pool.shutdown();
            }
            for (var answer : answers) {
                assertThat(answer.get().post().status()).isEqualTo(302);
                assertThat(answer.get().post().headers().get("location")).endsWith("/signup/sent");
            }
            // The taken address's first mail was the link that created its account.
            assertThat(harness.mailsTo(email)).as("mails to %s", email).hasSize(3);
        }
        harness.clock.advance(Duration.ofMinutes(61));
        try {
            assertThat(signUpAs(fresh).post().headers().get("location")).endsWith("/signup/sent");
            assertThat(harness.mailsTo(fresh)).hasSize(4);
        } finally {
            harness.clock.reset();
        }
    }

    /** The hourly clean-up forgets confirmations a day past their expiry and mail counts whose window is over. */
    @Test
    void theCleanUpTaskForgetsOldConfirmationsAndMailCounts() {
        String email = ConsoleHarness.email("cleanup");
        assertThat(signUpAs(email).post().status()).isEqualTo(302);
        String rows = "select count(*) from sign_up_confirmations where email = ?";
        String counts = "select count(*) from sign_up_mail_quota where email = ?";
        assertThat(harness.db().sql(rows).param(email).query(Long.class).single()).isEqualTo(1);
        assertThat(harness.db().sql(counts).param(email).query(Long.class).single()).isEqualTo(1);

        SignUpConfirmationRepository confirmations = harness.console.getBean(SignUpConfirmationRepository.class);
        SignUpProperties settings = harness.console.getBean(SignUpProperties.class);
        SignUpCleanupTask.cleanUp(confirmations, settings, java.time.Instant.now());
        assertThat(harness.db().sql(rows).param(email).query(Long.class).single()).as("still valid").isEqualTo(1);
        assertThat(harness.db().sql(counts).param(email).query(Long.class).single()).as("window open").isEqualTo(1);

        SignUpCleanupTask.cleanUp(confirmations, settings, java.time.Instant.now().plus(Duration.ofDays(2)));
        assertThat(harness.db().sql(rows).param(email).query(Long.class).single()).isZero();
        assertThat(harness.db().sql(counts).param(email).query(Long.class).single()).isZero();
    }

    @Test
    void theMailedLinkCreatesTheAccountAndSignsInOnceStoredOnlyAsAHash() {
        Browser browser = harness.browser();
        String email = ConsoleHarness.email("linked");
        long tenants = harness.count("tenants");
        Page sent = browser.requestSignUp("Linked Co", "Lin Ked", email, PASSWORD);
        assertThat(sent.path()).isEqualTo("/signup/sent");
        assertThat(sent.body()).contains("We sent a link to <strong>" + email + "</strong>");

        String link = harness.signUpLink(email);
        String secret = link.substring(link.lastIndexOf('/') + 1);
        assertThat(harness.db().sql("select count(*) from sign_up_confirmations where secret_hash = ?")
                .param(secret).query(Long.class).single()).as("the secret itself is not stored").isZero();
        assertThat(harness.db().sql("select count(*) from sign_up_confirmations where secret_hash = ?")
                .param(Secrets.hash(secret)).query(Long.class).single()).isEqualTo(1);

        // Opening the link shows what it creates, behind a button (mail scanners open links; they do not press).
        Page confirmation = browser.get(link);
        assertThat(confirmation.status()).isEqualTo(200);
        assertThat(confirmation.body()).contains("Linked Co").contains(email).contains("Create account and sign in");
        assertThat(harness.count("tenants")).isEqualTo(tenants);

        Page welcome = browser.post(link, Map.of());
        assertThat(welcome.path()).isEqualTo("/?welcome");
        assertThat(welcome.status()).isEqualTo(200);
        assertThat(welcome.contains("Your account is ready and you are signed in")).as(welcome.body()).isTrue();
        assertThat(browser.get("/team").body()).contains("Lin Ked").contains("Linked Co");
        assertThat(harness.tenantOf(email)).isNotNull();
        assertThat(harness.count("tenants")).isEqualTo(tenants + 1);
        assertThat(harness.db().sql("select password_hash from sign_up_confirmations where secret_hash = ?")
                .param(Secrets.hash(secret)).query(String.class).single())
                .as("a used link keeps no copy of the password hash").isEmpty();
        // The password chosen at sign-up is the account's.
        assertThat(harness.browser().signIn(email, PASSWORD).path()).isEqualTo("/");

        // The link works once.
        Browser other = harness.browser();
        Page used = other.get(link);
        assertThat(used.status()).isEqualTo(410);
        assertThat(used.body()).contains("This sign-up link was already used").doesNotContain("Create account and");
        Page usedAgain = other.post(link, Map.of());
        assertThat(usedAgain.status()).isEqualTo(410);
        assertThat(usedAgain.path()).isEqualTo(link.substring(harness.baseUrl.length()));
        assertThat(other.get("/").path()).as("not signed in").isEqualTo("/signin");
        assertThat(harness.count("tenants")).isEqualTo(tenants + 1);
    }

    @Test
    void anExpiredLinkIsRefusedWithAClearPageAndCreatesNothing() {
        Browser browser = harness.browser();
        String email = ConsoleHarness.email("expired");
        browser.requestSignUp("Late Co", "Lat E", email, PASSWORD);
        String link = harness.signUpLink(email);
        harness.clock.advance(Duration.ofMinutes(31));
        try {
            Page expired = browser.get(link);
            assertThat(expired.status()).isEqualTo(410);
            assertThat(expired.body()).contains("This sign-up link has expired (links work for 30 minutes). "
                    + "Sign up again to get a new one.");
            assertThat(browser.post(link, Map.of()).status()).isEqualTo(410);
        } finally {
            harness.clock.reset();
        }
        assertThat(harness.db().sql("select count(*) from members where email = ?").param(email)
                .query(Long.class).single()).isZero();
        // Signing up again mails a new link that works.
        Page welcome = browser.signUp("Late Co", "Lat E", email, PASSWORD);
        assertThat(welcome.path()).isEqualTo("/?welcome");
    }

    @Test
    void anUnknownLinkIs404AndALinkForAnAddressTakenMeanwhileIsRefused() {
        Page unknown = harness.browser().get("/signup/confirm/not-a-real-secret");
        assertThat(unknown.status()).isEqualTo(404);
        assertThat(unknown.body()).contains("This sign-up link is not valid");

        // Two sign-ups for one address: the first link used wins, the other is refused and creates nothing.
        String email = ConsoleHarness.email("twice");
        Browser first = harness.browser();
        first.requestSignUp("Twice Co", "One", email, PASSWORD);
        String firstLink = harness.signUpLink(email);
        Browser second = harness.browser();
        second.requestSignUp("Twice Again Co", "Two", email, PASSWORD);
        String secondLink = harness.signUpLink(email);
        assertThat(secondLink).isNotEqualTo(firstLink);
        assertThat(second.confirmSignUp(secondLink).path()).isEqualTo("/?welcome");
        Page refused = first.post(firstLink, Map.of());
        assertThat(refused.status()).isEqualTo(409);
        assertThat(refused.body()).contains("This e-mail address already has an account: sign in instead.");
        assertThat(harness.db().sql("select count(*) from members where email = ?").param(email)
                .query(Long.class).single()).isEqualTo(1);
    }

    @Test
    void productionAnswers404AtTheDevOutboxSignedOutAndSignedIn() {
        ConsoleHarness.Signed owner = harness.owner("Outbox Co");
        assertThat(harness.mailsTo(owner.email())).as("the test outbox holds the mail").isNotEmpty();
        Page signedOut = harness.browser().getOnce("/dev/mail");
        assertThat(signedOut.status()).isEqualTo(404);
        assertThat(signedOut.body()).doesNotContain("signup/confirm").doesNotContain(owner.email());
        Page signedIn = owner.browser().getOnce("/dev/mail");
        assertThat(signedIn.status()).isEqualTo(404);
        assertThat(signedIn.body()).doesNotContain("signup/confirm");
    }

    /**
     * Response headers without Date (it may tick between the two answers), X-Request-Id (new for every request) and
     * Content-Length (the addresses differ in length; the bodies are compared with the address masked).
     */
    private static Map<String, String> headers(Page page) {
        Map<String, String> headers = new TreeMap<>(page.headers());
        headers.remove("date");
        headers.remove("x-request-id");
        headers.remove("content-length");
        return headers;
    }

    /** The body with the address and the CSRF token (new per session) masked. */
    private static String masked(Page page, String email) {
        return page.body().replace(email, "ADDRESS")
                .replaceAll("<(input|meta)[^>]*_csrf\"[^>]*>", "<csrf>");
    }
}
