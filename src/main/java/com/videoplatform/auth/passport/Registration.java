package com.videoplatform.auth.passport;

import com.videoplatform.auth.audit.AuditLog;
import com.videoplatform.auth.platform.http.ApiException;
import com.videoplatform.auth.platform.http.ErrorCode;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.validation.Validator;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.util.ArrayList;
import java.util.List;

/** Registration: captcha, field rules, password policy, then one account per mobile. */
@ApplicationScoped
public class Registration {

    public static final String MOBILE_PATTERN = "^1[3-9][0-9]{9}$";

    /** The register body. A class with fields, not a record: Payara's OpenAPI scanner fails on constrained record components. */
    public static class Request {
        @NotNull
        @Pattern(regexp = MOBILE_PATTERN, message = "must be an 11-digit mainland China mobile number")
        public String mobile;

        @NotNull
        public String password;

        @NotNull
        public String captchaId;

        @NotNull
        public String captchaCode;

        @Size(min = 1, max = 32)
        @Pattern(regexp = "[^\\p{Cntrl}]*", message = "must not contain control characters")
        public String nickname;
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
    Roles roles;

    public UserInfo register(Request request) {
        if (request == null) {
            throw ApiException.invalid("body", "must not be empty");
        }
        // the captcha is used up by the first request that names it, whatever happens next
        boolean captchaSolved = request.captchaId != null && captchas.consume(request.captchaId, request.captchaCode);
        List<ApiException.FieldError> errors = new ArrayList<>(ApiException.fieldErrors(validator.validate(request)));
        if (request.password != null) {
            errors.addAll(passwords.check("password", request.password, request.mobile));
        }
        try {
            if (!errors.isEmpty()) {
                throw ApiException.invalid(errors);
            }
            if (!captchaSolved) {
                throw new ApiException(ErrorCode.CAPTCHA_INVALID, "The captcha is wrong, expired or already used.");
            }
            String nickname = request.nickname == null ? request.mobile : request.nickname;
            UserInfo user = users.create(request.mobile, nickname, roles.forNewUser(request.mobile), passwords.hash(request.password));
            audit.write(audit.success("register").user(user.getId()).mobile(user.getMobile()));
            return user;
        } catch (ApiException e) {
            audit.write(audit.failure("register").mobile(request.mobile).reason(e.code().name()));
            throw e;
        }
    }
}
