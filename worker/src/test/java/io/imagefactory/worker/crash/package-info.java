/**
 * Crash suites that kill real processes ({@link io.imagefactory.worker.crash.WorkerProcess}: the
 * worker started from the test JVM's classpath and ended with {@code kill -9}; {@link
 * io.imagefactory.worker.crash.TemporalServerProcess}: the Temporal test server as a process of its
 * own, so the server outlives the worker), and the secret-redaction sweep. Logs of killed workers
 * are kept in {@code target/crash-logs}.
 */
package io.imagefactory.worker.crash;
