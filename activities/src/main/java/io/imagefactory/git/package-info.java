/**
 * JGit helpers shared by the source cache and the state repository: credentials per host, short
 * error texts, the remote URLs we may talk to, path checks, and the lock and maintenance of a local
 * cache directory.
 */
package io.imagefactory.git;
