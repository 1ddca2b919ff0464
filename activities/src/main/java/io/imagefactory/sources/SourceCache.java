package io.imagefactory.sources;

import io.imagefactory.git.RemoteUrl;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.HexFormat;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;

/**
 * Local bare mirrors of source repositories, one per repository URL under one cache directory. Work
 * goes through a {@link SourceSession} (one per enrollment), in which each repository and branch is
 * fetched at most once however many images it holds.
 */
public final class SourceCache implements AutoCloseable {

  private final Path cacheDir;
  private final SourceHosts hosts;
  private final Function<String, String> env;
  private final Duration timeout;
  private final AtomicLong clock = new AtomicLong();
  private final AtomicLong fetches = new AtomicLong();
  private final Map<String, SourceMirror> mirrors = new ConcurrentHashMap<>();

  /** A cache reading tokens from the process environment, with a 60 s network timeout. */
  public SourceCache(Path cacheDir, SourceHosts hosts) {
    this(cacheDir, hosts, System::getenv, Duration.ofSeconds(60));
  }

  public SourceCache(
      Path cacheDir, SourceHosts hosts, Function<String, String> env, Duration timeout) {
    this.cacheDir = cacheDir;
    this.hosts = hosts;
    this.env = env;
    this.timeout = timeout;
  }

  /** Starts a session: every repository and branch read in it is fetched once, when first read. */
  public SourceSession session() {
    return new SourceSession(this);
  }

  /** How many fetches this cache has made, for tests and metrics. */
  public long fetchCount() {
    return fetches.get();
  }

  @Override
  public void close() {
    mirrors.values().forEach(SourceMirror::close);
  }

  SourceHosts hosts() {
    return hosts;
  }

  /** A point in this cache's order of events, to tell whether a fetch began after a request. */
  long now() {
    return clock.incrementAndGet();
  }

  SourceMirror mirror(RemoteUrl remote) {
    return mirrors.computeIfAbsent(
        remote.url(),
        url ->
            new SourceMirror(
                remote,
                cacheDir.resolve(directoryName(url)),
                hosts.credentialsFor(remote),
                env,
                timeout,
                clock,
                fetches));
  }

  /**
   * A directory name for a repository URL: a hash, so different URLs never share a mirror and no
   * URL can steer the path, plus a readable suffix from the URL's last two path segments.
   */
  static String directoryName(String url) {
    String hash;
    try {
      byte[] digest =
          MessageDigest.getInstance("SHA-256").digest(url.getBytes(StandardCharsets.UTF_8));
      hash = HexFormat.of().formatHex(digest, 0, 8);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
    String[] parts = url.replaceAll("\\.git$", "").split("[/:]+");
    String tail =
        parts.length >= 2
            ? parts[parts.length - 2] + "-" + parts[parts.length - 1]
            : parts[parts.length - 1];
    String readable =
        tail.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9._-]", "-").replaceAll("^[.-]+", "");
    if (readable.length() > 40) {
      readable = readable.substring(0, 40);
    }
    return hash + (readable.isEmpty() ? "" : "-" + readable) + ".git";
  }
}
