package dev.adsbridge.console.tenancy;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * How sign-up proves an e-mail address ({@code adsbridge.console.sign-up.*}).
 *
 * @param verifyEmail  {@code true} (the default): sign-up answers every address alike ("check your inbox") and mails
 *                     a confirmation link, so it never tells whether an address has an account; needs SMTP in
 *                     production ({@code spring.mail.host}). {@code false}: a new address is signed in at once and a
 *                     taken one is sent to the sign-in page, which tells an onlooker whether the address is registered
 *                     (the trade-off for running without mail)
 * @param linkLifetime how long a confirmation link works (single use)
 * @param mailsPerAddress how many sign-up mails one address gets per {@code mailWindow}; further sign-ups to it get
 *                     the same answer and no mail, so repeated sign-ups cannot flood someone's inbox
 * @param mailWindow   the window of {@code mailsPerAddress}
 */
@ConfigurationProperties("adsbridge.console.sign-up")
public record SignUpProperties(
        @DefaultValue("true") boolean verifyEmail,
        @DefaultValue("30m") Duration linkLifetime,
        @DefaultValue("3") int mailsPerAddress,
        @DefaultValue("1h") Duration mailWindow) {

    public SignUpProperties {
        if (linkLifetime.isNegative() || linkLifetime.isZero()) {
            throw new IllegalArgumentException("adsbridge.console.sign-up.link-lifetime must be positive");
        }
        if (mailsPerAddress < 1) {
            throw new IllegalArgumentException("adsbridge.console.sign-up.mails-per-address must be at least 1");
        }
        if (mailWindow.isNegative() || mailWindow.isZero()) {
            throw new IllegalArgumentException("adsbridge.console.sign-up.mail-window must be positive");
        }
    }
}
