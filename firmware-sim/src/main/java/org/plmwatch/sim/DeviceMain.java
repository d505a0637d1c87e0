package org.plmwatch.sim;

import java.util.concurrent.Callable;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * {@code plmwatch-device}: the program that runs on the ankle device, and on a PC as its
 * simulator. The recording loop, sensor drivers and link server are built under issue 4; until
 * then this entry point only answers {@code --help} and {@code --version} and says so when run.
 */
@Command(name = "plmwatch-device", mixinStandardHelpOptions = true,
        versionProvider = DeviceMain.Version.class,
        description = "The plmwatch device program (Raspberry Pi Zero 2 W) and its PC simulator.")
public final class DeviceMain implements Callable<Integer> {

    @Override
    public Integer call() {
        System.err.println("plmwatch-device: this build has no recording loop yet (sensor drivers, night "
                + "recorder and link arrive with the firmware work); nothing was recorded.");
        return 1;
    }

    public static void main(String[] args) {
        System.exit(new CommandLine(new DeviceMain()).execute(args));
    }

    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            String v = DeviceMain.class.getPackage().getImplementationVersion();
            return new String[] {"plmwatch-device " + (v == null ? "(development build)" : v)};
        }
    }
}
