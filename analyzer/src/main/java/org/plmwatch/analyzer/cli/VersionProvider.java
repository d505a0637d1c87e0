package org.plmwatch.analyzer.cli;

import picocli.CommandLine;

/** The version from the jar manifest, so it is set in one place (the Maven project version). */
final class VersionProvider implements CommandLine.IVersionProvider {
    @Override
    public String[] getVersion() {
        String v = Main.class.getPackage().getImplementationVersion();
        return new String[] {"plmwatch " + (v == null ? "(development build)" : v),
            "Java " + System.getProperty("java.version")};
    }
}
