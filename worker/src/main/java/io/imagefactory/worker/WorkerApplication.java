package io.imagefactory.worker;

import io.imagefactory.worker.embedded.EmbeddedDefaultsInitializer;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;

/** The Image Factory worker: Temporal workers, the Kargo webhook and the embedded default. */
@SpringBootApplication
public class WorkerApplication {

  public static void main(String[] args) {
    application().run(args);
  }

  /** The application with the embedded default filled in before anything connects. */
  public static SpringApplication application() {
    SpringApplication application = new SpringApplication(WorkerApplication.class);
    application.addInitializers(new EmbeddedDefaultsInitializer());
    application.addListeners(new JvmMemoryDefaults(), new TermSignalExit());
    return application;
  }
}
