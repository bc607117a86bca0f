package io.idvmedia.staging;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.runtime.ShutdownEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;
import java.time.Clock;
import java.util.function.Supplier;
import org.jboss.logging.Logger;

/**
 * The job queue this deployment uses: SQS when {@code idv.jobs.queue-url} is set, else an executor in this process,
 * as the log says when the queue is first needed. The SQS sender is made on first use, never at start-up (nor
 * captured in a snapshot).
 */
@ApplicationScoped
public class JobQueues {

    private static final Logger LOG = Logger.getLogger(JobQueues.class);

    private final JobsConfig config;
    private InProcessJobQueue inProcess;

    public JobQueues(JobsConfig config) {
        this.config = config;
    }

    @Produces
    @Singleton
    JobQueue queue(StageSessionOperation stage, ObjectMapper json) {
        if (config.queueUrl().isPresent()) {
            LOG.info("Staging jobs go to the SQS queue of idv.jobs.queue-url; the stage-session function runs them");
            return new SqsJobQueue(memoize(() -> SqsSender.configured(config.sqs(), json)), config.queueUrl().get(),
                    json);
        }
        LOG.infof("Staging jobs run in this process (%d workers, %d waiting at most): jobs still waiting when it"
                + " stops are lost; set idv.jobs.queue-url to use SQS", config.workers(), config.backlog());
        inProcess = new InProcessJobQueue(stage, config.workers(), config.backlog(), config.timeBudget(),
                Clock.systemUTC());
        return inProcess;
    }

    void stopped(@Observes ShutdownEvent event) {
        if (inProcess != null) {
            inProcess.shutdown();
        }
    }

    private static <T> Supplier<T> memoize(Supplier<T> make) {
        return new Supplier<>() {
            private volatile T value;

            @Override
            public synchronized T get() {
                if (value == null) {
                    value = make.get();
                }
                return value;
            }
        };
    }
}
