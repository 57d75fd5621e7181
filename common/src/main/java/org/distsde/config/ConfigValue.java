package org.distsde.config;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/** A config value spelled by an id in the JSON ({@link SdeModel}, {@link SdeScheme}, …), parsed once into an enum. */
public interface ConfigValue {
    /** The spelling in the config. */
    String id();

    /**
     * The constant of {@code type} spelled {@code s} (case-insensitive); a {@link ConfigException}
     * naming {@code field} and the allowed spellings otherwise.
     */
    static <E extends Enum<E> & ConfigValue> E parse(Class<E> type, String s, String field) {
        final E[] all = type.getEnumConstants();
        if (s != null) {
            for (E e : all) {
                if (e.id().equals(s.toLowerCase(Locale.ROOT))) {
                    return e;
                }
            }
        }
        final String ids = Arrays.stream(all).map(ConfigValue::id).collect(Collectors.joining(", "));
        throw new ConfigException(field + " must be one of " + ids + " (got '" + s + "')");
    }
}
