package io.staybook.property.graphql;

import graphql.execution.DataFetcherResult;
import graphql.schema.DataFetchingEnvironment;
import io.staybook.property.Availability;
import io.staybook.property.Listing;
import io.staybook.property.ListingFields;
import io.staybook.property.PropertyDetails;
import io.staybook.property.PropertyService;
import io.staybook.property.PropertyType;
import io.staybook.property.PropertyView;
import io.staybook.property.SearchCriteria;
import io.staybook.property.SearchSort;
import io.staybook.property.web.PropertyBody;
import io.staybook.shared.CalendarDates;
import io.staybook.shared.DomainException;
import io.staybook.shared.graphql.Connections.Connection;
import io.staybook.shared.graphql.Connections;
import io.staybook.shared.graphql.IdempotentResults;
import io.staybook.shared.graphql.SentNulls;
import io.staybook.shared.idempotency.IdempotencyScope;
import io.staybook.shared.idempotency.Idempotent;
import io.staybook.shared.paging.Page;
import io.staybook.shared.paging.PageRequest;
import io.staybook.shared.security.Actor;
import io.staybook.shared.validation.OnCreate;
import io.staybook.user.UserService;
import io.staybook.user.UserSummary;
import jakarta.validation.ConstraintViolation;
import jakarta.validation.ConstraintViolationException;
import jakarta.validation.Validator;
import jakarta.validation.groups.Default;
import java.math.BigDecimal;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.springframework.graphql.data.method.annotation.Argument;
import org.springframework.graphql.data.method.annotation.BatchMapping;
import org.springframework.graphql.data.method.annotation.MutationMapping;
import org.springframework.graphql.data.method.annotation.QueryMapping;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;

/** The listing operations of the GraphQL API; {@code Property.host} is loaded for a whole page at once. */
@Controller
class PropertyGraphQl {

	/** The name Spring for GraphQL registers the batch loader of {@link #host} under: its field coordinates. */
	private static final String HOST_LOADER = "Property.host";

	private final PropertyService properties;

	private final UserService users;

	private final Validator validator;

	private final Idempotent idempotent;

	PropertyGraphQl(PropertyService properties, UserService users, Validator validator, Idempotent idempotent) {
		this.idempotent = idempotent;
		this.properties = properties;
		this.users = users;
		this.validator = validator;
	}

	record Filter(String city, String country, String q, String minPrice, String maxPrice, String currency,
			Integer guests,
			PropertyType propertyType, List<String> amenities, UUID hostId, String checkIn, String checkOut,
			Double lat, Double lng, Double radiusKm) {
	}

	@QueryMapping
	PropertyView property(@Argument UUID id) {
		return properties.view(id);
	}

	/**
	 * A page of listings; their hosts come joined from the search's one statement and are handed to the batch loader
	 * of {@code Property.host} ({@link #host}) beforehand, so that the page's hosts cost no query of their own. Only
	 * the columns of the fields the page selects are read (as REST's {@code fields=}): a page of titles and prices
	 * leaves the descriptions, pricing rules and ratings in the table.
	 */
	@QueryMapping
	Connection<PropertyView> properties(@Argument Filter filter, @Argument SearchSort sort, @Argument Integer first,
			@Argument String after, DataFetchingEnvironment env) {
		PageRequest page = Connections.page(first, after);
		Page<Listing> found = properties.search(criteria(filter, sort), page, selected(env));
		return Connections.primed(found, page, Listing::property, Listing::host, env.getDataLoader(HOST_LOADER));
	}

	/**
	 * The listing fields a page's query selects on {@code edges/node} (fragments and aliases included), by their JSON
	 * names: {@code pricePerNight} is {@code price_per_night}. Fields that are no column ({@code photos},
	 * {@code reviews}) need only the id, which is always read.
	 */
	static ListingFields selected(DataFetchingEnvironment env) {
		return ListingFields.selected(env.getSelectionSet()
			.getFields("edges/node/*")
			.stream()
			.map(field -> snakeCase(field.getName()))
			.toList());
	}

	/** {@code pricePerNight} to {@code price_per_night}. */
	static String snakeCase(String name) {
		StringBuilder json = new StringBuilder(name.length() + 4);
		for (char c : name.toCharArray()) {
			if (Character.isUpperCase(c)) {
				json.append('_').append(Character.toLowerCase(c));
			}
			else {
				json.append(c);
			}
		}
		return json.toString();
	}

	@QueryMapping
	Availability availability(@Argument UUID propertyId, @Argument String from, @Argument String to) {
		return properties.availability(propertyId, CalendarDates.argument("from", from),
				CalendarDates.argument("to", to));
	}

	@MutationMapping
	DataFetcherResult<PropertyView> createProperty(@AuthenticationPrincipal Actor actor, @Argument PropertyBody input,
			@Argument String idempotencyKey, DataFetchingEnvironment env) {
		SentNulls.refuseBlankNumbers(env, "input", PropertyBody.class, "weekendPrice");
		validate(input, Default.class, OnCreate.class);
		Actor host = Actor.required(actor);
		PropertyDetails details = input.toNewListing();
		return IdempotentResults.of(idempotent.run(IdempotencyScope.user(host.id()), idempotencyKey, details,
				Listing.class, () -> properties.create(host, details)), Listing::property);
	}

	@MutationMapping
	PropertyView updateProperty(@AuthenticationPrincipal Actor actor, @Argument UUID id,
			@Argument PropertyBody input, DataFetchingEnvironment env) {
		SentNulls.refuseBlankNumbers(env, "input", PropertyBody.class, "weekendPrice");
		input = SentNulls.apply(env, "input", input);
		validate(input, Default.class);
		return properties.update(Actor.required(actor), id, input.toChange()).property();
	}

	@MutationMapping
	boolean deleteProperty(@AuthenticationPrincipal Actor actor, @Argument UUID id) {
		properties.delete(Actor.required(actor), id);
		return true;
	}

	/** The hosts of a whole page of listings, in one query. */
	@BatchMapping(typeName = "Property")
	Map<PropertyView, UserSummary> host(List<PropertyView> listings) {
		Map<UUID, UserSummary> hosts = users
			.summaries(listings.stream().map(PropertyView::hostId).collect(Collectors.toSet()));
		return listings.stream().distinct().collect(Collectors.toMap(Function.identity(), p -> hosts.get(p.hostId())));
	}

	/** REST validates bodies with groups too: the same constraints, the same answer. */
	private void validate(PropertyBody input, Class<?>... groups) {
		Set<ConstraintViolation<PropertyBody>> violations = validator.validate(input, groups);
		if (!violations.isEmpty()) {
			throw new ConstraintViolationException(violations);
		}
	}

	private static SearchCriteria criteria(Filter f, SearchSort sort) {
		if (f == null) {
			return new SearchCriteria(null, null, null, null, null, null, null, null, null, null, null, null, null,
					null, null, sort);
		}
		return new SearchCriteria(f.city(), f.country(), f.q(), decimal("minPrice", f.minPrice()),
				decimal("maxPrice", f.maxPrice()), f.currency(), f.guests(), f.propertyType(), f.amenities(), f.hostId(),
				CalendarDates.argument("checkIn", f.checkIn()), CalendarDates.argument("checkOut", f.checkOut()),
				f.lat(), f.lng(), f.radiusKm(), sort);
	}


	private static BigDecimal decimal(String field, String value) {
		try {
			return value == null ? null : new BigDecimal(value);
		}
		catch (NumberFormatException ex) {
			throw DomainException.invalidField(field, "must be a decimal number like 120.00");
		}
	}
}
