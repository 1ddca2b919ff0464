package io.imagefactory.staterepo;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Fault injection for the crash tests, and off unless the JVM was started with {@code
 * -Dimage-factory.test.crash-at=<point>}: when the writer reaches that point the process halts at
 * once, as {@code kill -9} would end it (exit 137, no shutdown hook, no cleanup). The points are
 * {@link #BEFORE_COMMIT} (the batch is applied in memory, nothing is written) and {@link
 * #AFTER_LOCAL_COMMIT} (the commit is in the cache's object database, not pushed). A crash during
 * the push is a test's git server stalling the push, not a point here. Never set it in production.
 */
final class CrashPoint {

  static final String PROPERTY = "image-factory.test.crash-at";
  static final String BEFORE_COMMIT = "before-commit";
  static final String AFTER_LOCAL_COMMIT = "after-local-commit";

  private static final Logger log = LoggerFactory.getLogger(CrashPoint.class);
  private static final String AT = System.getProperty(PROPERTY, "");

  private CrashPoint() {}

  static void reached(String point) {
    if (AT.equals(point)) {
      log.error("Fault injection: halting the process {} ({}={})", point, PROPERTY, AT);
      Runtime.getRuntime().halt(137);
    }
  }
}
