package io.staybook.graphql;

import static io.staybook.graphql.GraphQlAssertions.assertInvalid;
import static io.staybook.graphql.GraphQlAssertions.assertRefused;
import static org.assertj.core.api.Assertions.assertThat;

import io.staybook.test.Accounts.TestUser;
import io.staybook.test.IntegrationTest;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Calendar sync's GraphQL twins, per role: icalExport, rotateIcalSecret, createIcalImport, icalImports and
 * deleteIcalImport, with the REST rules (host only, feed URLs checked at creation).
 */
@IntegrationTest
class IcalGraphQlIntegrationTests extends GraphQlOperationTests {

	static final String EXPORT = "query($id: ID!) { icalExport(propertyId: $id) { exportUrl } }";

	static final String ROTATE = "mutation($id: ID!) { rotateIcalSecret(propertyId: $id) { exportUrl } }";

	static final String CREATE = """
			mutation($id: ID!, $input: CreateIcalImportInput!, $key: String) {
			  createIcalImport(propertyId: $id, input: $input, idempotencyKey: $key) {
			    id url name lastSyncedAt lastError conflicts { start end }
			  }
			}""";

	static final String LIST = """
			query($id: ID!, $first: Int, $after: String) {
			  icalImports(propertyId: $id, first: $first, after: $after) {
			    edges { cursor node { id url name lastSyncedAt lastError conflicts { start end } } }
			    pageInfo { hasNextPage endCursor }
			  }
			}""";

	static final String DELETE = "mutation($id: ID!, $importId: ID!) { deleteIcalImport(propertyId: $id, importId: $importId) }";

	@Test
	void theHostGetsAndRotatesTheExportUrl() {
		TestUser host = accounts.host();
		String id = listings.create(host).path("id").asString();
		String url = graphQl.as(host).document(EXPORT).variable("id", id).execute().path("icalExport.exportUrl")
			.entity(String.class).get();
		assertThat(url).contains("/api/v1/properties/" + id + "/calendar.ics?token=");
		assertThat(api.get(url.substring(url.indexOf("/api/v1/"))).send().status()).isEqualTo(200);

		String rotated = graphQl.as(host).document(ROTATE).variable("id", id).execute()
			.path("rotateIcalSecret.exportUrl").entity(String.class).get();
		assertThat(rotated).isNotEqualTo(url);
		assertThat(api.get(url.substring(url.indexOf("/api/v1/"))).send().status()).isEqualTo(404);
		assertThat(api.get(rotated.substring(rotated.indexOf("/api/v1/"))).send().status()).isEqualTo(200);
	}

	@Test
	void othersAreRefusedAsOverRest() {
		TestUser host = accounts.host();
		String id = listings.create(host).path("id").asString();
		assertRefused(graphQl.anonymous().document(EXPORT).variable("id", id).execute(), "icalExport", "UNAUTHORIZED",
				null);
		assertRefused(graphQl.as(accounts.host()).document(EXPORT).variable("id", id).execute(), "icalExport",
				"FORBIDDEN", "not_your_listing");
		assertRefused(graphQl.as(accounts.admin()).document(ROTATE).variable("id", id).execute(), "rotateIcalSecret",
				"FORBIDDEN", "not_your_listing");
		assertRefused(graphQl.as(accounts.host()).document(LIST).variable("id", id).execute(), "icalImports",
				"FORBIDDEN", "not_your_listing");
		assertRefused(graphQl.as(host).document(DELETE).variable("id", id)
			.variable("importId", "0190b3c2-7a51-7cc4-9f43-5a2b0c1d2e3f").execute(), "deleteIcalImport", "NOT_FOUND",
				null);
	}

	@Test
	void aFeedAtAPrivateAddressIsRefusedAndAPublicOneListedAndDeleted() {
		TestUser host = accounts.host();
		String id = listings.create(host).path("id").asString();
		assertInvalid(graphQl.as(host).document(CREATE).variable("id", id)
			.variable("input", Map.of("url", "http://10.0.0.8/feed.ics", "name", "Private")).execute(),
				"createIcalImport", "url");

		// a public address literal (TEST-NET-1, never routed) needs no DNS; the first sync is only scheduled here (jobs do not run in this context)
		var created = graphQl.as(host).document(CREATE).variable("id", id)
			.variable("input", Map.of("url", "https://93.184.215.14/calendar.ics", "name", "Elsewhere"))
			.variable("key", "gql-ical-" + id).execute();
		String importId = created.path("createIcalImport.id").entity(String.class).get();
		created.path("createIcalImport.lastSyncedAt").valueIsNull();
		created.path("createIcalImport.conflicts").entityList(Object.class).hasSize(0);
		String replayed = graphQl.as(host).document(CREATE).variable("id", id)
			.variable("input", Map.of("url", "https://93.184.215.14/calendar.ics", "name", "Elsewhere"))
			.variable("key", "gql-ical-" + id).execute().path("createIcalImport.id").entity(String.class).get();
		assertThat(replayed).isEqualTo(importId);

		var listed = graphQl.as(host).document(LIST).variable("id", id).variable("first", 10).execute();
		listed.path("icalImports.edges[0].node.id").entity(String.class).isEqualTo(importId);
		listed.path("icalImports.pageInfo.hasNextPage").entity(Boolean.class).isEqualTo(false);

		graphQl.as(host).document(DELETE).variable("id", id).variable("importId", importId).execute()
			.path("deleteIcalImport").entity(Boolean.class).isEqualTo(true);
		graphQl.as(host).document(LIST).variable("id", id).execute().path("icalImports.edges")
			.entityList(Object.class).hasSize(0);
	}
}
