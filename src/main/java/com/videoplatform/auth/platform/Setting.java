package com.videoplatform.auth.platform;

import java.util.Objects;
import java.util.logging.Logger;
import org.eclipse.microprofile.config.Config;
import org.eclipse.microprofile.config.ConfigProvider;

/**
 * A whole-number setting, read through MicroProfile Config at each {@link #get()}, so that an
 * operator's change (asadmin set-config-property) takes effect without a reload, once Payara's
 * MicroProfile Config cache has let it through (docs/configuration.md, "Changing settings while it
 * runs").
 *
 * <p>The value is read as text and converted here, because Payara's own conversion silently falls back
 * to the default when a value does not convert ({@code AUTH_TOKEN_TTL=abc} would give 86400). A bad
 * value at start is refused ({@link InvalidSetting} fails the deployment); a bad value set while the
 * service runs is not used: the last good value is kept and one warning names the setting.
 */
public final class Setting {

    private static final Logger LOG = Logger.getLogger(Setting.class.getName());

    private final String name;
    private final long defaultValue;
    private final long min;
    private final Config config;
    private volatile long good;
    private volatile String warned;

    private Setting(String name, long defaultValue, long min, Config config) {
        this.name = name;
        this.defaultValue = defaultValue;
        this.min = min;
        this.config = config;
        this.good = config == null ? defaultValue : parse(read());
    }

    /** A setting that must be above zero; throws {@link InvalidSetting} when its value now is not. */
    public static Setting positive(String name, long defaultValue) {
        return atLeast(name, defaultValue, 1);
    }

    /** A setting that must be at least {@code min}; throws {@link InvalidSetting} when its value now is not. */
    public static Setting atLeast(String name, long defaultValue, long min) {
        return new Setting(name, defaultValue, min, ConfigProvider.getConfig());
    }

    /** Any whole number; throws {@link InvalidSetting} when its value now is not one. */
    public static Setting number(String name, long defaultValue) {
        return atLeast(name, defaultValue, Long.MIN_VALUE);
    }

    /** A value that never changes, for tests. */
    public static Setting fixed(long value) {
        return new Setting("fixed", value, Long.MIN_VALUE, null);
    }

    /** The current value; the last good one while the configured value is refused. */
    public long get() {
        if (config == null) {
            return good;
        }
        String raw = read();
        try {
            long value = parse(raw);
            if (value != good) {
                good = value;
            }
            if (warned != null) {
                warned = null;
            }
            return value;
        } catch (InvalidSetting refused) {
            if (!Objects.equals(raw, warned)) {
                warned = raw;
                long kept = good;
                LOG.warning(() -> refused.getMessage() + "; the service keeps using " + kept);
            }
            return good;
        }
    }

    private String read() {
        return config.getOptionalValue(name, String.class).orElse(null);
    }

    private long parse(String raw) {
        if (raw == null || raw.isBlank()) {
            return defaultValue;
        }
        long value;
        try {
            value = Long.parseLong(raw.strip());
        } catch (NumberFormatException e) {
            throw new InvalidSetting(name, "must be a whole number");
        }
        if (value < min) {
            throw new InvalidSetting(
                    name,
                    min == 1
                            ? "must be positive (it is " + value + ")"
                            : "must be at least " + min + " (it is " + value + ")");
        }
        return value;
    }
}
