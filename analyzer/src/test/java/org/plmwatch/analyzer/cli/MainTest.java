package org.plmwatch.analyzer.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** Subcommands are registered lazily (start-up), yet help, version and errors still see all of them. */
class MainTest {

    @Test
    void helpListsEveryCommand() {
        CliRunner r = CliRunner.run("--help");
        assertEquals(0, r.code());
        for (Class<?> c : Main.COMMANDS) {
            String name = c.getAnnotation(picocli.CommandLine.Command.class).name();
            assertTrue(r.out().contains("\n  " + name + " "), name + " in\n" + r.out());
        }
    }

    @Test
    void helpOnACommandAndUnknownCommands() {
        CliRunner help = CliRunner.run("help", "batch");
        assertEquals(0, help.code(), help.err());
        assertTrue(help.out().contains("Usage: plmwatch batch"), help.out());
        CliRunner unknown = CliRunner.run("bacth", "x");
        assertEquals(ExitCode.USAGE, unknown.code());
        assertTrue(unknown.err().contains("bacth"), unknown.err());
        assertEquals(ExitCode.USAGE, CliRunner.run().code());
    }

    @Test
    void onlyTheNamedCommandIsRegistered() {
        assertEquals(java.util.Set.of("score"), Main.commandLine("score").getSubcommands().keySet());
        assertEquals(Main.COMMANDS.length, Main.commandLine("--version").getSubcommands().size());
    }
}
