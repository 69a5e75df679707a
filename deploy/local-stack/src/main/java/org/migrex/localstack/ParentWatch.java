package org.migrex.localstack;

/**
 * Java agent loaded into every child JVM ({@code -javaagent:parent-watch.jar=<parent pid>}): when the
 * process that launched the child is gone (the child was re-parented, typically because the parent was
 * killed with SIGKILL and could not run its shutdown hook), the child exits through its own shutdown
 * hooks, and is halted if those hang for more than {@value #HALT_AFTER_MILLIS} ms. Without it, a killed
 * test JVM would leave a broker and a registry running.
 *
 * <p>This class must stay self-contained (no other classes of this module, no anonymous classes): the
 * local stack copies its bytes alone into the agent jar.
 */
public final class ParentWatch {

    static final long POLL_MILLIS = 1000;
    static final long HALT_AFTER_MILLIS = 20_000;

    private ParentWatch() {
    }

    public static void premain(String agentArgs) {
        long parentPid = Long.parseLong(agentArgs.trim());
        Thread watcher = new Thread(() -> watch(parentPid), "migrex-parent-watch");
        watcher.setDaemon(true);
        watcher.start();
    }

    private static void watch(long parentPid) {
        while (true) {
            try {
                Thread.sleep(POLL_MILLIS);
            } catch (InterruptedException e) {
                return;
            }
            long currentParent = ProcessHandle.current().parent().map(ProcessHandle::pid).orElse(-1L);
            if (currentParent != parentPid) {
                System.err.println("[migrex-parent-watch] parent process " + parentPid
                        + " is gone; shutting this process down");
                Thread halt = new Thread(ParentWatch::haltLater, "migrex-parent-watch-halt");
                halt.setDaemon(true);
                halt.start();
                System.exit(0);
            }
        }
    }

    private static void haltLater() {
        try {
            Thread.sleep(HALT_AFTER_MILLIS);
        } catch (InterruptedException e) {
            // fall through: halting is the point
        }
        Runtime.getRuntime().halt(1);
    }
}
