/**
 * The audit trail: one JSON object a line in {@code LOG_DIR/audit.log} for every user action,
 * mobiles masked, never a password, token or captcha code. Writing it never fails a request.
 */
package com.videoplatform.auth.audit;
