package org.plmwatch.analyzer.cli;

import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;

import org.plmwatch.analyzer.report.TerminalText;
import org.plmwatch.core.io.InputFormatException;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** {@code plmwatch}: the host analyzer's command line. */
@Command(name = "plmwatch",
        mixinStandardHelpOptions = true,
        versionProvider = VersionProvider.class,
        description = "Scores periodic limb movements in sleep (WASM 2016 rules) from PSG event exports "
                + "and ankle accelerometer nights.",
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {
            "0:done",
            "1:internal error (a bug, or the machine failed: disk full, I/O error)",
            "2:usage error (unknown option, missing or bad argument)",
            "3:bad input (a file that cannot be read: the message names file, place and fix), or an output "
                    + "path that cannot be written",
            "5:no plmwatch device answers, or the link failed (the message says how to resume)"})
public final class Main implements Runnable {

    /** The subcommands, in the order {@code --help} lists them (registered lazily: {@link #commandLine}). */
    static final Class<?>[] COMMANDS = {ScoreCommand.class, ReportCommand.class, BatchCommand.class, ExportEdfCommand.class, ValidateCommand.class, DemoCommand.class, DevicesCommand.class, DownloadCommand.class, LiveCommand.class, CommandLine.HelpCommand.class};

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        throw new CommandLine.ParameterException(spec.commandLine(), "choose a command, e.g. 'plmwatch demo'");
    }

    /**
     * The command line for a run whose first argument is {@code first}. picocli reads every
     * subcommand's annotations by reflection when it is registered, which costs more start-up
     * than scoring a night; so when the first argument names a subcommand only that one is
     * registered (the others cannot run anyway), and every one is for help, version or errors.
     */
    static CommandLine commandLine(String first) {
        CommandLine cl = new CommandLine(new Main());
        Class<?>[] commands = COMMANDS;
        for (Class<?> c : commands) {
            if (c != CommandLine.HelpCommand.class && c.getAnnotation(Command.class).name().equals(first)) {
                commands = new Class<?>[] {c};
                break;
            }
        }
        for (Class<?> c : commands) {
            cl.addSubcommand(c);
        }
        return cl;
    }

    public static void main(String[] args) {
        System.exit(run(args, new PrintWriter(System.out, true, StandardCharsets.UTF_8),
                new PrintWriter(System.err, true, StandardCharsets.UTF_8)));
    }

    /** Runs the CLI with the given streams; returns the exit code (used by tests in-process). */
    public static int run(String[] args, PrintWriter out, PrintWriter err) {
        CommandLine cl = commandLine(args.length > 0 ? args[0] : "");
        cl.setOut(out);
        cl.setErr(err);
        // A usage error: the error and where to read more, not the whole help that scrolls it away.
        cl.setParameterExceptionHandler((ex, args1) -> {
            CommandLine failed = ex.getCommandLine();
            failed.getErr().println("plmwatch: " + TerminalText.escape(ex.getMessage()));
            failed.getErr().println("Try '" + failed.getCommandSpec().qualifiedName() + " --help' for the options.");
            return ExitCode.USAGE;
        });
        cl.setExecutionExceptionHandler((ex, commandLine, parseResult) -> {
            if (ex instanceof InputFormatException bad) {
                // the message quotes file content: escaped so the file cannot drive the terminal
                commandLine.getErr().println("plmwatch: bad input: " + TerminalText.escape(bad.getMessage()));
                return ExitCode.BAD_INPUT;
            }
            if (ex instanceof OutputPathException out1) {
                commandLine.getErr().println("plmwatch: cannot write output: " + TerminalText.escape(out1.getMessage()));
                return ExitCode.BAD_INPUT;
            }
            if (ex instanceof java.io.IOException io) {
                commandLine.getErr().println("plmwatch: I/O error: " + TerminalText.escape(String.valueOf(io)));
                return ExitCode.INTERNAL;
            }
            commandLine.getErr().println("plmwatch: internal error: " + TerminalText.escape(String.valueOf(ex)));
            ex.printStackTrace(commandLine.getErr());
            return ExitCode.INTERNAL;
        });
        int code = cl.execute(args);
        out.flush();
        err.flush();
        return code;
    }
}
