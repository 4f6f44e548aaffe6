package com.videoplatform.auth.platform;

import java.util.List;
import org.eclipse.microprofile.config.ConfigProvider;

/** Settings that are lists, read with MicroProfile Config's list conversion. */
public final class Settings {

    private Settings() {}

    /**
     * The comma list {@code name} ({@code a, b,c}; a comma inside an item is written {@code \,}),
     * items stripped of surrounding blanks, blank ones left out; empty when the setting is unset.
     * (Payara's MicroProfile Config cannot inject an {@code Optional<List<String>>}.)
     */
    public static List<String> list(String name) {
        return ConfigProvider.getConfig().getOptionalValues(name, String.class).orElse(List.of()).stream()
                .map(String::strip)
                .filter(item -> !item.isEmpty())
                .toList();
    }
}
