/**
 * Administration for holders of the {@code admin} role: the list of users, their roles, ending
 * every session of a user, disabling, enabling and deleting accounts. {@code Accounts} does each of
 * these in one place, with its audit line; the resource only parses and answers.
 */
package com.videoplatform.auth.admin;
