package io.imagefactory.staterepo;

import jakarta.servlet.Filter;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletOutputStream;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletResponse;
import jakarta.servlet.WriteListener;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpServletResponseWrapper;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.Base64;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.catalina.LifecycleException;
import org.apache.catalina.connector.Connector;
import org.apache.catalina.core.StandardContext;
import org.apache.catalina.startup.Tomcat;
import org.apache.tomcat.util.descriptor.web.FilterDef;
import org.apache.tomcat.util.descriptor.web.FilterMap;
import org.eclipse.jgit.errors.RepositoryNotFoundException;
import org.eclipse.jgit.http.server.GitServlet;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.storage.file.FileRepositoryBuilder;
import org.eclipse.jgit.transport.ReceivePack;

/**
 * A real smart-HTTP git server for tests: JGit's {@link GitServlet} in embedded Tomcat on 127.0.0.1
 * and a random port, serving the bare repositories in one directory under {@code /git/<name>},
 * behind HTTP Basic auth that accepts exactly one token. It counts fetches and can break the next
 * push before or after the server updated the branch, or hold it until released.
 */
public final class GitHttpServer implements AutoCloseable {

  /** How the next push fails. */
  public enum Fault {
    /** The pack is received but the server answers 500 without updating the branch. */
    BEFORE_UPDATE,
    /** The branch is updated but the client only sees a 500. */
    AFTER_UPDATE
  }

  /** Held so the level sticks: Tomcat logs through java.util.logging, chatty at INFO. */
  private static final java.util.logging.Logger TOMCAT_LOG =
      java.util.logging.Logger.getLogger("org.apache");

  private final Tomcat tomcat;
  private final int port;
  private final AtomicInteger fetches = new AtomicInteger();
  private final AtomicInteger refused = new AtomicInteger();
  private final AtomicReference<Fault> nextPushFault = new AtomicReference<>();
  private final AtomicReference<Fault> everyPushFault = new AtomicReference<>();
  private final AtomicInteger failedPushes = new AtomicInteger();
  private final AtomicReference<PushHold> nextPushHold = new AtomicReference<>();

  /**
   * A push held by the server: its pack received, the branch not yet updated. {@link #release} lets
   * the server update the branch, whether or not the client is still there to hear it.
   */
  public static final class PushHold {
    private final java.util.concurrent.CountDownLatch held =
        new java.util.concurrent.CountDownLatch(1);
    private final java.util.concurrent.CountDownLatch released =
        new java.util.concurrent.CountDownLatch(1);

    /** True once a push is held, waiting at most {@code timeout}. */
    public boolean awaitHeld(java.time.Duration timeout) throws InterruptedException {
      return held.await(timeout.toMillis(), java.util.concurrent.TimeUnit.MILLISECONDS);
    }

    public void release() {
      released.countDown();
    }
  }

  private GitHttpServer(Path workDir, Path reposDir, String token) throws LifecycleException {
    tomcat = new Tomcat();
    tomcat.setBaseDir(workDir.toString());
    Connector connector = new Connector();
    connector.setPort(0);
    connector.setProperty("address", "127.0.0.1");
    tomcat.setConnector(connector);
    TOMCAT_LOG.setLevel(java.util.logging.Level.WARNING);
    StandardContext context = (StandardContext) tomcat.addContext("", workDir.toString());
    // Leak detection needs --add-opens and only warns; there is no web app to leak here.
    context.setClearReferencesThreadLocals(false);
    context.setClearReferencesRmiTargets(false);
    GitServlet servlet = new GitServlet();
    servlet.setRepositoryResolver((req, name) -> open(reposDir, name));
    servlet.setReceivePackFactory((req, db) -> new ReceivePack(db));
    Tomcat.addServlet(context, "git", servlet);
    context.addServletMappingDecoded("/git/*", "git");
    FilterDef auth = new FilterDef();
    auth.setFilterName("token");
    auth.setFilter(new TokenFilter(token));
    context.addFilterDef(auth);
    FilterMap map = new FilterMap();
    map.setFilterName("token");
    map.addURLPattern("/*");
    context.addFilterMap(map);
    tomcat.start();
    port = connector.getLocalPort();
  }

  /** Starts a server on 127.0.0.1 serving the bare repositories in {@code reposDir}. */
  public static GitHttpServer start(Path workDir, Path reposDir, String token)
      throws LifecycleException {
    return new GitHttpServer(workDir, reposDir, token);
  }

  /**
   * The URL of repository {@code name} (a directory in the served folder, e.g. {@code state.git}).
   */
  public String url(String name) {
    return "http://127.0.0.1:" + port + "/git/" + name;
  }

  /** Authorised fetch negotiations started (one per fetch, whatever the protocol version). */
  public int fetches() {
    return fetches.get();
  }

  /** Requests refused for a missing or wrong token. */
  public int refused() {
    return refused.get();
  }

  /** Holds the next push after its pack is received, until the returned hold is released. */
  public PushHold holdNextPush() {
    PushHold hold = new PushHold();
    nextPushHold.set(hold);
    return hold;
  }

  /** Makes the next push fail in the given way. */
  public void failNextPush(Fault fault) {
    nextPushFault.set(fault);
  }

  /**
   * Makes every push fail in the given way until {@link #acceptPushes()}: a remote that refuses
   * writes for a while (an outage of the git host, a protected branch, a revoked write scope).
   */
  public void failPushes(Fault fault) {
    everyPushFault.set(fault);
  }

  /** Ends {@link #failPushes}: pushes go through again. */
  public void acceptPushes() {
    everyPushFault.set(null);
  }

  /** Pushes failed on purpose so far, by {@link #failNextPush} or {@link #failPushes}. */
  public int failedPushes() {
    return failedPushes.get();
  }

  @Override
  public void close() throws LifecycleException {
    tomcat.stop();
    tomcat.destroy();
  }

  private static Repository open(Path reposDir, String name) throws RepositoryNotFoundException {
    Path dir = reposDir.resolve(name).normalize();
    if (!dir.startsWith(reposDir) || !dir.resolve("HEAD").toFile().exists()) {
      throw new RepositoryNotFoundException(name);
    }
    try {
      return new FileRepositoryBuilder().setGitDir(dir.toFile()).setMustExist(true).build();
    } catch (IOException e) {
      throw new RepositoryNotFoundException(name, e);
    }
  }

  private final class TokenFilter implements Filter {
    private final byte[] token;

    TokenFilter(String token) {
      this.token = token.getBytes(StandardCharsets.UTF_8);
    }

    @Override
    public void doFilter(ServletRequest request, ServletResponse response, FilterChain chain)
        throws IOException, ServletException {
      HttpServletRequest req = (HttpServletRequest) request;
      HttpServletResponse rsp = (HttpServletResponse) response;
      if (!authorised(req.getHeader("Authorization"))) {
        if (req.getHeader("Authorization") != null) {
          refused.incrementAndGet();
        }
        rsp.setHeader("WWW-Authenticate", "Basic realm=\"git\"");
        rsp.sendError(HttpServletResponse.SC_UNAUTHORIZED);
        return;
      }
      if ("git-upload-pack".equals(req.getParameter("service"))) {
        fetches.incrementAndGet();
      }
      boolean push = req.getRequestURI().endsWith("/git-receive-pack");
      Fault next = push ? nextPushFault.getAndSet(null) : null;
      Fault fault = push && next == null ? everyPushFault.get() : next;
      if (fault != null) {
        failedPushes.incrementAndGet();
      }
      PushHold hold = push ? nextPushHold.getAndSet(null) : null;
      if (hold != null) {
        byte[] body = req.getInputStream().readAllBytes();
        hold.held.countDown();
        try {
          hold.released.await();
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          throw new IOException("interrupted while holding a push", e);
        }
        chain.doFilter(new ReplayedRequest(req, body), new DiscardingResponse(rsp));
      } else if (fault == Fault.BEFORE_UPDATE) {
        req.getInputStream().readAllBytes();
        rsp.sendError(HttpServletResponse.SC_INTERNAL_SERVER_ERROR);
      } else if (fault == Fault.AFTER_UPDATE) {
        chain.doFilter(request, new DiscardingResponse(rsp));
        rsp.reset();
        rsp.sendError(HttpServletResponse.SC_INTERNAL_SERVER_ERROR);
      } else {
        chain.doFilter(request, response);
      }
    }

    private boolean authorised(String header) {
      if (header == null || !header.startsWith("Basic ")) {
        return false;
      }
      String decoded =
          new String(Base64.getDecoder().decode(header.substring(6)), StandardCharsets.UTF_8);
      int colon = decoded.indexOf(':');
      return colon >= 0
          && MessageDigest.isEqual(
              token, decoded.substring(colon + 1).getBytes(StandardCharsets.UTF_8));
    }
  }

  /** A request whose body was read already, read again from memory. */
  private static final class ReplayedRequest
      extends jakarta.servlet.http.HttpServletRequestWrapper {
    private final byte[] body;

    ReplayedRequest(HttpServletRequest request, byte[] body) {
      super(request);
      this.body = body;
    }

    @Override
    public jakarta.servlet.ServletInputStream getInputStream() {
      java.io.ByteArrayInputStream in = new java.io.ByteArrayInputStream(body);
      return new jakarta.servlet.ServletInputStream() {
        @Override
        public boolean isFinished() {
          return in.available() == 0;
        }

        @Override
        public boolean isReady() {
          return true;
        }

        @Override
        public void setReadListener(jakarta.servlet.ReadListener listener) {}

        @Override
        public int read() {
          return in.read();
        }

        @Override
        public int read(byte[] b, int off, int len) {
          return in.read(b, off, len);
        }
      };
    }
  }

  /** Lets the servlet run to completion while its answer never reaches the client. */
  private static final class DiscardingResponse extends HttpServletResponseWrapper {
    private final ServletOutputStream sink =
        new ServletOutputStream() {
          @Override
          public boolean isReady() {
            return true;
          }

          @Override
          public void setWriteListener(WriteListener listener) {}

          @Override
          public void write(int b) {}

          @Override
          public void write(byte[] b, int off, int len) {}
        };

    DiscardingResponse(HttpServletResponse response) {
      super(response);
    }

    @Override
    public ServletOutputStream getOutputStream() {
      return sink;
    }

    @Override
    public PrintWriter getWriter() {
      return new PrintWriter(sink);
    }

    @Override
    public void flushBuffer() {}
  }
}
