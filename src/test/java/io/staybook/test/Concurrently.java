package io.staybook.test;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.IntFunction;

/** Requests released together from a start gate, to race each other in the service and the database. */
public final class Concurrently {

	private Concurrently() {
	}

	/** Sends {@code count} requests that start together, and waits for all their answers (in request order). */
	public static List<Api.Response> send(int count, IntFunction<Api.Response> request) throws Exception {
		CountDownLatch start = new CountDownLatch(1);
		try (ExecutorService threads = Executors.newFixedThreadPool(count)) {
			List<Future<Api.Response>> futures = new ArrayList<>();
			for (int i = 0; i < count; i++) {
				int index = i;
				Callable<Api.Response> call = () -> {
					start.await();
					return request.apply(index);
				};
				futures.add(threads.submit(call));
			}
			start.countDown();
			List<Api.Response> responses = new ArrayList<>();
			for (Future<Api.Response> future : futures) {
				responses.add(future.get());
			}
			return responses;
		}
	}
}
