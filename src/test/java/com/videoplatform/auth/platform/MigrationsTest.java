package com.videoplatform.auth.platform;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import org.flywaydb.core.Flyway;
import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.Test;

/** The migrations run outside any server (Flyway needs no Jackson), enforce one account per mobile and keep accounts enabled. */
class MigrationsTest {

    @Test
    void migrationsCreateTheSchemaWithAUniqueMobile() throws Exception {
        JdbcDataSource h2 = new JdbcDataSource();
        h2.setURL("jdbc:h2:mem:migrations;DB_CLOSE_DELAY=-1");
        Migrations migrations = new Migrations();
        migrations.dataSource = h2;
        migrations.migrate();
        migrations.migrate(); // a second start applies nothing and fails nothing

        try (Connection c = DriverManager.getConnection("jdbc:h2:mem:migrations");
                Statement s = c.createStatement()) {
            s.executeUpdate(
                    "insert into user_info (mobile, nickname, roles, created_at) values ('13800000000', 'a', 'user', current_timestamp)");
            SQLException duplicate = assertThrows(
                    SQLException.class,
                    () -> s.executeUpdate(
                            "insert into user_info (mobile, nickname, roles, created_at) values ('13800000000', 'b', 'user', current_timestamp)"));
            assertEquals("23", duplicate.getSQLState().substring(0, 2));
            var rs = s.executeQuery(
                    "select count(*) from \"flyway_schema_history\" where \"success\" and \"version\" = '1'");
            rs.next();
            assertEquals(1, rs.getInt(1));
        }
    }

    @Test
    void existingAccountsStayEnabledWhenTheStateColumnArrives() throws Exception {
        JdbcDataSource h2 = new JdbcDataSource();
        h2.setURL("jdbc:h2:mem:account-state;DB_CLOSE_DELAY=-1");
        Flyway.configure()
                .dataSource(h2)
                .locations("classpath:db/migration/standard")
                .target("2")
                .load()
                .migrate();
        try (Connection c = h2.getConnection();
                Statement s = c.createStatement()) {
            s.executeUpdate(
                    "insert into user_info (id, mobile, nickname, roles, created_at) values (7, '13800000007', 'a', 'user', current_timestamp)");
            s.executeUpdate("insert into user_login (user_id, mobile, password_hash) values (7, '13800000007', 'x')");
        }
        Migrations migrations = new Migrations();
        migrations.dataSource = h2;
        migrations.migrate();
        try (Connection c = h2.getConnection();
                Statement s = c.createStatement()) {
            var rs = s.executeQuery("select enabled from user_login where user_id = 7");
            assertTrue(rs.next());
            assertTrue(rs.getBoolean(1));
            s.executeUpdate(
                    "insert into user_info (id, mobile, nickname, roles, created_at) values (8, '13800000008', 'b', 'user', current_timestamp)");
            s.executeUpdate("insert into user_login (user_id, mobile, password_hash) values (8, '13800000008', 'x')");
            rs = s.executeQuery("select enabled from user_login where user_id = 8");
            assertTrue(rs.next());
            assertTrue(rs.getBoolean(1), "a new account is enabled");
        }
    }
}
