package com.videoplatform.auth.platform;

/**
 * A setting the service refuses to start with. The message names the setting and says why, and
 * never holds the value (it may be a secret). It fails the deployment, and server-config/payara.sh
 * then stops the server and prints the message as its one line of explanation.
 */
public class InvalidSetting extends IllegalArgumentException {

    public InvalidSetting(String setting, String why) {
        super(setting + " " + why);
    }
}
