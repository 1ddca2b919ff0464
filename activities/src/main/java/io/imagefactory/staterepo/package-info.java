/**
 * The state repository, through JGit, and its single writer.
 *
 * <p><b>State repository.</b> {@link io.imagefactory.staterepo.StateRepository} keeps a local bare
 * cache of the remote (a path, {@code file://} or {@code https://} URL with a token from {@link
 * io.imagefactory.git.GitCredentials}). {@code read()} returns the files at the tip of the branch
 * with the commit they were read at. {@code apply(patches)} applies {@link
 * io.imagefactory.staterepo.StatePatch}es to an in-memory {@link
 * io.imagefactory.staterepo.StateFiles} view of the tip, lets a {@link
 * io.imagefactory.staterepo.DerivedFiles} renderer add {@code dist/} files, builds one commit
 * straight in the object database and pushes it without force, expecting the tip it started from. A
 * rejected push re-applies the same (idempotent) patches on the new tip. Nothing is checked out, so
 * a crash leaves at most unreferenced objects in the cache and the remote untouched or holding one
 * complete commit. {@code images.yaml} is never written; paths never leave the tree.
 *
 * <p>SSH remotes are refused with a clear error; use https with a token.
 *
 * <p>Tests: {@code mvn -o -q test -pl activities -am -Dtest='io.imagefactory.staterepo.*Test'
 * -Dsurefire.failIfNoSpecifiedTests=false}. They use bare repositories under {@code @TempDir}, a
 * smart-HTTP server ({@code GitHttpServer}: JGit's GitServlet in embedded Tomcat on 127.0.0.1) and
 * {@code IsolatedGitConfig} to keep {@code ~/.gitconfig} out.
 */
package io.imagefactory.staterepo;
