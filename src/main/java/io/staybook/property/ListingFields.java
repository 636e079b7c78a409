package io.staybook.property;

import io.staybook.shared.DomainException;
import java.util.Collection;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * The members of a listing a search answers with, by their JSON names: {@code fields=id,title,price_per_night} (the
 * README's "Sparse fieldsets"). The names are a listing's columns ({@link PropertyRows#NAMES}) and {@code host} (the
 * host's id and first name, joined from {@code users}). Search reads only the columns these need, so that a list page
 * leaves the description in the table; {@link #ALL}, the default, is the whole listing.
 */
public final class ListingFields {

	/** {@code host} and {@code cover_photo} are the members that are not columns of {@code properties}. */
	public static final String HOST = "host";

	/** The URLs of the listing's first photo, whose keys are on the listing's row (V29); last in the JSON. */
	public static final String COVER_PHOTO = "cover_photo";

	/** Every name, in the order a listing is written in JSON ({@code host} after {@code host_id}). */
	public static final List<String> NAMES = Stream
		.of(PropertyRows.NAMES.subList(0, 2), List.of(HOST), PropertyRows.NAMES.subList(2, PropertyRows.NAMES.size()),
				List.of(COVER_PHOTO))
		.flatMap(List::stream)
		.toList();

	public static final ListingFields ALL = new ListingFields(Set.copyOf(NAMES));

	private final Set<String> names;

	private ListingFields(Set<String> names) {
		this.names = names;
	}

	/**
	 * The fields named in {@code requested} (white space around a name and empty entries are dropped, as for
	 * {@code amenities}); {@link #ALL} when the parameter was not sent.
	 * @throws DomainException 400 {@code validation_failed} on {@code fields} for an unknown name or no name at all
	 */
	public static ListingFields of(List<String> requested) {
		if (requested == null) {
			return ALL;
		}
		Set<String> names = requested.stream()
			.map(String::strip)
			.filter(name -> !name.isEmpty())
			.collect(Collectors.toCollection(LinkedHashSet::new));
		List<String> unknown = names.stream().filter(name -> !NAMES.contains(name)).toList();
		if (!unknown.isEmpty()) {
			throw DomainException.invalidField("fields",
					"unknown: " + String.join(", ", unknown) + "; the fields are " + String.join(", ", NAMES));
		}
		if (names.isEmpty()) {
			throw DomainException.invalidField("fields", "must name at least one field, or be left out for all");
		}
		return new ListingFields(Set.copyOf(names));
	}

	/**
	 * The fields among {@code names} (JSON names of a listing; others, such as a GraphQL field that is no column, are
	 * ignored), with {@code id} always: what a GraphQL page reads for the fields its query selects.
	 */
	public static ListingFields selected(Collection<String> names) {
		Set<String> known = names.stream().filter(NAMES::contains).collect(Collectors.toCollection(HashSet::new));
		known.add("id");
		return known.size() == NAMES.size() ? ALL : new ListingFields(Set.copyOf(known));
	}

	/** Whether {@code name} (a JSON name of a listing) is to be written. */
	public boolean has(String name) {
		return names.contains(name);
	}

	/** Whether this is every field: the default response. */
	public boolean isAll() {
		return names.size() == NAMES.size();
	}

	/** The columns to read besides those a page needs anyway (the id and the sort key): the host's needs its id. */
	Set<String> columns() {
		return has(HOST) && !has("host_id") ? union(names, Set.of("host_id")) : names;
	}

	static Set<String> union(Set<String> a, Set<String> b) {
		return Stream.concat(a.stream(), b.stream()).collect(Collectors.toUnmodifiableSet());
	}
}
