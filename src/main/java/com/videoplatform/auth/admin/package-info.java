/**
 * Administration for holders of the {@code admin} role: the list of users, their roles, ending
 * every session of a user at once, disabling, enabling and deleting accounts. {@link
 * com.videoplatform.auth.admin.Accounts} does each change through the passport, token and video
 * components and audits it; the resource only parses, delegates and answers.
 */
package com.videoplatform.auth.admin;
