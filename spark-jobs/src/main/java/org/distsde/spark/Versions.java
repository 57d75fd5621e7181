package org.distsde.spark;

import java.io.IOException;
import java.io.InputStream;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Properties;

/** Versions written into every summary (provenance). */
public final class Versions {
    private Versions() { }

    public static Map<String, String> all(String sparkVersion) {
        final Properties p = new Properties();
        try (InputStream in = Versions.class.getResourceAsStream("/distsde-version.properties")) {
            if (in != null) {
                p.load(in);
            }
        } catch (IOException ignored) {
            // provenance is best effort
        }
        final Map<String, String> m = new LinkedHashMap<>();
        m.put("distsde", p.getProperty("version", "unknown"));
        m.put("java", System.getProperty("java.version"));
        m.put("spark", sparkVersion);
        m.put("hadoop", org.apache.hadoop.util.VersionInfo.getVersion());
        m.put("commonsRng", "1.7");
        return m;
    }
}
