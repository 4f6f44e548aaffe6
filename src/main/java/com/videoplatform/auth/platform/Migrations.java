package com.videoplatform.auth.platform;

import jakarta.annotation.PostConstruct;
import jakarta.annotation.Resource;
import jakarta.ejb.Singleton;
import jakarta.ejb.Startup;
import jakarta.ejb.TransactionManagement;
import jakarta.ejb.TransactionManagementType;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.Locale;
import java.util.logging.Logger;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;

/**
 * Brings the schema up to date with the versioned migrations under {@code db/migration/<dialect>}
 * ({@code standard} SQL identity columns for H2 and PostgreSQL, {@code mariadb} for MariaDB)
 * before the application serves anything. The data source is the container's pool
 * {@code jdbc/video}, so operators tune it where they tune every other pool.
 */
@Singleton
@Startup
@TransactionManagement(TransactionManagementType.BEAN)
public class Migrations {

    private static final Logger LOG = Logger.getLogger(Migrations.class.getName());

    @Resource(lookup = "jdbc/video")
    DataSource dataSource;

    @PostConstruct
    void migrate() {
        String vendor = vendor();
        var result = Flyway.configure(Migrations.class.getClassLoader())
                .dataSource(dataSource)
                .locations("classpath:db/migration/" + vendor)
                .load()
                .migrate();
        LOG.info(() -> "Database schema (" + vendor + ") at version " + result.targetSchemaVersion + ", "
                + result.migrationsExecuted + " migration(s) applied");
    }

    private String vendor() {
        try (Connection c = dataSource.getConnection()) {
            String product = c.getMetaData().getDatabaseProductName().toLowerCase(Locale.ROOT);
            if (product.contains("h2") || product.contains("postgres")) {
                return "standard";
            }
            if (product.contains("mariadb") || product.contains("mysql")) {
                return "mariadb";
            }
            throw new IllegalStateException("Unsupported database: " + product);
        } catch (SQLException e) {
            throw new IllegalStateException("The database cannot be reached", e);
        }
    }
}
