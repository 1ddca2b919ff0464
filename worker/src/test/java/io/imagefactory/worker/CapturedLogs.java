package io.imagefactory.worker;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.ThrowableProxyUtil;
import ch.qos.logback.core.read.ListAppender;
import java.util.List;
import org.slf4j.LoggerFactory;

/**
 * Every log event of the process while open, at the given level and above for the given loggers, as
 * the text a log file would get (message and stack trace).
 */
public final class CapturedLogs implements AutoCloseable {

  private final ListAppender<ILoggingEvent> appender = new ListAppender<>();
  private final Logger root = (Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
  private final List<Logger> loggers;
  private final List<Level> previousLevels;

  private CapturedLogs(Level level, List<String> names) {
    loggers = names.stream().map(n -> (Logger) LoggerFactory.getLogger(n)).toList();
    previousLevels = loggers.stream().map(Logger::getLevel).toList();
    loggers.forEach(l -> l.setLevel(level));
    appender.start();
    root.addAppender(appender);
  }

  /** Captures everything; {@code verbose} loggers are lowered to {@code level} meanwhile. */
  public static CapturedLogs capture(Level level, String... verbose) {
    return new CapturedLogs(level, List.of(verbose));
  }

  public List<String> lines() {
    return events().stream().map(CapturedLogs::render).toList();
  }

  /** A copy taken under the appender's lock: other threads keep logging while a test reads. */
  public List<ILoggingEvent> events() {
    synchronized (appender) {
      return List.copyOf(appender.list);
    }
  }

  private static String render(ILoggingEvent event) {
    String text =
        event.getLevel() + " " + event.getLoggerName() + " " + event.getFormattedMessage();
    return event.getThrowableProxy() == null
        ? text
        : text + "\n" + ThrowableProxyUtil.asString(event.getThrowableProxy());
  }

  @Override
  public void close() {
    root.detachAppender(appender);
    appender.stop();
    for (int i = 0; i < loggers.size(); i++) {
      loggers.get(i).setLevel(previousLevels.get(i));
    }
  }
}
