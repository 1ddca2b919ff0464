package io.imagefactory.git;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.function.Function;
import org.eclipse.jgit.transport.CredentialsProvider;
import org.eclipse.jgit.transport.UsernamePasswordCredentialsProvider;

/**
 * Where the token for a git host comes from: an environment variable, a mounted secret file, or a
 * token source such as a GitHub App that mints short-lived installation tokens. It holds only the
 * name of the variable, the path or the source, never the token; the token is read each time a
 * connection is made (so a rotated secret is picked up) and only handed to JGit.
 *
 * @param username the HTTP user name sent with the token: {@code x-access-token} for GitHub, {@code
 *     oauth2} for GitLab
 * @param tokenEnv the environment variable holding the token, or null
 * @param tokenFile the file holding the token (trailing whitespace ignored), or null
 * @param source gives the token for a remote URL at connection time, or null
 */
public record GitCredentials(String username, String tokenEnv, Path tokenFile, TokenSource source) {

  /** Gives the token for one remote, at the moment a connection is made. */
  @FunctionalInterface
  public interface TokenSource {
    String tokenFor(String remoteUrl);
  }

  /** The user name GitHub expects with an access token. */
  public static final String GITHUB_USERNAME = "x-access-token";

  public GitCredentials {
    if (username == null || username.isBlank()) {
      username = GITHUB_USERNAME;
    }
    int given =
        (tokenEnv == null || tokenEnv.isBlank() ? 0 : 1)
            + (tokenFile == null ? 0 : 1)
            + (source == null ? 0 : 1);
    if (given != 1) {
      throw new IllegalArgumentException(
          "give exactly one of a token environment variable, a token file or a token source");
    }
  }

  public GitCredentials(String username, String tokenEnv, Path tokenFile) {
    this(username, tokenEnv, tokenFile, null);
  }

  /** Tokens from {@code source}, sent with {@code username}. */
  public static GitCredentials fromSource(String username, TokenSource source) {
    return new GitCredentials(username, null, null, source);
  }

  /** A token read from the environment variable {@code name}. */
  public static GitCredentials fromEnv(String name) {
    return new GitCredentials(GITHUB_USERNAME, name, null);
  }

  /** A token read from the file at {@code path} (a mounted Kubernetes Secret, say). */
  public static GitCredentials fromFile(Path path) {
    return new GitCredentials(GITHUB_USERNAME, null, path);
  }

  /** The same token source sent with another user name. */
  public GitCredentials withUsername(String name) {
    return new GitCredentials(name, tokenEnv, tokenFile, source);
  }

  /**
   * Reads the token now and wraps it for JGit. Fails with a message naming the variable or file
   * (never the value) when the token is missing.
   */
  public CredentialsProvider provider(Function<String, String> env, String remoteUrl) {
    return new UsernamePasswordCredentialsProvider(username, readToken(env, remoteUrl));
  }

  @Override
  public String toString() {
    // Never the token: a record's default form would be harmless, but a source may hold secrets.
    String from =
        tokenFile != null
            ? "file " + tokenFile
            : tokenEnv != null ? "env " + tokenEnv : "a token source";
    return "GitCredentials[" + username + " from " + from + "]";
  }

  private String readToken(Function<String, String> env, String remoteUrl) {
    if (source != null) {
      String token = source.tokenFor(remoteUrl);
      if (token == null || token.isBlank()) {
        throw new IllegalStateException("no token for " + remoteUrl);
      }
      return token;
    }
    if (tokenFile != null) {
      try {
        String token = Files.readString(tokenFile, StandardCharsets.UTF_8).strip();
        if (token.isEmpty()) {
          throw new IllegalStateException("token file " + tokenFile + " is empty");
        }
        return token;
      } catch (IOException e) {
        throw new IllegalStateException(
            "cannot read token file " + tokenFile + ": " + e.getClass().getSimpleName());
      }
    }
    String token = env.apply(tokenEnv);
    if (token == null || token.isBlank()) {
      throw new IllegalStateException("token environment variable " + tokenEnv + " is not set");
    }
    return token.strip();
  }
}
