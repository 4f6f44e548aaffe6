/**
 * Who you are: image captchas, registration, login with throttling, password hashing and
 * change, and the user's view of their sessions. The user is split into a
 * profile ({@link com.videoplatform.auth.passport.UserInfo}) and credentials
 * ({@link com.videoplatform.auth.passport.UserLogin}, never serialised). Tokens and sessions
 * themselves belong to the token package.
 */
package com.videoplatform.auth.passport;
