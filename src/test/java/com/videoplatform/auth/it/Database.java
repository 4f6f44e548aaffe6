package com.videoplatform.auth.it;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.List;

/**
 * The database of the server under test (the build's it.db.url), opened directly as an operator
 * would, to change it behind the service's back. The default H2 file is shared with the server
 * through H2's AUTO_SERVER mode.
 */
final class Database {

    private Database() {}

    /** Removes a user's rows (videos, credentials, profile) as an operator with SQL would. */
    static void deleteUser(long userId) {
        try (Connection c = DriverManager.getConnection(
                System.getProperty("it.db.url"),
                System.getProperty("it.db.user"),
                System.getProperty("it.db.password"))) {
            c.setAutoCommit(false);
            for (String sql : List.of(
                    "delete from video where owner_id = ?",
                    "delete from user_login where user_id = ?",
                    "delete from user_info where id = ?")) {
                try (PreparedStatement delete = c.prepareStatement(sql)) {
                    delete.setLong(1, userId);
                    delete.executeUpdate();
                }
            }
            c.commit();
        } catch (SQLException e) {
            throw new IllegalStateException("Cannot change the test database", e);
        }
    }
}
