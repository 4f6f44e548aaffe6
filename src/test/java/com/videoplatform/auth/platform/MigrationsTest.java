package com.videoplatform.auth.platform;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.Test;

/** The migrations run outside any server (Flyway needs no Jackson) and enforce one account per mobile. */
class MigrationsTest {

    @Test
    void migrationsCreateTheSchemaWithAUniqueMobile() throws Exception {
        JdbcDataSource h2 = new JdbcDataSource();
        h2.setURL("jdbc:h2:mem:migrations;DB_CLOSE_DELAY=-1");
        Migrations migrations = new Migrations();
        migrations.dataSource = h2;
        migrations.migrate();
        migrations.migrate(); // a second start applies nothing and fails nothing

        try (Connection c = DriverManager.getConnection("jdbc:h2:mem:migrations"); Statement s = c.createStatement()) {
            s.executeUpdate("insert into user_info (mobile, nickname, roles, created_at) values ('13800000000', 'a', 'user', current_timestamp)");
            SQLException duplicate = assertThrows(SQLException.class, () -> s.executeUpdate(
                    "insert into user_info (mobile, nickname, roles, created_at) values ('13800000000', 'b', 'user', current_timestamp)"));
            assertEquals("23", duplicate.getSQLState().substring(0, 2));
            var rs = s.executeQuery("select count(*) from \"flyway_schema_history\" where \"success\" and \"version\" = '1'");
            rs.next();
            assertEquals(1, rs.getInt(1));
        }
    }
}
