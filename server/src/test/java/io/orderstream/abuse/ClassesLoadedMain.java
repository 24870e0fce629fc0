package io.orderstream.abuse;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import io.orderstream.server.Main;

/**
 * The gateway's {@link Main}, started after loading every class in the class path's directories,
 * for tests that run a gateway out of descriptors.
 * <p>
 * Run from the build's class directories (as tests run it), each class is a file the JVM opens
 * when the class is first used; under a flood that holds every descriptor, a class first used
 * then cannot be read, and the JVM remembers that failure for the class that referred to it for
 * good. A packaged gateway reads its classes from jars it opened at start and needs no
 * descriptor for them; loading the classes first makes the test's process behave as that one.
 */
public final class ClassesLoadedMain {
    private ClassesLoadedMain() {
    }

    /**
     * Loads the classes, then runs {@link Main#main}.
     *
     * @param args passed on
     * @throws IOException if a class directory cannot be read
     */
    public static void main(String[] args) throws IOException {
        ClassLoader loader = ClassesLoadedMain.class.getClassLoader();
        for (String entry : System.getProperty("java.class.path").split(File.pathSeparator)) {
            Path directory = Path.of(entry);
            if (Files.isDirectory(directory)) {
                for (String name : classNames(directory)) {
                    try {
                        // Loaded, not initialized: nothing runs before the gateway would run it.
                        Class.forName(name, false, loader);
                    } catch (ClassNotFoundException | LinkageError e) {
                        // a class that needs what is not on this class path: the gateway never uses it
                    }
                }
            }
        }
        Main.main(args);
    }

    private static List<String> classNames(Path directory) throws IOException {
        try (Stream<Path> files = Files.walk(directory)) {
            return files.map(directory::relativize)
                    .map(Path::toString)
                    .filter(path -> path.endsWith(".class") && !path.endsWith("module-info.class"))
                    .map(path -> path.substring(0, path.length() - ".class".length()).replace(File.separatorChar, '.'))
                    .toList();
        }
    }
}
