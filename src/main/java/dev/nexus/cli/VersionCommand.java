package dev.nexus.cli;

import dev.nexus.config.BuildInfo;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.ParentCommand;

/** {@code nexus version}. */
@Command(name = "version", mixinStandardHelpOptions = true, description = "Print the version and build time.")
final class VersionCommand implements Callable<Integer> {
    @ParentCommand
    NexusCommand root;

    @Override
    public Integer call() {
        BuildInfo build = BuildInfo.load();
        root.out().println("nexus " + build.version() + " (built " + build.buildTime() + ", java " + Runtime.version() + ")");
        root.out().flush();
        return 0;
    }

    /** Feeds {@code --version}. */
    static final class Provider implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            BuildInfo build = BuildInfo.load();
            return new String[] {"nexus " + build.version() + " (built " + build.buildTime() + ")"};
        }
    }
}
