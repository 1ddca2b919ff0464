package io.imagefactory.starter;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.List;
import org.eclipse.jgit.internal.storage.dfs.DfsRepositoryDescription;
import org.eclipse.jgit.internal.storage.dfs.InMemoryRepository;
import org.eclipse.jgit.lib.Constants;
import org.eclipse.jgit.lib.Ref;
import org.eclipse.jgit.transport.CredentialsProvider;
import org.eclipse.jgit.transport.FetchConnection;
import org.eclipse.jgit.transport.PushConnection;
import org.eclipse.jgit.transport.Transport;
import org.eclipse.jgit.transport.URIish;
import org.eclipse.jgit.transport.UsernamePasswordCredentialsProvider;
import org.eclipse.jgit.util.FS;

/**
 * The state repository lines of {@code doctor}: the remote answers, has the branch, and takes a
 * push connection. Nothing is fetched or pushed: the check reads only the refs each side
 * advertises, into a repository in memory.
 */
final class StateRepoChecks {

  static final String REACHABLE = "state repository";
  static final String BRANCH = "state branch";
  static final String WRITE = "state write access";

  // The user name GitHub expects with a token; GitLab accepts any.
  private static final String TOKEN_USER = "x-access-token";

  private StateRepoChecks() {}

  static List<DoctorCheck> run(String url, String branch, Path tokenFile) {
    CredentialsProvider credentials;
    try {
      credentials = credentials(tokenFile);
    } catch (IOException e) {
      return List.of(
          DoctorCheck.fail(
              REACHABLE,
              "cannot read --state-repo-token-file " + tokenFile,
              "point --state-repo-token-file (env IMAGE_FACTORY_STATE_REPO_TOKEN_FILE) at the"
                  + " worker's image-factory.state-repo.token-file",
              ExitCodes.INVALID_INPUT),
          DoctorCheck.notChecked(BRANCH, "the token cannot be read"),
          DoctorCheck.notChecked(WRITE, "the token cannot be read"));
    }
    String remote = resolve(url);
    try (InMemoryRepository local = localSide()) {
      Ref head;
      try (Transport transport = open(local, remote, credentials);
          FetchConnection fetch = transport.openFetch()) {
        head = fetch.getRef(Constants.R_HEADS + branch);
      } catch (IOException | URISyntaxException | RuntimeException e) {
        return unreachable(url, e);
      }
      DoctorCheck reached = DoctorCheck.ok(REACHABLE, url + " answers");
      if (head == null) {
        return List.of(
            reached,
            DoctorCheck.fail(
                BRANCH,
                branch + " does not exist",
                "pass the worker's image-factory.state-repo.branch with --state-repo-branch, or"
                    + " push the branch",
                ExitCodes.INVALID_INPUT),
            DoctorCheck.notChecked(WRITE, "the branch does not exist"));
      }
      String commit = head.getObjectId().abbreviate(12).name();
      return List.of(
          reached,
          DoctorCheck.ok(BRANCH, branch + " at " + commit),
          write(local, remote, credentials));
    }
  }

  /** Opens a push connection and closes it unused: a host that checks rights at connect has. */
  private static DoctorCheck write(InMemoryRepository local, String remote, CredentialsProvider c) {
    try (Transport transport = open(local, remote, c);
        PushConnection push = transport.openPush()) {
      return DoctorCheck.ok(
          WRITE,
          "a push connection was accepted (nothing pushed; GitHub and GitLab check write rights"
              + " there, a plain file or ssh remote only on a real push)");
    } catch (IOException | URISyntaxException | RuntimeException e) {
      return DoctorCheck.fail(
          WRITE,
          "a push connection was refused: " + firstLine(e),
          "give the worker's token write access to the repository (contents: write on GitHub,"
              + " write_repository on GitLab)",
          ExitCodes.INVALID_INPUT);
    }
  }

  /** An empty repository in memory, for JGit's transports, which need a local side. */
  private static InMemoryRepository localSide() {
    try {
      return new InMemoryRepository.Builder()
          .setRepositoryDescription(new DfsRepositoryDescription("doctor"))
          .setFS(FS.DETECTED)
          .build();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static List<DoctorCheck> unreachable(String url, Exception e) {
    return List.of(
        DoctorCheck.fail(
            REACHABLE,
            "cannot list the refs of " + url + ": " + firstLine(e),
            "pass the worker's image-factory.state-repo.url with --state-repo (env"
                + " IMAGE_FACTORY_STATE_REPO_URL), with --state-repo-token-file for a private one",
            ExitCodes.UNREACHABLE),
        DoctorCheck.notChecked(BRANCH, "the state repository cannot be reached"),
        DoctorCheck.notChecked(WRITE, "the state repository cannot be reached"));
  }

  private static Transport open(InMemoryRepository local, String remote, CredentialsProvider c)
      throws IOException, URISyntaxException {
    Transport transport = Transport.open(local, new URIish(remote));
    transport.setTimeout(15);
    if (c != null) {
      transport.setCredentialsProvider(c);
    }
    return transport;
  }

  /** A relative path is taken from where the CLI runs, as the worker takes it from its own. */
  private static String resolve(String url) {
    try {
      Path path = Path.of(url);
      return Files.isDirectory(path) ? path.toAbsolutePath().normalize().toString() : url;
    } catch (InvalidPathException e) {
      return url;
    }
  }

  private static CredentialsProvider credentials(Path tokenFile) throws IOException {
    if (tokenFile == null) {
      return null;
    }
    String token = Files.readString(tokenFile, StandardCharsets.UTF_8).strip();
    if (token.isEmpty()) {
      throw new IOException("empty");
    }
    return new UsernamePasswordCredentialsProvider(TOKEN_USER, token);
  }

  // JGit messages can run over lines and repeat the URL; the first line says what failed.
  private static String firstLine(Exception e) {
    String message = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
    return message.lines().findFirst().orElse("").strip();
  }
}
