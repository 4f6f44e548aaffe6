package com.videoplatform.auth.passport;

import com.videoplatform.auth.audit.AuditLog;
import com.videoplatform.auth.platform.http.ApiException;
import com.videoplatform.auth.platform.http.ErrorCode;
import com.videoplatform.auth.platform.http.StrictJson;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.validation.Validator;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

/** Registration: captcha, field rules, password policy, then one account per mobile. */
@ApplicationScoped
public class Registration {

    public static final String MOBILE_PATTERN = "^1[3-9][0-9]{9}$";
    static final String CAPTCHA_WRONG =
            "The code does not match the image, or the image has expired. Type the code from the new image.";

    /** The register body. A class with fields, not a record: Payara's OpenAPI scanner fails on constrained record components. */
    @StrictJson.Deferred
    public static class Request {
        @NotNull
        @Pattern(regexp = MOBILE_PATTERN, message = "{passport.mobile}")
        public String mobile;

        @NotNull
        public String password;

        @NotNull
        public String captchaId;

        @NotNull
        public String captchaCode;

        @Size(min = 1, max = 32)
        @Pattern(regexp = "[^\\p{Cntrl}]*", message = "{text.noControl}")
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

    @Inject
    HttpServletRequest http;

    public UserInfo register(Request request) {
        if (request == null) {
            throw ApiException.invalid("body", "Send a request body.");
        }
        // the captcha is used up by the first request that names it, whatever happens next
        boolean captchaSolved = request.captchaId != null && captchas.consume(request.captchaId, request.captchaCode);
        // a property of the wrong JSON type was read as absent: its type error stands for it
        List<ApiException.FieldError> typeErrors = StrictJson.deferredErrors(http);
        Set<String> mistyped =
                typeErrors.stream().map(ApiException.FieldError::field).collect(Collectors.toSet());
        List<ApiException.FieldError> errors = new ArrayList<>(typeErrors);
        ApiException.fieldErrors(validator.validate(request)).stream()
                .filter(error -> !mistyped.contains(error.field()))
                .forEach(errors::add);
        if (request.password != null) {
            errors.addAll(passwords.check("password", request.password, request.mobile));
        }
        // reported with the other fields, not after them: the captcha is used up either way, so the
        // person would otherwise fix those fields and only then learn that the code was wrong too
        if (!errors.isEmpty() && !captchaSolved && request.captchaId != null && request.captchaCode != null) {
            errors.add(new ApiException.FieldError("captchaCode", CAPTCHA_WRONG));
        }
        try {
            if (!errors.isEmpty()) {
                throw ApiException.invalid(errors);
            }
            if (!captchaSolved) {
                throw new ApiException(ErrorCode.CAPTCHA_INVALID, CAPTCHA_WRONG);
            }
            String nickname = request.nickname == null ? request.mobile : request.nickname;
            UserInfo user = users.create(
                    request.mobile, nickname, roles.forNewUser(request.mobile), passwords.hash(request.password));
            audit.write(audit.success("register").user(user.getId()).mobile(user.getMobile()));
            return user;
        } catch (ApiException e) {
            audit.write(audit.failure("register")
                    .mobile(request.mobile)
                    .reason(e.code().name()));
            throw e;
        }
    }
}
