package io.imagefactory.git;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Exclusive use of one local git cache directory: a lock per directory inside this JVM, plus an OS
 * file lock so that two worker processes sharing a volume do not fetch into the same repository at
 * once. Re-entrant for the thread that holds it.
 */
public final class CacheLock {

  private static final String LOCK_FILE = "image-factory.lock";
  private static final ConcurrentHashMap<Path, ReentrantLock> LOCKS = new ConcurrentHashMap<>();

  private CacheLock() {}

  /** Blocks until this thread holds {@code dir}; creates the directory when missing. */
  public static Held acquire(Path dir) throws IOException {
    Path key = dir.toAbsolutePath().normalize();
    ReentrantLock lock = LOCKS.computeIfAbsent(key, k -> new ReentrantLock());
    lock.lock();
    if (lock.getHoldCount() > 1) {
      return new Held(lock, null, null);
    }
    try {
      Files.createDirectories(key);
      FileChannel channel =
          FileChannel.open(
              key.resolve(LOCK_FILE), StandardOpenOption.CREATE, StandardOpenOption.WRITE);
      try {
        return new Held(lock, channel, channel.lock());
      } catch (IOException | RuntimeException e) {
        channel.close();
        throw e;
      }
    } catch (IOException | RuntimeException e) {
      lock.unlock();
      throw e;
    }
  }

  /** A held lock; closing it releases the file lock and then the JVM lock. */
  public static final class Held implements AutoCloseable {
    private final ReentrantLock lock;
    private final FileChannel channel;
    private final FileLock fileLock;

    private Held(ReentrantLock lock, FileChannel channel, FileLock fileLock) {
      this.lock = lock;
      this.channel = channel;
      this.fileLock = fileLock;
    }

    @Override
    public void close() throws IOException {
      try {
        if (fileLock != null) {
          fileLock.release();
          channel.close();
        }
      } finally {
        lock.unlock();
      }
    }
  }
}
