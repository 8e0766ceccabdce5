package org.jgrad.cli;

import picocli.CommandLine.Command;

@Command(name = "demo", description = "Forward and backward through the chapter's network.")
final class DemoCommand implements Runnable {
    @Override
    public void run() {
        System.out.println("demo");
    }
}
