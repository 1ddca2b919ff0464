package io.imagefactory.determinism;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;
import org.objectweb.asm.ClassReader;
import org.objectweb.asm.ClassVisitor;
import org.objectweb.asm.Handle;
import org.objectweb.asm.MethodVisitor;
import org.objectweb.asm.Opcodes;
import org.objectweb.asm.Type;

/**
 * Reads compiled classes with ASM and lists what workflow code must not do: read the wall clock,
 * sleep, start threads, draw randomness outside {@code Workflow.*}, use executors or locks, take a
 * monitor, or do file and network I/O. Each finding names the class, the method and the call, with
 * the workflow-side API to use instead.
 */
final class ForbiddenCalls {

  /** A member of an owner ({@code *} for any member, including constructors), and why not. */
  private record Rule(String ownerPrefix, String member, String instead) {
    boolean matches(String owner, String name) {
      return owner.startsWith(ownerPrefix) && (member.equals("*") || member.equals(name));
    }
  }

  private static final String CLOCK = "use Workflow.currentTimeMillis()";
  private static final String SLEEP = "use Workflow.sleep or a timer";
  private static final String THREADS = "use Async, Promise and Workflow.await";
  private static final String RANDOM = "use Workflow.newRandom() or Workflow.randomUUID()";
  private static final String IO = "do I/O in an activity";

  private static final List<Rule> RULES =
      List.of(
          new Rule("java/lang/System", "currentTimeMillis", CLOCK),
          new Rule("java/lang/System", "nanoTime", CLOCK),
          new Rule("java/time/Instant", "now", CLOCK),
          new Rule("java/time/LocalDateTime", "now", CLOCK),
          new Rule("java/time/LocalDate", "now", CLOCK),
          new Rule("java/time/LocalTime", "now", CLOCK),
          new Rule("java/time/ZonedDateTime", "now", CLOCK),
          new Rule("java/time/OffsetDateTime", "now", CLOCK),
          new Rule("java/time/Clock", "*", CLOCK),
          new Rule("java/lang/Thread", "sleep", SLEEP),
          new Rule("java/lang/Thread", "<init>", THREADS),
          new Rule("java/lang/Thread", "start", THREADS),
          new Rule("java/util/UUID", "randomUUID", RANDOM),
          new Rule("java/util/Random", "<init>", RANDOM),
          new Rule("java/lang/Math", "random", RANDOM),
          new Rule("java/util/concurrent/ThreadLocalRandom", "*", RANDOM),
          new Rule("java/security/SecureRandom", "*", RANDOM),
          new Rule("java/util/concurrent/Executor", "*", THREADS),
          new Rule("java/util/concurrent/ScheduledExecutor", "*", THREADS),
          new Rule("java/util/concurrent/ForkJoinPool", "*", THREADS),
          new Rule("java/util/concurrent/CompletableFuture", "*", THREADS),
          new Rule("java/util/concurrent/locks/", "*", THREADS),
          new Rule("java/io/File", "*", IO),
          new Rule("java/io/RandomAccessFile", "*", IO),
          new Rule("java/nio/file/", "*", IO),
          new Rule("java/nio/channels/", "*", IO),
          new Rule("java/net/", "*", IO));

  private ForbiddenCalls() {}

  /** The findings in the class {@code bytes}, sorted; empty when it does nothing forbidden. */
  static List<String> in(byte[] bytes) {
    TreeSet<String> findings = new TreeSet<>();
    new ClassReader(bytes).accept(new Scanner(findings), ClassReader.SKIP_FRAMES);
    return new ArrayList<>(findings);
  }

  /** The findings in {@code type}, read from its class file on the class path. */
  static List<String> in(Class<?> type) {
    String resource = "/" + type.getName().replace('.', '/') + ".class";
    try (InputStream in = type.getResourceAsStream(resource)) {
      return in(in.readAllBytes());
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + resource, e);
    }
  }

  private static final class Scanner extends ClassVisitor {
    private final TreeSet<String> findings;
    private String className;

    Scanner(TreeSet<String> findings) {
      super(Opcodes.ASM9);
      this.findings = findings;
    }

    @Override
    public void visit(
        int version, int access, String name, String signature, String superName, String[] faces) {
      className = name;
      if (superName != null && superName.equals("java/lang/Thread")) {
        findings.add(name + ": extends java/lang/Thread (" + THREADS + ")");
      }
    }

    @Override
    public MethodVisitor visitMethod(
        int access, String name, String descriptor, String signature, String[] exceptions) {
      String where = className + "." + name;
      if ((access & Opcodes.ACC_SYNCHRONIZED) != 0) {
        findings.add(where + ": synchronized method (" + THREADS + ")");
      }
      return new MethodVisitor(Opcodes.ASM9) {
        @Override
        public void visitMethodInsn(
            int opcode, String owner, String method, String desc, boolean isInterface) {
          check(where, owner, method);
        }

        @Override
        public void visitFieldInsn(int opcode, String owner, String field, String desc) {
          check(where, owner, field);
          check(where, Type.getType(desc));
        }

        @Override
        public void visitTypeInsn(int opcode, String type) {
          check(where, type, opcode == Opcodes.NEW ? "<init>" : "*");
        }

        @Override
        public void visitLdcInsn(Object value) {
          if (value instanceof Type type) {
            check(where, type);
          }
        }

        @Override
        public void visitInsn(int opcode) {
          if (opcode == Opcodes.MONITORENTER) {
            findings.add(where + ": synchronized block (" + THREADS + ")");
          }
        }

        @Override
        public void visitInvokeDynamicInsn(
            String method, String desc, Handle bootstrap, Object... arguments) {
          // A method reference such as Instant::now is a handle among the bootstrap arguments.
          for (Object argument : arguments) {
            if (argument instanceof Handle handle) {
              check(where, handle.getOwner(), handle.getName());
            }
          }
        }
      };
    }

    private void check(String where, Type type) {
      Type element = type.getSort() == Type.ARRAY ? type.getElementType() : type;
      if (element.getSort() == Type.OBJECT) {
        check(where, element.getInternalName(), "*");
      }
    }

    private void check(String where, String owner, String member) {
      for (Rule rule : RULES) {
        boolean anyMember = rule.member().equals("*");
        boolean found =
            member.equals("*")
                ? anyMember && owner.startsWith(rule.ownerPrefix())
                : rule.matches(owner, member);
        if (found) {
          String used = owner + (member.equals("*") ? "" : "." + member);
          findings.add(where + ": uses " + used + " (" + rule.instead() + ")");
          return;
        }
      }
    }
  }
}
