package io.imagefactory.staterepo;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.ThrowableProxyUtil;
import ch.qos.logback.core.Appender;
import ch.qos.logback.core.read.ListAppender;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import org.slf4j.LoggerFactory;

/**
 * Captures every log event of every logger, down to TRACE, while open; the console stays quiet
 * meanwhile. Used to prove that secrets never reach the logs.
 */
public final class LogCapture implements AutoCloseable {

  private final LoggerContext context = (LoggerContext) LoggerFactory.getILoggerFactory();
  private final Logger root = context.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
  private final Map<Logger, Level> levels = new HashMap<>();
  private final List<Appender<ILoggingEvent>> detached = new ArrayList<>();
  private final ListAppender<ILoggingEvent> appender = new ListAppender<>();

  private LogCapture() {
    for (Logger logger : context.getLoggerList()) {
      levels.put(logger, logger.getLevel());
      if (logger != root) {
        logger.setLevel(null);
      }
    }
    root.setLevel(Level.ALL);
    for (Iterator<Appender<ILoggingEvent>> it = root.iteratorForAppenders(); it.hasNext(); ) {
      detached.add(it.next());
    }
    detached.forEach(root::detachAppender);
    appender.setContext(context);
    appender.start();
    root.addAppender(appender);
  }

  public static LogCapture start() {
    return new LogCapture();
  }

  /** Every captured message with its level, logger and stack trace, one event per line. */
  public String text() {
    StringBuilder b = new StringBuilder();
    for (ILoggingEvent e : List.copyOf(appender.list)) {
      b.append(e.getLevel())
          .append(' ')
          .append(e.getLoggerName())
          .append(' ')
          .append(e.getFormattedMessage());
      if (e.getThrowableProxy() != null) {
        b.append('\n').append(ThrowableProxyUtil.asString(e.getThrowableProxy()));
      }
      b.append('\n');
    }
    return b.toString();
  }

  public int events() {
    return appender.list.size();
  }

  @Override
  public void close() {
    root.detachAppender(appender);
    detached.forEach(root::addAppender);
    levels.forEach(Logger::setLevel);
  }
}
