package io.staybook.shared.database;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * The reads of this method may be served by the read replica, and so be up to
 * {@code staybook.datasource.replica.max-lag} behind the primary: put it on public reads (search, listing detail,
 * availability, reviews), never on what a writer must see at once (bookings, payments, accounts) or what a write decides
 * from. The replica is used only when one is configured and serving, inside an HTTP request that has not written yet,
 * and only for statements outside a read-write transaction (in one, everything stays on its primary connection); the
 * method may be non-transactional or {@code @Transactional(readOnly = true)}. Without a replica this does nothing.
 * See {@link ReadRouting}.
 */
@Target(ElementType.METHOD)
@Retention(RetentionPolicy.RUNTIME)
@Documented
public @interface ReplicaReads {
}
