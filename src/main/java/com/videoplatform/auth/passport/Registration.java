package com.videoplatform.auth.passport;

import com.videoplatform.auth.audit.AuditLog;
import com.videoplatform.auth.platform.ApiException;
import com.videoplatform.auth.platform.ClientInfo;
import com.videoplatform.auth.platform.ErrorCode;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.validation.Validator;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/** Registration: captcha, field rules, password policy, then one account per mobile. */
@ApplicationScoped
public class Registration {

    public static final String MOBILE_PATTERN = "^1[3-9][0-9]{9}$";

    public record Request(
            @NotNull @Pattern(regexp = MOBILE_PATTERN, message = "must be an 11-digit mainland China mobile number") String mobile,
            @NotNull String password,
            @NotNull String captchaId,
            @NotNull String captchaCode,
            @Size(min = 1, max = 32) @Pattern(regexp = "[^\\p{Cntrl}]*", message = "must not contain control characters")
            String nickname) {
    }

    @Inject
    Captchas captchas;

    @Inject
    Passwords passwords;

    @Inject
    Users users;

    @Inject
    Validator validator;

    @Inject
    AuditLog audit;

    @Inject
    @ConfigProperty(name = "AUTH_ADMIN_MOBILES")
    Optional<String> adminMobiles;

    public UserInfo register(Request request, ClientInfo client) {
        if (request == null) {
            throw ApiException.invalid("body", "must not be empty");
        }
        // the captcha is used up by the first request that names it, whatever happens next
        boolean captchaSolved = request.captchaId() != null && captchas.consume(request.captchaId(), request.captchaCode());
        List<ApiException.FieldError> errors = new ArrayList<>(ApiException.fieldErrors(validator.validate(request)));
        if (request.password() != null) {
            errors.addAll(passwords.check("password", request.password(), request.mobile()));
        }
        try {
            if (!errors.isEmpty()) {
                throw ApiException.invalid(errors);
            }
            if (!captchaSolved) {
                throw new ApiException(ErrorCode.CAPTCHA_INVALID, "The captcha is wrong, expired or already used.");
            }
            String nickname = request.nickname() == null ? request.mobile() : request.nickname();
            UserInfo user = users.create(request.mobile(), nickname, roles(request.mobile()), passwords.hash(request.password()));
            audit.write(AuditLog.success("register", client).user(user.getId()).mobile(user.getMobile()));
            return user;
        } catch (ApiException e) {
            audit.write(AuditLog.failure("register", client).mobile(request.mobile()).reason(e.code().name()));
            throw e;
        }
    }

    Set<String> roles(String mobile) {
        boolean admin = adminMobiles.map(list -> Arrays.stream(list.split(",")).map(String::trim).anyMatch(mobile::equals))
                .orElse(false);
        return admin ? Set.of(UserInfo.USER, UserInfo.ADMIN) : Set.of(UserInfo.USER);
    }
}
