/**
 * The videos users share: a public, paged list; details for signed-in users; create by anyone
 * signed in, who becomes the owner; change and delete by the owner or an admin.
 */
package com.videoplatform.auth.video;
