package dev.adsbridge.console.ads;

import dev.adsbridge.console.SqlTime;
import dev.adsbridge.console.tenancy.MemberId;
import dev.adsbridge.console.tenancy.TenantId;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.annotation.Transactional;

/** The ad accounts each tenant chose; every query is scoped by tenant. */
@Repository
class ChosenAdAccountRepository {

    private final JdbcClient jdbc;

    ChosenAdAccountRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    List<ChosenAdAccount> all(TenantId tenant) {
        return jdbc.sql("""
                select connection_id, ad_account_id, name, currency, chosen_at from chosen_ad_accounts
                where tenant_id = ? order by name, ad_account_id""")
                .param(tenant.value())
                .query((rs, n) -> new ChosenAdAccount(rs.getObject("connection_id", UUID.class),
                        rs.getString("ad_account_id"), rs.getString("name"), rs.getString("currency"),
                        SqlTime.requiredInstant(rs, "chosen_at")))
                .list();
    }

    List<ChosenAdAccount> ofConnection(TenantId tenant, UUID connectionId) {
        return all(tenant).stream().filter(a -> a.connectionId().equals(connectionId)).toList();
    }

    @Transactional
    public void replace(TenantId tenant, UUID connectionId, List<AdAccount> accounts, MemberId by, Instant now) {
        deleteConnection(tenant, connectionId);
        for (AdAccount account : accounts) {
            jdbc.sql("""
                    insert into chosen_ad_accounts (tenant_id, connection_id, ad_account_id, name, currency, chosen_at,
                        chosen_by)
                    values (?, ?, ?, ?, ?, ?, ?)""")
                    .params(tenant.value(), connectionId, account.id(), account.name(), account.currency(),
                            SqlTime.of(now), by.value())
                    .update();
        }
    }

    void deleteConnection(TenantId tenant, UUID connectionId) {
        jdbc.sql("delete from chosen_ad_accounts where tenant_id = ? and connection_id = ?")
                .params(tenant.value(), connectionId)
                .update();
    }
}
