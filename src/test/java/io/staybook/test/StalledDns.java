package io.staybook.test;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.net.spi.InetAddressResolver;
import java.net.spi.InetAddressResolverProvider;
import java.time.Duration;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * A name server that stalls, for the test JVM: the JDK's resolver SPI (JEP 418), registered in
 * {@code META-INF/services/java.net.spi.InetAddressResolverProvider}, answers every name as the system's resolver does,
 * but a name under {@code .stalled-dns.test} (a reserved top-level domain, RFC 6761) is held by a {@link Stall} until
 * the stall is closed, then resolves to 127.0.0.1. A name under it with no stall open does not resolve.
 */
public final class StalledDns extends InetAddressResolverProvider {

	/** The suffix of the names this resolver holds. */
	public static final String DOMAIN = ".stalled-dns.test";

	private static final ConcurrentHashMap<String, Stall> STALLS = new ConcurrentHashMap<>();

	/** Holds every lookup of {@code name} (which must end with {@link #DOMAIN}) until the stall is closed. */
	public static Stall stall(String name) {
		if (!name.endsWith(DOMAIN)) {
			throw new IllegalArgumentException(name + " is not under " + DOMAIN);
		}
		Stall stall = new Stall(name);
		STALLS.put(name, stall);
		return stall;
	}

	/** One stalled name: {@link #awaitLookup} until someone asks for it, {@link #close} to answer. */
	public static final class Stall implements AutoCloseable {

		private final String name;

		private final CountDownLatch asked = new CountDownLatch(1);

		private final CountDownLatch released = new CountDownLatch(1);

		private Stall(String name) {
			this.name = name;
		}

		/** Waits until a lookup of the name is being held. */
		public void awaitLookup(Duration timeout) throws InterruptedException {
			if (!asked.await(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
				throw new AssertionError("nobody looked up " + name + " within " + timeout);
			}
		}

		/** Answers the held lookups (and every later one) with 127.0.0.1. */
		@Override
		public void close() {
			released.countDown();
		}

		InetAddress[] resolve() throws UnknownHostException {
			asked.countDown();
			try {
				if (!released.await(60, TimeUnit.SECONDS)) {
					throw new UnknownHostException(name + ": the stall was never closed");
				}
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
				throw new UnknownHostException(name + ": interrupted");
			}
			return new InetAddress[] { InetAddress.getByAddress(name, new byte[] { 127, 0, 0, 1 }) };
		}
	}

	@Override
	public InetAddressResolver get(Configuration configuration) {
		InetAddressResolver system = configuration.builtinResolver();
		return new InetAddressResolver() {
			@Override
			public Stream<InetAddress> lookupByName(String host, LookupPolicy policy) throws UnknownHostException {
				if (!host.endsWith(DOMAIN)) {
					return system.lookupByName(host, policy);
				}
				Stall stall = STALLS.get(host);
				if (stall == null) {
					throw new UnknownHostException(host);
				}
				return Stream.of(stall.resolve());
			}

			@Override
			public String lookupByAddress(byte[] address) throws UnknownHostException {
				return system.lookupByAddress(address);
			}
		};
	}

	@Override
	public String name() {
		return "stalled-dns";
	}
}
