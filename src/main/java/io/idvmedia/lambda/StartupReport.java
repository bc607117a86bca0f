package io.idvmedia.lambda;

import io.quarkus.arc.Arc;
import io.quarkus.arc.ArcContainer;
import io.quarkus.arc.InjectableBean;
import io.quarkus.arc.InjectableContext;
import io.quarkus.runtime.StartupEvent;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Singleton;
import java.lang.annotation.Annotation;
import java.util.List;
import java.util.TreeSet;
import org.jboss.logging.Logger;

/**
 * Says, once start-up is over (the warm-up beside it included, where there is one: {@link Priming}), which of the
 * application's beans start-up made: everything else is made on first use. A function should start with next to
 * none of them (the packaging test holds each function to a list); a bean made here is work every cold start pays
 * before its first event, whether that event needs it or not.
 */
public final class StartupReport {

    static final String PREFIX = "Beans made at start: ";
    private static final Logger LOG = Logger.getLogger(StartupReport.class);
    private static final String APPLICATION = "io.idvmedia.";

    StartupReport() {
        // Never made: its observer is static.
    }

    /** Observes start-up after every other observer, without making a bean of its own. */
    static void report(@Observes @Priority(Integer.MAX_VALUE) StartupEvent started) {
        Priming.awaitWarmUp();
        LOG.info(PREFIX + made());
        ClassDataArchive.report();
    }

    /** The application's beans (by class) that exist now in the application and singleton contexts. */
    static TreeSet<String> made() {
        TreeSet<String> names = new TreeSet<>();
        ArcContainer arc = Arc.container();
        for (Class<? extends Annotation> scope : List.of(ApplicationScoped.class, Singleton.class)) {
            InjectableContext context = arc.getActiveContext(scope);
            if (context == null) {
                continue;
            }
            for (InjectableBean<?> bean : context.getState().getContextualInstances().keySet()) {
                String name = bean.getBeanClass().getName();
                if (name.startsWith(APPLICATION)) {
                    names.add(name.substring(APPLICATION.length())
                            + (bean.getKind() == InjectableBean.Kind.CLASS ? "" : " (" + bean.getKind() + ")"));
                }
            }
        }
        return names;
    }
}
