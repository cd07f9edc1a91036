package dev.inkwell.examples.cli;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** Starts a main class of this project in a fresh JVM with the tests' class path and kernel mode. */
final class ChildJvm {
    private ChildJvm() {
    }

    /** The command line; {@code jvmOptions} come before the class name, {@code args} after it. */
    static List<String> command(List<String> jvmOptions, Class<?> main, List<String> args) {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(jvmOptions);
        // the same kernels as this test run, without the JVM's incubator warning on stderr
        boolean vector = ModuleLayer.boot().findModule("jdk.incubator.vector").isPresent();
        command.add(vector ? "--add-modules=jdk.incubator.vector" : "-Dinkwell.simd=scalar");
        command.add("-cp");
        command.add(System.getProperty("java.class.path"));
        command.add(main.getName());
        command.addAll(args);
        return command;
    }

    /** Starts the command with stdout and stderr going to files in {@code dir} named after {@code name}. */
    static Process start(List<String> command, Path dir, String name) throws IOException {
        return new ProcessBuilder(command).redirectOutput(dir.resolve(name + ".out").toFile())
                .redirectError(dir.resolve(name + ".err").toFile()).start();
    }
}
