package io.staybook.shared.observability;

import java.time.Duration;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.StreamSupport;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.boot.context.metrics.buffering.BufferingApplicationStartup;
import org.springframework.boot.context.metrics.buffering.StartupTimeline.TimelineEvent;
import org.springframework.core.metrics.StartupStep;

/**
 * Where a start goes, for profiling it (docs/benchmarks.md, "Where start-up goes"): started with the system property
 * {@code -Dstaybook.startup.steps=N}, the application records Spring's start-up steps ({@link
 * BufferingApplicationStartup}) and, once ready, logs at INFO the N steps that took longest by self time (a step's
 * duration less its children's: a bean's own constructor and initialization, not the beans it pulled in), then the
 * self time summed per step name, and lets the recording go. Unset (production), nothing is recorded and nothing
 * changes.
 */
public final class StartupSteps {

	/** The system property naming how many steps to log; unset, recording is off. */
	public static final String PROPERTY = "staybook.startup.steps";

	private static final Logger log = LoggerFactory.getLogger(StartupSteps.class);

	private StartupSteps() {
	}

	/**
	 * Records the start-up steps of {@code application} and logs them once it is ready, when {@value #PROPERTY} is set.
	 *
	 * @param application not yet run
	 */
	public static void recordIfAsked(SpringApplication application) {
		int top = Integer.getInteger(PROPERTY, 0);
		if (top <= 0) {
			return;
		}
		BufferingApplicationStartup startup = new BufferingApplicationStartup(50_000);
		application.setApplicationStartup(startup);
		application.addListeners(event -> {
			if (event instanceof ApplicationReadyEvent) {
				report(startup.drainBufferedTimeline().getEvents(), top);
			}
		});
	}

	private static void report(List<TimelineEvent> events, int top) {
		Map<Long, Duration> children = new HashMap<>();
		for (TimelineEvent event : events) {
			Long parent = event.getStartupStep().getParentId();
			if (parent != null) {
				children.merge(parent, event.getDuration(), Duration::plus);
			}
		}
		List<Self> selves = events.stream().map(event -> {
			StartupStep step = event.getStartupStep();
			String tags = StreamSupport.stream(step.getTags().spliterator(), false)
					.map(tag -> tag.getKey() + "=" + tag.getValue()).collect(Collectors.joining(","));
			long self = event.getDuration().minus(children.getOrDefault(step.getId(), Duration.ZERO)).toMillis();
			return new Self(step.getName(), tags, self);
		}).sorted(Comparator.comparingLong(Self::millis).reversed()).toList();
		long total = selves.stream().mapToLong(Self::millis).sum();
		log.info("Start-up steps: {} recorded, {} ms of self time in all; the {} longest:", events.size(), total, top);
		selves.stream().limit(top).forEach(self -> log.info("  {} ms  {} {}", self.millis(), self.name(), self.tags()));
		log.info("Self time per step name:");
		selves.stream().collect(Collectors.groupingBy(Self::name, Collectors.summingLong(Self::millis))).entrySet()
				.stream().sorted(Map.Entry.<String, Long>comparingByValue().reversed()).limit(top)
				.forEach(entry -> log.info("  {} ms  {}", entry.getValue(), entry.getKey()));
	}

	private record Self(String name, String tags, long millis) {
	}
}
