package io.staybook.property.graphql;

import io.staybook.property.Photo;
import io.staybook.property.PhotoService;
import io.staybook.property.PropertyView;
import io.staybook.shared.security.Actor;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.springframework.graphql.data.method.annotation.Argument;
import org.springframework.graphql.data.method.annotation.BatchMapping;
import org.springframework.graphql.data.method.annotation.MutationMapping;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;

/**
 * The photo operations of the GraphQL API: {@code Property.photos} for a whole page of listings in one query, and the
 * twins of PATCH and DELETE. {@code Property.coverPhoto} is the listing's own field. Uploading is REST only.
 */
@Controller
class PhotoGraphQl {

	private final PhotoService photos;

	PhotoGraphQl(PhotoService photos) {
		this.photos = photos;
	}

	record PhotoInput(String caption, Integer position) {
	}

	/** The photos of every listing of the page, in one query. */
	@BatchMapping(typeName = "Property")
	Map<PropertyView, List<Photo>> photos(List<PropertyView> listings) {
		Map<UUID, List<Photo>> found = photos
			.ofListings(listings.stream().map(PropertyView::id).collect(Collectors.toSet()));
		return listings.stream()
			.distinct()
			.collect(Collectors.toMap(Function.identity(), p -> found.getOrDefault(p.id(), List.of())));
	}

	@MutationMapping
	Photo updatePhoto(@AuthenticationPrincipal Actor actor, @Argument UUID propertyId, @Argument UUID id,
			@Argument PhotoInput input) {
		return photos.update(Actor.required(actor), propertyId, id, input.caption(), input.position());
	}

	@MutationMapping
	boolean deletePhoto(@AuthenticationPrincipal Actor actor, @Argument UUID propertyId, @Argument UUID id) {
		photos.delete(Actor.required(actor), propertyId, id);
		return true;
	}
}
