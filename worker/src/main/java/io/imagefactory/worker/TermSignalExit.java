package io.imagefactory.worker;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.context.event.ApplicationStartedEvent;
import org.springframework.context.ApplicationListener;
import org.springframework.context.ConfigurableApplicationContext;
import sun.misc.Signal;

/**
 * On SIGTERM, closes the application (the Temporal workers finish their running tasks first) and
 * exits with its exit code, 0 after a clean stop. Without it the JVM runs the same shutdown but
 * exits 143, and Kubernetes records every rolling update as an error.
 */
final class TermSignalExit implements ApplicationListener<ApplicationStartedEvent> {

  private static final Logger log = LoggerFactory.getLogger(TermSignalExit.class);

  @Override
  public void onApplicationEvent(ApplicationStartedEvent event) {
    ConfigurableApplicationContext context = event.getApplicationContext();
    try {
      Signal.handle(new Signal("TERM"), signal -> shutdown(context));
    } catch (IllegalArgumentException unsupported) {
      log.debug("no SIGTERM handler on this platform; the JVM's default shutdown applies");
    }
  }

  private static void shutdown(ConfigurableApplicationContext context) {
    // Not on the signal thread: the shutdown waits for running activities.
    Thread exit =
        new Thread(
            () -> {
              log.info("SIGTERM: shutting down");
              System.exit(SpringApplication.exit(context));
            },
            "sigterm-shutdown");
    exit.start();
  }
}
