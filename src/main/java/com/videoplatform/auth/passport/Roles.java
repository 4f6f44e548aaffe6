package com.videoplatform.auth.passport;

import com.videoplatform.auth.platform.Settings;
import com.videoplatform.auth.platform.http.ApiException;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Collection;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/** The roles there are ({@code user}, held by everyone, and {@code admin}) and who is an admin by configuration. */
@ApplicationScoped
public class Roles {

    public static final Set<String> KNOWN = Set.of(UserInfo.USER, UserInfo.ADMIN);

    public List<String> adminMobiles() {
        return Settings.list("AUTH_ADMIN_MOBILES");
    }

    /** The roles of a new user with this mobile. */
    public Set<String> forNewUser(String mobile) {
        return adminMobiles().contains(mobile) ? Set.of(UserInfo.USER, UserInfo.ADMIN) : Set.of(UserInfo.USER);
    }

    /** Roles an admin asked for: known ones only, and {@code user} always. */
    public Set<String> requested(Collection<String> names) {
        if (names == null || names.contains(null)) {
            throw ApiException.invalid("roles", "Send a list of role names.");
        }
        Set<String> roles = new TreeSet<>(names);
        if (!KNOWN.containsAll(roles)) {
            throw ApiException.invalid(
                    "roles", "Use only these roles: " + String.join(", ", new TreeSet<>(KNOWN)) + ".");
        }
        roles.add(UserInfo.USER);
        return roles;
    }
}
