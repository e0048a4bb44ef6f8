package dev.adsbridge.sandbox.insights;

import dev.adsbridge.meta.Currencies;
import dev.adsbridge.sandbox.store.Node;

import java.time.DateTimeException;
import java.time.ZoneId;
import java.time.ZoneOffset;

/** What insights need of the ad account: its ids, name, currency (and its decimals) and time zone. */
record AccountInfo(String id, String accountId, String name, String currency, int minorPerMajor, ZoneId zone) {

    static AccountInfo of(Node account) {
        String currency = account.getString("currency") == null ? "USD" : account.getString("currency");
        ZoneId zone;
        try {
            String name = account.getString("timezone_name");
            zone = name == null ? ZoneOffset.UTC : ZoneId.of(name);
        } catch (DateTimeException e) {
            zone = ZoneOffset.UTC;
        }
        return new AccountInfo(account.id(), account.id().substring(4), account.getString("name"), currency,
                Currencies.offset(currency), zone);
    }

    /** Digits after the decimal point in money amounts: 0 for JPY, KRW…, 2 otherwise. */
    int decimals() {
        return minorPerMajor == 1 ? 0 : 2;
    }
}
