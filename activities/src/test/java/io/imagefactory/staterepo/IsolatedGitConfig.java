package io.imagefactory.staterepo;

import java.nio.file.Path;
import org.eclipse.jgit.lib.Config;
import org.eclipse.jgit.storage.file.FileBasedConfig;
import org.eclipse.jgit.util.FS;
import org.eclipse.jgit.util.SystemReader;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * Keeps JGit away from the developer's {@code ~/.gitconfig}, the system config and XDG config:
 * every one of them reads as empty for the duration of the test class. Use with
 * {@code @ExtendWith(IsolatedGitConfig.class)}.
 */
public final class IsolatedGitConfig implements BeforeAllCallback, AfterAllCallback {

  private SystemReader previous;

  @Override
  public void beforeAll(ExtensionContext context) {
    previous = SystemReader.getInstance();
    SystemReader.setInstance(new EmptyConfigReader(previous));
  }

  @Override
  public void afterAll(ExtensionContext context) {
    SystemReader.setInstance(previous);
  }

  /** Installs the isolation outside JUnit (benchmark harnesses). */
  public static void install() {
    SystemReader.setInstance(new EmptyConfigReader(SystemReader.getInstance()));
  }

  private static final class EmptyConfigReader extends SystemReader.Delegate {
    EmptyConfigReader(SystemReader delegate) {
      super(delegate);
    }

    @Override
    public FileBasedConfig openUserConfig(Config parent, FS fs) {
      return new EmptyConfig(parent, fs);
    }

    @Override
    public FileBasedConfig openSystemConfig(Config parent, FS fs) {
      return new EmptyConfig(parent, fs);
    }

    @Override
    public FileBasedConfig openJGitConfig(Config parent, FS fs) {
      return new EmptyConfig(parent, fs);
    }

    @Override
    public Path getXdgConfigDirectory(FS fs) {
      return null;
    }
  }

  /** A config that is always empty and never touches a file. */
  private static final class EmptyConfig extends FileBasedConfig {
    EmptyConfig(Config parent, FS fs) {
      super(parent, null, fs);
    }

    @Override
    public void load() {
      clear();
    }

    @Override
    public void save() {}

    @Override
    public boolean isOutdated() {
      return false;
    }
  }
}
