/**
 * Administration for holders of the {@code admin} role: the list of users, their roles, and ending
 * every session of a user at once. It changes users through the passport and token components.
 */
package com.videoplatform.auth.admin;
