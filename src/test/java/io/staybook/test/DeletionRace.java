package io.staybook.test;

import static org.assertj.core.api.Assertions.assertThat;

import io.staybook.test.Accounts.TestUser;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Callable;
import javax.sql.DataSource;

/**
 * A write made for an account while the account's deletion is under way: the deletion has marked the account's row
 * deleted (not yet committed) and is held, on a wishlist of the account's that it deletes after that, by a lock from
 * outside ({@link HeldRowRace}); the write is sent then, waits on the account's row, and both are let go. Before V46 and
 * V49 such a write waited for the deletion and was then made, for an account that no longer existed.
 */
public final class DeletionRace {

	private DeletionRace() {
	}

	/**
	 * The answer to {@code write}, made while {@code account} deletes itself (which must answer 204).
	 */
	public static Api.Response writeWhileDeleting(Api api, DataSource dataSource, TestUser account,
			Callable<Api.Response> write) throws Exception {
		Api.Response list = api.post("/api/v1/wishlists", Map.of("name", "Held")).as(account).send();
		assertThat(list.status()).as(list.toString()).isEqualTo(201);
		List<Api.Response> answers = HeldRowRace.race(dataSource, "select 1 from wishlists where id = ? for update",
				UUID.fromString(list.body().path("id").asString()),
				() -> api.delete("/api/v1/users/" + account.id()).as(account).send(), write);
		assertThat(answers.get(0).status()).as("the deletion: %s", answers.get(0)).isEqualTo(204);
		return answers.get(1);
	}

	/** A GraphQL request over HTTP, as {@code as}, for {@link #writeWhileDeleting}. */
	public static Api.Response graphQl(Api api, TestUser as, String document, Map<String, Object> variables) {
		return api.post("/graphql", Map.of("query", document, "variables", variables)).as(as).send();
	}
}
