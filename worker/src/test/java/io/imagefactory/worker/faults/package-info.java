/**
 * Fault suites: the worker in-process on the time-skipping test server while a part it depends on
 * (the state repository's remote, a source repository) is broken, and what it does about it.
 */
package io.imagefactory.worker.faults;
