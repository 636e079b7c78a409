package io.staybook.shared.validation;

/**
 * Validation group of the constraints that hold only when a resource is created (required fields), so that one request
 * record serves both POST and PATCH.
 */
public interface OnCreate {
}
