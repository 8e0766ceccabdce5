package org.jgrad.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** Entry point of the {@code jgrad} command. */
@Command(name = "jgrad", mixinStandardHelpOptions = true, version = "jgrad 0.1.0",
        description = "Tensors, autograd and neural networks in pure Java.",
        subcommands = {TourCommand.class, DemoCommand.class, TrainCommand.class, ShiftCommand.class, BenchCommand.class})
public final class Main implements Runnable {

    @Override
    public void run() {
        new CommandLine(this).usage(System.out);
    }

    public static void main(String[] args) {
        System.exit(new CommandLine(new Main()).execute(args));
    }
}
