package spiky.server.cli;

import java.util.List;
import spiky.Progress;
import spiky.proc.Jobs;

/**
 * Shows on the terminal the progress of the procedure a CLI command runs through Cypher: the
 * procedure reports to its job (what spiky.progress() lists), and this thread copies the job's
 * stage to a {@link Progress} a few times a second until closed.
 */
final class JobWatcher implements AutoCloseable {
    private final Thread thread;
    private volatile boolean open = true;

    /** @param jobs the jobs of the database the procedure runs on (its SpikyService's) */
    JobWatcher(Jobs jobs, String procedure, Progress out) {
        thread = new Thread(() -> {
            while (open) {
                List<Jobs.Status> running = jobs.running();
                for (Jobs.Status s : running) {
                    if (s.procedure().equals(procedure)) {
                        out.report(s.stage(), s.done(), s.total());
                    }
                }
                try {
                    Thread.sleep(200);
                } catch (InterruptedException e) {
                    return;
                }
            }
        }, "spiky-cli-progress");
        thread.setDaemon(true);
        thread.start();
    }

    @Override
    public void close() {
        open = false;
        thread.interrupt();
    }
}
