package dev.adsbridge.console.tenancy;

import dev.adsbridge.console.SqlTime;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** Tenants and members. Every read of a member is scoped by tenant, except the sign-in look-up by e-mail. */
@Repository
class MemberRepository {

    private static final String MEMBER_COLUMNS = """
            select m.id, m.tenant_id, t.name as tenant_name, m.email, m.name, m.role, m.created_at
            from members m join tenants t on t.id = m.tenant_id
            """;

    private final JdbcClient jdbc;

    MemberRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    void insertTenant(TenantId id, String name, Instant now) {
        jdbc.sql("insert into tenants (id, name, created_at) values (?, ?, ?)")
                .params(id.value(), name, SqlTime.of(now))
                .update();
    }

    void insertMember(MemberId id, TenantId tenant, String email, String name, String passwordHash, Role role,
            Instant now) {
        jdbc.sql("""
                insert into members (id, tenant_id, email, name, password_hash, role, created_at)
                values (?, ?, ?, ?, ?, ?, ?)""")
                .params(id.value(), tenant.value(), normalize(email), name, passwordHash, role.name(),
                        SqlTime.of(now))
                .update();
    }

    boolean emailTaken(String email) {
        return jdbc.sql("select count(*) from members where email = ?")
                .param(normalize(email))
                .query(Integer.class)
                .single() > 0;
    }

    Optional<Member> find(TenantId tenant, MemberId id) {
        return jdbc.sql(MEMBER_COLUMNS + " where m.tenant_id = ? and m.id = ?")
                .params(tenant.value(), id.value())
                .query(MemberRepository::member)
                .optional();
    }

    List<Member> all(TenantId tenant) {
        return jdbc.sql(MEMBER_COLUMNS + " where m.tenant_id = ? order by m.created_at, m.email")
                .param(tenant.value())
                .query(MemberRepository::member)
                .list();
    }

    List<Member> withRole(TenantId tenant, Role role) {
        return jdbc.sql(MEMBER_COLUMNS + " where m.tenant_id = ? and m.role = ? order by m.created_at")
                .params(tenant.value(), role.name())
                .query(MemberRepository::member)
                .list();
    }

    void updateRole(TenantId tenant, MemberId id, Role role) {
        jdbc.sql("update members set role = ? where tenant_id = ? and id = ?")
                .params(role.name(), tenant.value(), id.value())
                .update();
    }

    void delete(TenantId tenant, MemberId id) {
        jdbc.sql("delete from members where tenant_id = ? and id = ?")
                .params(tenant.value(), id.value())
                .update();
    }

    /** The one look-up not scoped by tenant: sign-in knows only the e-mail address. */
    Optional<SignInAccount> signInAccount(String email) {
        return jdbc.sql("select id, tenant_id, email, password_hash, role from members where email = ?")
                .param(normalize(email))
                .query((rs, n) -> new SignInAccount(
                        new MemberId(rs.getObject("id", java.util.UUID.class)),
                        new TenantId(rs.getObject("tenant_id", java.util.UUID.class)),
                        rs.getString("email"),
                        rs.getString("password_hash"),
                        Role.valueOf(rs.getString("role"))))
                .optional();
    }

    Optional<String> tenantName(TenantId tenant) {
        return jdbc.sql("select name from tenants where id = ?")
                .param(tenant.value())
                .query(String.class)
                .optional();
    }

    static String normalize(String email) {
        return email.strip().toLowerCase(Locale.ROOT);
    }

    private static Member member(ResultSet rs, int row) throws SQLException {
        return new Member(
                new MemberId(rs.getObject("id", java.util.UUID.class)),
                new TenantId(rs.getObject("tenant_id", java.util.UUID.class)),
                rs.getString("tenant_name"),
                rs.getString("email"),
                rs.getString("name"),
                Role.valueOf(rs.getString("role")),
                SqlTime.requiredInstant(rs, "created_at"));
    }
}
