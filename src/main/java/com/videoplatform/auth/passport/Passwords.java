package com.videoplatform.auth.passport;

import com.videoplatform.auth.audit.AuditLog;
import com.videoplatform.auth.platform.Setting;
import com.videoplatform.auth.platform.http.ApiException;
import com.videoplatform.auth.platform.http.ClientInfo;
import com.videoplatform.auth.token.Caller;
import com.videoplatform.auth.token.TokenService;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import jakarta.security.enterprise.identitystore.Pbkdf2PasswordHash;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Password hashing with the platform's {@link Pbkdf2PasswordHash}: PBKDF2-HMAC-SHA256, 600,000
 * iterations by default (OWASP), 128-bit salt. Hashes name their algorithm and iterations
 * ({@code PBKDF2WithHmacSHA256:600000:salt:hash}), so raising {@code AUTH_PASSWORD_ITERATIONS}
 * upgrades each user's hash at their next login.
 */
@ApplicationScoped
public class Passwords {

    static final String ALGORITHM = "PBKDF2WithHmacSHA256";
    static final int MIN_ITERATIONS = 600_000;

    @Inject
    Pbkdf2PasswordHash hasher;

    int iterations;

    @Inject
    Users users;

    @Inject
    LoginThrottle throttle;

    @Inject
    TokenService tokens;

    @Inject
    Caller caller;

    @Inject
    ClientInfo client;

    @Inject
    AuditLog audit;

    private PasswordPolicy policy;
    /** Verified against when the mobile is unknown, so that such a login costs what a wrong password costs. */
    private String decoy;

    @PostConstruct
    void init() {
        iterations = Math.toIntExact(Setting.atLeast("AUTH_PASSWORD_ITERATIONS", MIN_ITERATIONS, MIN_ITERATIONS)
                .get());
        hasher.initialize(Map.of(
                "Pbkdf2PasswordHash.Algorithm",
                ALGORITHM,
                "Pbkdf2PasswordHash.Iterations",
                Integer.toString(iterations),
                "Pbkdf2PasswordHash.SaltSizeBytes",
                "16",
                "Pbkdf2PasswordHash.KeySizeBytes",
                "32"));
        policy = PasswordPolicy.load();
        decoy = hash(TokenService.newId());
    }

    void start(@Observes @Initialized(ApplicationScoped.class) Object ignored) {
        // instantiated at deployment, so that a bad iteration count fails the deployment, not the first login
    }

    public List<ApiException.FieldError> check(String field, String password, String mobile) {
        return policy.check(field, password, mobile);
    }

    public String hash(String password) {
        return hasher.generate(password.toCharArray());
    }

    /** Checks a password against a stored hash, or against the decoy when there is none: same cost either way. */
    public boolean matches(String password, Optional<String> hash) {
        boolean ok = hasher.verify(password.toCharArray(), hash.orElse(decoy));
        return ok && hash.isPresent();
    }

    /** A stored hash made with weaker parameters than the configured ones. */
    public boolean isOutdated(String hash) {
        String[] parts = hash.split(":");
        try {
            return parts.length != 4 || !parts[0].equals(ALGORITHM) || Integer.parseInt(parts[1]) < iterations;
        } catch (NumberFormatException e) {
            return true;
        }
    }

    /** Changes the caller's password after checking the current one; every session of the user ends. */
    public void change(String currentPassword, String newPassword) {
        UserLogin login = users.active(caller.userId());
        // counted before the check, like a login; given back unless the current password was checked and wrong
        throttle.reserve(login.getMobile(), client.ip());
        boolean matches;
        try {
            List<ApiException.FieldError> errors = new ArrayList<>();
            if (currentPassword == null) {
                errors.add(new ApiException.FieldError("currentPassword", "Fill this in."));
            }
            errors.addAll(check("newPassword", newPassword, login.getMobile()));
            if (!errors.isEmpty()) {
                throw ApiException.invalid(errors);
            }
            matches = matches(currentPassword, Optional.of(login.getPasswordHash()));
        } catch (RuntimeException e) {
            throttle.refund(login.getMobile(), client.ip());
            throw e;
        }
        if (!matches) {
            audit.write(
                    audit.failure("password.change").mobile(login.getMobile()).reason("WRONG_PASSWORD"));
            throw ApiException.invalid("currentPassword", "This is not your current password.");
        }
        throttle.refund(login.getMobile(), client.ip());
        users.changePassword(caller.userId(), hash(newPassword));
        tokens.endAll(caller.userId());
        audit.write(audit.success("password.change").mobile(login.getMobile()));
    }
}
