package com.videoplatform.auth.passport;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Optional;
import java.util.Set;
import ua_parser.Client;
import ua_parser.Parser;

/**
 * The name people know a device by, from its user agent: "Chrome on Windows", "Safari on iPhone";
 * null when the agent tells too little. The parsing is uap-java's (the ua-parser project's shared
 * rules); this class only words its answer. A parse costs about a millisecond, so each agent's
 * name is remembered.
 */
@ApplicationScoped
public class Devices {

    private static final Set<String> APPLE_DEVICES = Set.of("iPhone", "iPad", "iPod");

    private Parser parser;
    private Cache<String, Optional<String>> names;

    @PostConstruct
    void init() {
        // reads the rules (about 200 KB of YAML, half a second): once per application
        parser = new Parser();
        names = Caffeine.newBuilder().maximumSize(1_000).build();
    }

    public String name(String userAgent) {
        if (userAgent == null || userAgent.isBlank()) {
            return null;
        }
        return names.get(userAgent, agent -> Optional.ofNullable(describe(parser.parse(agent))))
                .orElse(null);
    }

    private static String describe(Client client) {
        String browser = browser(client.userAgent.family);
        String platform =
                APPLE_DEVICES.contains(client.device.family) ? client.device.family : platform(client.os.family);
        if (browser == null || browser.equals(platform)) {
            return platform;
        }
        return platform == null ? browser : browser + " on " + platform;
    }

    /** "Mobile Safari" and "Chrome Mobile iOS" are Safari and Chrome to their users; an app's web view is the app. */
    private static String browser(String family) {
        if (family == null || family.equals("Other")) {
            return null;
        }
        if (family.contains("WebView")) {
            return "App";
        }
        if (family.equals("HeadlessChrome")) {
            return "Headless Chrome";
        }
        return family.replaceFirst("^Mobile ", "").replaceFirst(" Mobile( iOS)?$", "");
    }

    private static String platform(String family) {
        if (family == null || family.equals("Other")) {
            return null;
        }
        return family.equals("Mac OS X") ? "Mac" : family;
    }
}
