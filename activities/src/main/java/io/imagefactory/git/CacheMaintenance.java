package io.imagefactory.git;

import java.io.IOException;
import org.eclipse.jgit.lib.ConfigConstants;
import org.eclipse.jgit.lib.NullProgressMonitor;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.lib.StoredConfig;

/**
 * Keeps a local cache repository small. Every fetch adds a pack; once there are many, JGit's
 * automatic gc repacks them. It runs in the caller's thread while the cache lock is held, so it
 * never races a fetch, and superseded packs are removed at once (the default keeps them an hour,
 * during which every further fetch would repack again).
 */
public final class CacheMaintenance {

  private CacheMaintenance() {}

  /** Sets the gc options of a cache repository; idempotent. */
  public static void configure(Repository repository) throws IOException {
    StoredConfig config = repository.getConfig();
    boolean detach =
        config.getBoolean(
            ConfigConstants.CONFIG_GC_SECTION, ConfigConstants.CONFIG_KEY_AUTODETACH, true);
    String expire =
        config.getString(
            ConfigConstants.CONFIG_GC_SECTION, null, ConfigConstants.CONFIG_KEY_PRUNEPACKEXPIRE);
    if (detach || !"now".equals(expire)) {
      config.setBoolean(
          ConfigConstants.CONFIG_GC_SECTION, null, ConfigConstants.CONFIG_KEY_AUTODETACH, false);
      config.setString(
          ConfigConstants.CONFIG_GC_SECTION,
          null,
          ConfigConstants.CONFIG_KEY_PRUNEPACKEXPIRE,
          "now");
      config.save();
    }
  }

  /** Repacks when packs or loose objects have piled up past git's usual thresholds. */
  public static void afterFetch(Repository repository) {
    repository.autoGC(NullProgressMonitor.INSTANCE);
  }
}
