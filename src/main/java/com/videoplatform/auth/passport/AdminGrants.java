package com.videoplatform.auth.passport;

import jakarta.annotation.PostConstruct;
import jakarta.ejb.DependsOn;
import jakarta.ejb.EJB;
import jakarta.ejb.Singleton;
import jakarta.ejb.Startup;
import jakarta.inject.Inject;
import java.util.logging.Logger;

/** At every start, the users listed in {@code AUTH_ADMIN_MOBILES} hold {@code admin} (from their next login). */
@Singleton
@Startup
@DependsOn("Migrations")
public class AdminGrants {

    private static final Logger LOG = Logger.getLogger(AdminGrants.class.getName());

    @EJB
    Users users;

    @Inject
    Roles roles;

    @PostConstruct
    void grant() {
        int changed = users.grantAdmin(roles.adminMobiles());
        if (changed > 0) {
            LOG.info(() -> changed + " user(s) granted admin from AUTH_ADMIN_MOBILES");
        }
    }
}
