package dev.adsbridge.sandbox.store;

import java.util.List;

/**
 * A fake Facebook user. {@code id} is app-scoped, as Meta gives apps. {@code adAccountIds} are {@code act_…} ids the
 * user can use; {@code pageIds} the pages they manage.
 */
public record FbUser(String id, String name, String email, List<String> adAccountIds, List<String> pageIds) {

    public FbUser {
        adAccountIds = List.copyOf(adAccountIds);
        pageIds = List.copyOf(pageIds);
    }
}
